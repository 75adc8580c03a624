/// Why something happened to a recipient: a stable code (`block.chosen`, `holdout.draw`…) and a
/// sentence naming the block, condition, rule or variable concerned.
public struct Reason: Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var detail: String
    public init(_ code: String, _ detail: String) {
        self.code = code
        self.detail = detail
    }
    public var description: String { "\(code): \(detail)" }
}

/// What became of one input record.
public enum RecipientStatus: String, Sendable {
    case rendered, suppressed, held, rejected
}
extension Reason: Error {}
