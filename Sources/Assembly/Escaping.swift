/// JSON string escaping into a byte buffer (RFC 8259; `/` left alone, non-ASCII kept as UTF-8).
enum JSON {
    static func appendEscaped(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        for b in bytes {
            if b >= 0x20 && b != 0x22 && b != 0x5C { out.append(b); continue }
            appendEscape(b, to: &out)
        }
    }

    @inline(__always) static func appendEscape(_ b: UInt8, to out: inout [UInt8]) {
        switch b {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
        }
    }

    static func string(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        appendEscaped(s.utf8, to: &out)
        out.append(0x22)
    }
}

/// HTML escaping as Liquid's autoescape does it (`& < > " '`), optionally JSON-escaped too.
enum HTMLEscape {
    static func append(_ s: String, json: Bool, to out: inout [UInt8]) {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"): out.append(contentsOf: [38, 97, 109, 112, 59])
            case UInt8(ascii: "<"): out.append(contentsOf: [38, 108, 116, 59])
            case UInt8(ascii: ">"): out.append(contentsOf: [38, 103, 116, 59])
            case UInt8(ascii: "\""): out.append(contentsOf: [38, 113, 117, 111, 116, 59])
            case UInt8(ascii: "'"): out.append(contentsOf: [38, 35, 51, 57, 59])
            default:
                if json, b < 0x20 || b == 0x5C { JSON.appendEscape(b, to: &out) } else { out.append(b) }
            }
        }
    }
}
