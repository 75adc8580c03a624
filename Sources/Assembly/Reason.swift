/// Why something happened to a recipient: a stable code (`block.chosen`, `holdout.draw`…) and a
/// sentence naming the block, condition, rule or variable concerned.
public struct Reason: Sendable, Hashable, CustomStringConvertible {
    /// Code, detail and (for reused reasons) JSON behind one reference: a record carries ~25
    /// reasons, most shared by every recipient, and copying one is a retain, not three.
    private final class Text: Sendable {
        let code: String
        let detail: String
        /// `{"code":…,"detail":…}` for reasons built once and written many times.
        let json: [UInt8]?
        init(_ code: String, _ detail: String, json: [UInt8]?) {
            self.code = code
            self.detail = detail
            self.json = json
        }
    }
    private let text: Text

    public var code: String { text.code }
    public var detail: String { text.detail }

    public init(_ code: String, _ detail: String) {
        text = Text(code, detail, json: nil)
    }

    private init(text: Text) { self.text = text }

    /// A reason built once and written many times (the selector caches these and repeats them
    /// for every recipient, a few KB per record): its JSON is encoded up front, so NDJSON output
    /// copies bytes instead of escaping.
    static func reused(_ code: String, _ detail: String) -> Reason {
        var out: [UInt8] = []
        Reason(code, detail).appendJSON(to: &out)
        return Reason(text: Text(code, detail, json: out))
    }

    /// The reason as a JSON object.
    func appendJSON(to out: inout [UInt8]) {
        if let json = text.json { out.append(contentsOf: json); return }
        out.append(contentsOf: #"{"code":"#.utf8)
        JSONEscape.string(code, to: &out)
        out.append(contentsOf: #","detail":"#.utf8)
        JSONEscape.string(detail, to: &out)
        out.append(0x7D)
    }

    public var description: String { "\(code): \(detail)" }
    public static func == (a: Reason, b: Reason) -> Bool { a.text === b.text || (a.code == b.code && a.detail == b.detail) }
    public func hash(into h: inout Hasher) { h.combine(code); h.combine(detail) }
}

/// What became of one input record.
public enum RecipientStatus: String, Sendable {
    case rendered, suppressed, held, rejected
}
extension Reason: Error {}
