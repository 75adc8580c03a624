import Foundation
import Liquid

/// One NDJSON input line, read: either a record with its fields or why it was rejected.
public struct RecipientRecord {
    /// 1-based line number in the input.
    public var line: Int
    public var value: Value
    public var id: String

    /// Reads one line; a rejection carries the reason (`record.invalid-json`, `record.missing-id`)
    /// and the record's id when one can still be read (`RecordIDScanner`).
    /// `parser`: a thread's reusable reader (faster over many lines); nil reads standalone.
    public static func read(_ bytes: some Collection<UInt8>, line: Int, parser: JSONParser? = nil) -> Result<RecipientRecord, RejectedRecord> {
        let value: Value
        do {
            value = try parser.map { try $0.parse(bytes) } ?? Value.parseJSON(bytes: bytes)
        } catch let e as JSONParseError {
            return .failure(
                RejectedRecord(
                    line: line, id: RecordIDScanner.id(in: bytes), reason: Reason("record.invalid-json", "line \(line):\(e.column): \(e.message)")))
        } catch {
            return .failure(
                RejectedRecord(line: line, id: RecordIDScanner.id(in: bytes), reason: Reason("record.invalid-json", "line \(line): \(error)")))
        }
        guard case .object(let o) = value else {
            return .failure(RejectedRecord(line: line, id: nil, reason: Reason("record.invalid-json", "line \(line): expected a JSON object")))
        }
        guard let idValue = o["id"], let id = Self.idText(idValue, bytes), !id.isEmpty else {
            return .failure(
                RejectedRecord(
                    line: line, id: nil, reason: Reason("record.missing-id", "line \(line): the record has no \"id\" (a non-empty string or number)"))
            )
        }
        return .success(RecipientRecord(line: line, value: value, id: id))
    }

    /// The id as its source text. A string is its text; an integer in JSON's canonical form is
    /// its decimal digits, which is what `String(Int)` prints. A number that became a `Double`
    /// (over 2^63, a fraction or an exponent) or a zero (`-0`) is read again from the line's
    /// bytes, so `12345678901234567891` and `12345678901234567892` stay two ids (as doubles
    /// they are one). Only those rare ids pay for the second look.
    static func idText(_ v: Value, _ bytes: some Collection<UInt8>) -> String? {
        switch v {
        case .string(let s): return s
        case .int(let i) where i != 0: return String(i)
        case .int, .double: return RecordIDScanner.id(in: bytes)
        default: return nil
        }
    }

    public subscript(path: String...) -> Value? { value.at(path) }
    public func string(_ path: MemberPath) -> String? { value.member(at: path)?.scalarString }
    public func bool(_ path: MemberPath) -> Bool? {
        if case .bool(let b)? = value.member(at: path) { return b }
        return nil
    }
    public func string(_ path: String...) -> String? { value.at(path)?.scalarString }
    public func bool(_ path: String...) -> Bool? {
        if case .bool(let b)? = value.at(path) { return b }
        return nil
    }
}

/// The record fields Assembly reads for every recipient.
extension MemberPath {
    static let email = MemberPath("email")
    static let locale = MemberPath("locale")
    static let market = MemberPath("market")
    static let consentEmail = MemberPath("consent", "email")
    static let consentPersonalization = MemberPath("consent", "personalization")
    static let decisionTemplate = MemberPath("decision", "template")
    static let decisionAction = MemberPath("decision", "action")
    static let decisionOffer = MemberPath("decision", "offer")
    static let decisionGroup = MemberPath("decision", "group")
}

public struct RejectedRecord: Error {
    public var line: Int
    public var id: String?
    public var reason: Reason
}

extension Value {
    /// The value at a key path of nested objects (paths read per recipient use a `MemberPath`
    /// made once instead).
    func at(_ path: [String]) -> Value? { member(at: MemberPath(keys: path)) }

    /// Strings and numbers as text; nil for anything else.
    var scalarString: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        default: return nil
        }
    }
}

