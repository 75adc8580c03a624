/// Rendered bytes, bounded by the output limit. Callers may pass their own buffer in
/// (`Template.render(_:into:)`) to reuse its capacity across renders.
public struct OutputBuffer {
    public var bytes: [UInt8]
    let limit: Int
    /// Hole mode (`Template.render(_:into:holes:)`): output values are recorded here and a
    /// placeholder is written instead. Nil in normal renders and in nested buffers (capture), so
    /// captured text holds real values.
    var holes: [Hole]?
    /// Trace mode (`Template.trace`): static template text is not copied; which text, and where
    /// among the other bytes, is folded in here instead. Nil otherwise (and in nested buffers).
    var trace: UInt64?

    init(bytes: [UInt8], limit: Int) {
        self.bytes = bytes
        self.limit = limit
    }

    @inline(__always) public mutating func append(_ chunk: [UInt8]) throws {
        bytes.append(contentsOf: chunk)
        if bytes.count > limit { throw LiquidError.outputLimit(limit) }
    }

    /// Template text (`TextNode`): copied, or in trace mode only noted.
    @inline(__always) mutating func appendStatic(_ chunk: StaticBytes) throws {
        if let t = trace {
            trace = Self.fold(Self.fold(t, chunk.serial), UInt64(bytes.count))
            return
        }
        try append(chunk.buffer)
    }

    @inline(__always) static func fold(_ h: UInt64, _ x: UInt64) -> UInt64 {
        let (high, low) = (h ^ x).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return high ^ low ^ (h << 7)
    }

    @inline(__always) public mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        bytes.append(contentsOf: chunk)
        if bytes.count > limit { throw LiquidError.outputLimit(limit) }
    }

    @inline(__always) public mutating func append(_ s: String) throws {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
        if bytes.count > limit { throw LiquidError.outputLimit(limit) }
    }

    /// Appends a value as text, HTML-escaped when asked.
    public mutating func append(_ v: Value, escape: Bool) throws {
        if holes != nil { return try appendHole(v, escape: escape) }
        switch v {
        case .string(let s): escape ? appendEscaped(s) : try append(s)
        case .int(let i): appendInteger(i)
        case .null, .empty, .blank: return
        default:
            let s = v.liquidString
            escape ? appendEscaped(s) : try append(s)
        }
        if bytes.count > limit { throw LiquidError.outputLimit(limit) }
    }

    /// Writes an integer's digits without building a String.
    @inline(__always) mutating func appendInteger(_ i: Int) {
        if i >= 0 && i < 10 { bytes.append(UInt8(48 + i)); return }
        if i < 0 { bytes.append(UInt8(ascii: "-")) }
        var n = i.magnitude
        var divisor: UInt = 1
        while divisor <= n / 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(48 + n / divisor))
            n %= divisor
            divisor /= 10
        }
    }

    mutating func appendEscaped(_ s: String) {
        if !s.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) {
            var s = s
            s.withUTF8 { bytes.append(contentsOf: $0) }
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"): bytes.append(contentsOf: [38, 97, 109, 112, 59])  // &amp;
            case UInt8(ascii: "<"): bytes.append(contentsOf: [38, 108, 116, 59])  // &lt;
            case UInt8(ascii: ">"): bytes.append(contentsOf: [38, 103, 116, 59])  // &gt;
            case UInt8(ascii: "\""): bytes.append(contentsOf: [38, 113, 117, 111, 116, 59])  // &quot;
            case UInt8(ascii: "'"): bytes.append(contentsOf: [38, 35, 51, 57, 59])  // &#39;
            default: bytes.append(b)
            }
        }
    }

    /// Records a value as a hole and writes its placeholder `U+E000 <index> U+E001`.
    mutating func appendHole(_ v: Value, escape: Bool) throws {
        let text: String
        switch v {
        case .string(let s): text = s
        case .null, .empty, .blank: text = ""
        default: text = v.liquidString
        }
        appendPlaceholder(holes!.count)
        holes!.append(Hole(text: text, safe: !escape))
        if bytes.count > limit { throw LiquidError.outputLimit(limit) }
    }

    @inline(__always) mutating func appendPlaceholder(_ index: Int) {
        bytes.append(contentsOf: Hole.open)
        appendInteger(index)
        bytes.append(contentsOf: Hole.close)
    }
}
