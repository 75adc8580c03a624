/// The one-level JSON objects of a conversions file: string keys to strings and numbers (other
/// values are kept as `.other`, nested ones skipped). A small reader of its own keeps the
/// module free of dependencies and reads ~1,000,000 lines in about a second.
enum FlatJSON {
    struct Failure: Error {
        var column: Int
        var message: String
    }

    static func object(_ b: UnsafeBufferPointer<UInt8>) -> Result<[String: Field], Failure> {
        var i = 0
        func fail(_ m: String) -> Result<[String: Field], Failure> { .failure(Failure(column: i + 1, message: m)) }
        func space() { while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 13 { i += 1 } }
        space()
        guard i < b.count, b[i] == 123 else { return fail("expected a JSON object ({…})") }
        i += 1
        var out: [String: Field] = [:]
        space()
        if i < b.count, b[i] == 125 { i += 1; space(); return i == b.count ? .success(out) : fail("unexpected text after the object") }
        while true {
            space()
            guard i < b.count, b[i] == 34, let key = string(b, &i) else { return fail("expected a member name in double quotes") }
            space()
            guard i < b.count, b[i] == 58 else { return fail("expected ':' after \"\(key)\"") }
            i += 1
            space()
            guard i < b.count else { return fail("expected a value for \"\(key)\"") }
            switch b[i] {
            case 34:
                guard let s = string(b, &i) else { return fail("unterminated string or bad escape") }
                out[key] = .text(s)
            case 45, 48...57:
                let start = i
                while i < b.count, (b[i] >= 48 && b[i] <= 57) || b[i] == 45 || b[i] == 43 || b[i] == 46 || b[i] == 101 || b[i] == 69 { i += 1 }
                guard let n = Double(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) else {
                    i = start
                    return fail("malformed number")
                }
                out[key] = .number(n)
            case 123, 91:
                guard skipNested(b, &i) else { return fail("unterminated object or array") }
                out[key] = .other
            default:
                let words: [[UInt8]] = [Array("true".utf8), Array("false".utf8), Array("null".utf8)]
                guard let w = words.first(where: { w in i + w.count <= b.count && zip(w, b[i..<(i + w.count)]).allSatisfy { $0 == $1 } }) else {
                    return fail("expected a value (string, number, true, false, null, object or array)")
                }
                i += w.count
                out[key] = .other
            }
            space()
            guard i < b.count else { return fail("expected ',' or '}'") }
            if b[i] == 44 { i += 1; continue }
            if b[i] == 125 { i += 1; break }
            return fail("expected ',' or '}'")
        }
        space()
        return i == b.count ? .success(out) : fail("unexpected text after the object")
    }

    /// A string starting at the quote at `i`; `i` ends past the closing quote.
    private static func string(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> String? {
        i += 1
        let start = i
        var plain = true
        while i < b.count, b[i] != 34 {
            if b[i] == 92 { plain = false; i += 1 }
            i += 1
        }
        guard i < b.count else { return nil }
        let raw = UnsafeBufferPointer(rebasing: b[start..<i])
        i += 1
        if plain { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        var j = 0
        while j < raw.count {
            let c = raw[j]
            guard c == 92 else { out.append(c); j += 1; continue }
            j += 1
            guard j < raw.count else { return nil }
            switch raw[j] {
            case 34, 92, 47: out.append(raw[j])
            case 98: out.append(8)
            case 102: out.append(12)
            case 110: out.append(10)
            case 114: out.append(13)
            case 116: out.append(9)
            case 117:
                guard j + 4 < raw.count,
                    let u = UInt32(String(decoding: UnsafeBufferPointer(rebasing: raw[(j + 1)...(j + 4)]), as: UTF8.self), radix: 16)
                else { return nil }
                // Surrogate pairs are rare in ids; a lone one becomes U+FFFD.
                out.append(contentsOf: Array(String(Unicode.Scalar(u).map(Character.init) ?? "\u{FFFD}").utf8))
                j += 4
            default: return nil
            }
            j += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Skips a nested object or array (strings inside may hold brackets).
    private static func skipNested(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Bool {
        var depth = 0
        while i < b.count {
            switch b[i] {
            case 123, 91: depth += 1
            case 125, 93:
                depth -= 1
                if depth == 0 { i += 1; return true }
            case 34:
                i += 1
                while i < b.count, b[i] != 34 { if b[i] == 92 { i += 1 }; i += 1 }
            default: break
            }
            i += 1
        }
        return false
    }
}

/// RFC 4180 fields of one CSV line (quoted fields may hold commas and doubled quotes).
enum CSV {
    static func fields(_ b: UnsafeBufferPointer<UInt8>) -> [String] {
        var out: [String] = []
        var field: [UInt8] = []
        var i = 0, quoted = false
        while i < b.count {
            let c = b[i]
            if quoted {
                if c == 34 {
                    if i + 1 < b.count, b[i + 1] == 34 { field.append(34); i += 1 } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == 34 {
                quoted = true
            } else if c == 44 {
                out.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else {
                field.append(c)
            }
            i += 1
        }
        out.append(String(decoding: field, as: UTF8.self))
        return out
    }
}
