import Foundation

/// A small order-preserving JSON reader (Liquid iterates objects in source order, which
/// JSONSerialization does not keep). Used for loading data, never while rendering.
struct JSONReader {
    let bytes: [UInt8]
    var pos = 0
    /// Nesting of arrays and objects, bounded so hostile data cannot exhaust the stack.
    var depth = 0
    static let maxDepth = 512

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    struct Failure: Error {
        let offset: Int
        let message: String
    }

    mutating func parseDocument() throws -> Value {
        do {
            let v = try parseValue()
            skipSpace()
            if pos < bytes.count { throw Failure(offset: pos, message: "unexpected trailing characters") }
            return v
        } catch let f as Failure {
            var line = 1, lineStart = 0
            for i in 0..<min(f.offset, bytes.count) where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            let column = String(decoding: bytes[lineStart..<min(f.offset, bytes.count)], as: UTF8.self).count + 1
            throw JSONParseError(line: line, column: column, message: f.message)
        }
    }

    mutating func skipSpace() {
        while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x0A || bytes[pos] == 0x0D || bytes[pos] == 0x09 { pos += 1 }
    }

    mutating func parseValue() throws -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw Failure(offset: pos, message: "nested deeper than \(Self.maxDepth) levels") }
        skipSpace()
        guard pos < bytes.count else { throw Failure(offset: pos, message: "unexpected end of input") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        default: return try parseNumber()
        }
    }

    mutating func expectWord(_ w: String) throws {
        let u = Array(w.utf8)
        guard pos + u.count <= bytes.count, Array(bytes[pos..<pos + u.count]) == u else {
            throw Failure(offset: pos, message: "expected \(w)")
        }
        pos += u.count
    }

    mutating func parseObject() throws -> Value {
        pos += 1
        var obj = LiquidObject()
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(obj) }
        while true {
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw Failure(offset: pos, message: "expected a string key") }
            let key = try parseString()
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw Failure(offset: pos, message: "expected ':'") }
            pos += 1
            obj[key] = try parseValue()
            skipSpace()
            guard pos < bytes.count else { throw Failure(offset: pos, message: "unterminated object") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(obj) }
            throw Failure(offset: pos, message: "expected ',' or '}'")
        }
    }

    mutating func parseArray() throws -> Value {
        pos += 1
        var items: [Value] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
        while true {
            items.append(try parseValue())
            skipSpace()
            guard pos < bytes.count else { throw Failure(offset: pos, message: "unterminated array") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
            throw Failure(offset: pos, message: "expected ',' or ']'")
        }
    }

    mutating func parseString() throws -> String {
        pos += 1
        var out: [UInt8] = []
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") { pos += 1; return String(decoding: out, as: UTF8.self) }
            if c == UInt8(ascii: "\\") {
                pos += 1
                guard pos < bytes.count else { break }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                        pos += 2
                        let low = try hex4()
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: out.append(e)
                }
                continue
            }
            out.append(c)
            pos += 1
        }
        throw Failure(offset: pos, message: "unterminated string")
    }

    mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[pos..<pos + 4], as: UTF8.self), radix: 16) else {
            throw Failure(offset: pos, message: "bad \\u escape")
        }
        pos += 4
        return v
    }

    mutating func parseNumber() throws -> Value {
        let start = pos
        var isFloat = false
        while pos < bytes.count {
            let c = bytes[pos]
            if (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { pos += 1 }
            else if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { isFloat = true; pos += 1 }
            else { break }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if !isFloat, let i = Int(text) { return .int(i) }
        if let d = Double(text) { return .double(d) }
        throw Failure(offset: start, message: "unexpected character")
    }
}

/// A JSON syntax error in data, with its 1-based line and column.
public struct JSONParseError: Error, CustomStringConvertible, Sendable {
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "\(line):\(column): \(message)" }
}
