import Foundation
import Liquid

/// One NDJSON input line, read: either a record with its fields or why it was rejected.
public struct RecipientRecord {
    /// 1-based line number in the input.
    public var line: Int
    public var value: Value
    public var id: String

    /// Reads one line; a rejection carries the reason (`record.invalid-json`, `record.missing-id`).
    /// `parser`: a thread's reusable reader (faster over many lines); nil reads standalone.
    public static func read(_ bytes: some Collection<UInt8>, line: Int, parser: JSONParser? = nil) -> Result<RecipientRecord, RejectedRecord> {
        let value: Value
        do {
            value = try parser.map { try $0.parse(bytes) } ?? Value.parseJSON(bytes: bytes)
        } catch let e as JSONParseError {
            return .failure(RejectedRecord(line: line, id: nil, reason: Reason("record.invalid-json", "line \(line):\(e.column): \(e.message)")))
        } catch {
            return .failure(RejectedRecord(line: line, id: nil, reason: Reason("record.invalid-json", "line \(line): \(error)")))
        }
        guard case .object(let o) = value else {
            return .failure(RejectedRecord(line: line, id: nil, reason: Reason("record.invalid-json", "line \(line): expected a JSON object")))
        }
        guard let idValue = o["id"], let id = idValue.scalarString, !id.isEmpty else {
            return .failure(RejectedRecord(line: line, id: nil, reason: Reason("record.missing-id", "line \(line): the record has no \"id\" (a non-empty string or number)")))
        }
        return .success(RecipientRecord(line: line, value: value, id: id))
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
