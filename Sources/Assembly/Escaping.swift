/// JSON string escaping into a byte buffer (RFC 8259; `/` left alone, non-ASCII kept as UTF-8).
/// Runs of bytes that need no escape are copied in one go: output writing is the floor.
enum JSONEscape {
    static func appendEscaped(_ buf: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        EscapeTable.flags.withUnsafeBufferPointer { flags in
            var start = 0
            while true {
                let i = EscapeTable.next(in: buf, from: start, mask: EscapeTable.json, flags: flags)
                if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i])) }
                if i == buf.count { return }
                appendEscape(buf[i], to: &out)
                start = i + 1
            }
        }
    }

    static func appendEscaped(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { appendEscaped($0, to: &out) }
    }

    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        withUTF8(of: s) { appendEscaped($0, to: &out) }
    }

    @inline(__always) static func appendEscape(_ b: UInt8, to out: inout [UInt8]) {
        switch b {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            let h = hex.utf8Start
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 48, 48, h[Int(b >> 4)], h[Int(b & 15)]])
        }
    }

    static func string(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        appendEscaped(s, to: &out)
        out.append(0x22)
    }
}

/// HTML escaping as Liquid's autoescape does it (`& < > " '`), optionally JSON-escaped too.
enum HTMLEscape {
    static func append(_ s: String, json: Bool, to out: inout [UInt8]) {
        let mask = json ? EscapeTable.html | EscapeTable.json : EscapeTable.html
        withUTF8(of: s) { buf in
            EscapeTable.flags.withUnsafeBufferPointer { flags in
                var start = 0
                while true {
                    let i = EscapeTable.next(in: buf, from: start, mask: mask, flags: flags)
                    if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i])) }
                    if i == buf.count { return }
                    switch buf[i] {
                    case 38: out.append(contentsOf: [38, 97, 109, 112, 59])  // &amp;
                    case 60: out.append(contentsOf: [38, 108, 116, 59])  // &lt;
                    case 62: out.append(contentsOf: [38, 103, 116, 59])  // &gt;
                    case 34: out.append(contentsOf: [38, 113, 117, 111, 116, 59])  // &quot;
                    case 39: out.append(contentsOf: [38, 35, 51, 57, 59])  // &#39;
                    default: JSONEscape.appendEscape(buf[i], to: &out)
                    }
                    start = i + 1
                }
            }
        }
    }
}

/// A string's UTF-8 bytes, in place when it has them contiguous (always, for native strings):
/// `var copy = s; copy.withUTF8` would retain and release the string for every value escaped.
@inline(__always)
func withUTF8<R>(of s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = s
    return copy.withUTF8(body)
}

/// Which bytes each escaping must rewrite, one table lookup per byte (hole values are escaped
/// for every recipient: a chain of comparisons per byte was a visible share of a render).
enum EscapeTable {
    static let json: UInt8 = 1
    static let html: UInt8 = 2
    static let flags: [UInt8] = (0..<256).map { b in
        var f: UInt8 = 0
        if b < 0x20 || b == 0x22 || b == 0x5C { f |= json }
        if b == 38 || b == 60 || b == 62 || b == 34 || b == 39 { f |= html }
        return f
    }

    /// The index of the first byte at or after `from` that `mask` says to escape, or
    /// `buf.count`. Eight bytes are tested at once (SWAR): values are mostly plain text, and a
    /// table lookup per byte was most of the cost of escaping them.
    @inline(__always)
    static func next(in buf: UnsafeBufferPointer<UInt8>, from: Int, mask: UInt8, flags: UnsafeBufferPointer<UInt8>) -> Int {
        var i = from
        let n = buf.count
        if let base = buf.baseAddress.map(UnsafeRawPointer.init) {
            while i + 8 <= n, !mayNeedEscape(base.loadUnaligned(fromByteOffset: i, as: UInt64.self), mask: mask) { i += 8 }
        }
        while i < n, flags[Int(buf[i])] & mask == 0 { i += 1 }
        return i
    }

    /// Whether any of the eight bytes in `w` is one `mask` escapes (exact, not a hint: the
    /// zero-byte and less-than tests below have no false positives for "some byte matches").
    @inline(__always)
    static func mayNeedEscape(_ w: UInt64, mask: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasByte(_ b: UInt8) -> Bool {
            let v = w ^ (ones &* UInt64(b))
            return (v &- ones) & ~v & high != 0
        }
        if mask & json != 0 {
            if (w &- ones &* 0x20) & ~w & high != 0 || hasByte(0x22) || hasByte(0x5C) { return true }  // controls, " and \
        }
        if mask & html != 0 {
            if hasByte(0x26) || hasByte(0x3C) || hasByte(0x3E) || hasByte(0x22) || hasByte(0x27) { return true }  // & < > " '
        }
        return false
    }
}
