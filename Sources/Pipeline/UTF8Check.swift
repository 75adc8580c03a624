/// Strict UTF-8 validation of an input line (the JSON reader would otherwise repair bad bytes
/// into U+FFFD silently; the pipeline rejects the record instead, naming the byte). `package`:
/// `tessera serve` checks its request bodies with the same code.
package enum UTF8Check {
    /// The 0-based offset of the first byte that is not valid UTF-8, or nil.
    package static func firstInvalid(_ p: UnsafeRawBufferPointer) -> Int? {
        let n = p.count
        guard let base = p.baseAddress else { return nil }
        var i = 0
        while i < n {
            // ASCII fast path, 8 bytes at a time.
            if i + 8 <= n, base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b0 = base.load(fromByteOffset: i, as: UInt8.self)
            if b0 < 0x80 { i += 1; continue }
            @inline(__always) func cont(_ k: Int) -> UInt8? {
                guard i + k < n else { return nil }
                let b = base.load(fromByteOffset: i + k, as: UInt8.self)
                return b & 0xC0 == 0x80 ? b : nil
            }
            switch b0 {
            case 0xC2...0xDF:
                guard cont(1) != nil else { return i }
                i += 2
            case 0xE0...0xEF:
                guard let b1 = cont(1), cont(2) != nil else { return i }
                if b0 == 0xE0 && b1 < 0xA0 { return i }  // overlong
                if b0 == 0xED && b1 > 0x9F { return i }  // surrogate
                i += 3
            case 0xF0...0xF4:
                guard let b1 = cont(1), cont(2) != nil, cont(3) != nil else { return i }
                if b0 == 0xF0 && b1 < 0x90 { return i }  // overlong
                if b0 == 0xF4 && b1 > 0x8F { return i }  // above U+10FFFF
                i += 4
            default:
                return i
            }
        }
        return nil
    }
}
