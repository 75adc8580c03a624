import Catalog
import Liquid

// What the Preview module needs from the render engine, so that the engine that enumerates
// permutations is the engine that renders them. Only additions here: nothing existing changes.

extension RecipientRecord {
    /// A record built in memory (Preview's representative recipients), not read from a line.
    public init(value: Value, id: String, line: Int = 0) {
        self.line = line
        self.value = value
        self.id = id
    }
}

/// What selection alone decides for a record: template, consent, holdout and blocks, no fill.
public struct SelectionOutcome: Sendable {
    /// `.rendered` when blocks were selected (the fill may still hold it), else `.suppressed` or `.held`.
    public var status: RecipientStatus
    public var template: String?
    public var personalized: Bool
    public var blocks: [String]
    public var reasons: [Reason]
}

extension Assembler {
    /// Runs the real selection (guard included) without filling the message.
    public func selectOnly(_ record: RecipientRecord) -> SelectionOutcome {
        var out = RenderedRecipient(line: record.line, id: record.id, status: .held, template: nil, personalized: false)
        let selection = select(record, into: &out)
        return SelectionOutcome(
            status: selection == nil ? out.status : .rendered, template: out.template,
            personalized: out.personalized, blocks: out.blocks, reasons: out.reasons)
    }

    /// The record as Liquid sees it under default content only (holdout, no personalization consent).
    public static func withoutPersonalData(_ v: Value) -> Value { ContentSelector.withoutPersonalData(v) }
}
