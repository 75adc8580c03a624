/// What the Pipeline module needs from an output record beyond the Assembler: records it
/// decides itself (a line rejected before parsing, a duplicate id, a frequency cap).
extension RenderedRecipient {
    /// A record rejected before or instead of rendering (bad bytes, too large, duplicate id).
    public static func rejected(line: Int, id: String?, reason: Reason) -> RenderedRecipient {
        RenderedRecipient(line: line, id: id, status: .rejected, template: nil, personalized: false, reasons: [reason])
    }

    /// What `suppressed(_:)` reads of this record, kept while a frequency cap is decided later
    /// (by a journal, as the batch commits): the message itself (skeleton, holes, blocks) is
    /// let go at once, by the thread that rendered it, rather than carried to the writer.
    public var keptForSuppression: RenderedRecipient {
        var r = RenderedRecipient(line: line, id: id, status: status, template: template, personalized: personalized, reasons: reasons)
        r.email = email
        r.assignments = assignments
        r.segments = segments
        return r
    }

    /// This record suppressed after selection (a frequency cap): the template and the reasons
    /// so far are kept, the message is dropped and `reason` appended.
    public func suppressed(_ reason: Reason) -> RenderedRecipient {
        var r = RenderedRecipient(
            line: line, id: id, status: .suppressed, template: template, personalized: false,
            reasons: reasons + [reason])
        r.email = email
        r.assignments = assignments
        r.segments = segments
        return r
    }
}
