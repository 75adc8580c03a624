/// Why something happened to a recipient: a stable code (`block.chosen`, `holdout.draw`…) and a
/// sentence naming the block, condition, rule or variable concerned.
public struct Reason: Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var detail: String
    /// `{"code":…,"detail":…}` for reasons the selector caches and repeats for every recipient
    /// (a few KB of reasons per record): NDJSON output copies these bytes instead of escaping.
    private(set) var json: [UInt8]?

    public init(_ code: String, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// A reason built once and written many times, its JSON encoded up front.
    static func reused(_ code: String, _ detail: String) -> Reason {
        var r = Reason(code, detail)
        var out: [UInt8] = []
        r.appendJSON(to: &out)
        r.json = out
        return r
    }

    /// The reason as a JSON object.
    func appendJSON(to out: inout [UInt8]) {
        if let json { out.append(contentsOf: json); return }
        out.append(contentsOf: #"{"code":"#.utf8)
        JSON.string(code, to: &out)
        out.append(contentsOf: #","detail":"#.utf8)
        JSON.string(detail, to: &out)
        out.append(0x7D)
    }

    public var description: String { "\(code): \(detail)" }
    public static func == (a: Reason, b: Reason) -> Bool { a.code == b.code && a.detail == b.detail }
    public func hash(into h: inout Hasher) { h.combine(code); h.combine(detail) }
}

/// What became of one input record.
public enum RecipientStatus: String, Sendable {
    case rendered, suppressed, held, rejected
}
extension Reason: Error {}