/// Reads the top-level `"id"` member of an NDJSON line without a full parse: for a rejected
/// line (invalid JSON after the id, invalid UTF-8 elsewhere, the first bytes of a line too long
/// to keep) and for numeric ids, whose source text the JSON reader does not keep.
///
/// The object's own members are checked strictly (keys, `:`, `,`, scalar syntax); nested
/// objects and arrays are skipped by bracket depth outside strings. The scan stops where the
/// bytes stop being a JSON object (or run out) and returns the last `"id"` seen before that
/// (the JSON reader also lets a later duplicate win), if it was a string of valid UTF-8 or a
/// number with its end in view. Linear in the bytes, no recursion.
public enum RecordIDScanner {
    public static func id(in bytes: some Collection<UInt8>) -> String? {
        if let r = bytes.withContiguousStorageIfAvailable({ id(in: UnsafeRawBufferPointer($0)) }) { return r }
        return Array(bytes).withUnsafeBytes { id(in: $0) }
    }

    public static func id(in p: UnsafeRawBufferPointer) -> String? {
        var s = Scanner(p)
        var found: String?
        s.space()
        guard s.take(UInt8(ascii: "{")) else { return nil }
        s.space()
        if s.peek == UInt8(ascii: "}") { return nil }
        while true {
            s.space()
            guard let key = s.string() else { return found }
            s.space()
            guard s.take(UInt8(ascii: ":")) else { return found }
            s.space()
            if key == "id" {
                switch s.peek {
                case UInt8(ascii: "\""): guard let v = s.string() else { return found }; found = v
                default:
                    guard let v = s.number(), s.delimited else { return found }
                    found = v
                }
            } else if !s.skipValue() {
                return found
            }
            s.space()
            if s.take(UInt8(ascii: ",")) { continue }
            return found
        }
    }

    private struct Scanner {
        let p: UnsafeRawBufferPointer
        var i = 0
        init(_ p: UnsafeRawBufferPointer) { self.p = p }

        var peek: UInt8? { i < p.count ? p[i] : nil }
        /// A number's end is in view: the next byte exists and is not part of it.
        var delimited: Bool {
            guard let b = peek else { return false }
            return b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
        }

        mutating func space() {
            while let b = peek, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1 }
        }

        mutating func take(_ b: UInt8) -> Bool {
            guard peek == b else { return false }
            i += 1
            return true
        }

        /// A JSON string, unescaped; nil if malformed, unterminated or not valid UTF-8.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var out: [UInt8] = []
            while let b = peek {
                i += 1
                switch b {
                case UInt8(ascii: "\""):
                    let s = String(decoding: out, as: UTF8.self)
                    return Array(s.utf8) == out ? s : nil  // invalid UTF-8 does not round-trip
                case UInt8(ascii: "\\"):
                    guard let e = peek else { return nil }
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(), (0xDC00..<0xE000).contains(low) else {
                                return nil
                            }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let u = Unicode.Scalar(scalar) else { return nil }
                        out += Array(String(Character(u)).utf8)
                    default: return nil
                    }
                case 0..<0x20: return nil
                default: out.append(b)
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard i + 4 <= p.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let d = Character(Unicode.Scalar(p[i])).hexDigitValue else { return nil }
                v = v << 4 | UInt32(d)
                i += 1
            }
            return v
        }

        /// A JSON number's source text (grammar checked).
        mutating func number() -> String? {
            let start = i
            _ = take(UInt8(ascii: "-"))
            let integer = i
            let n = digits()
            guard n > 0, n == 1 || p[integer] != UInt8(ascii: "0") else { return nil }  // no leading zeros
            if take(UInt8(ascii: ".")) { guard digits() > 0 else { return nil } }
            if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
                if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
                guard digits() > 0 else { return nil }
            }
            return String(decoding: UnsafeRawBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
        }

        private mutating func digits() -> Int {
            let start = i
            while let b = peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }

        /// Skips one member value: scalars checked, containers by depth (strings respected).
        mutating func skipValue() -> Bool {
            switch peek {
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while let b = peek {
                    i += 1
                    switch b {
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { return true }
                    case UInt8(ascii: "\""):
                        i -= 1
                        guard skipString() else { return false }
                    default: break
                    }
                }
                return false
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number() != nil
            }
        }

        /// A string inside a skipped container: only its end matters.
        private mutating func skipString() -> Bool {
            i += 1
            while let b = peek {
                i += 1
                if b == UInt8(ascii: "\"") { return true }
                if b == UInt8(ascii: "\\") { i += 1 }
            }
            return false
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + n <= p.count, memcmp(p.baseAddress! + i, word.utf8Start, n) == 0 else { return false }
            i += n
            return true
        }
    }
}
