import Catalog

/// `tessera explain`: the template decision, consent and holdout, then per slot every candidate
/// and what happened to it, then the outcome.
public enum Explainer {
    public static func explain(_ record: RecipientRecord, assembler: Assembler) -> String {
        var lines: [String] = ["recipient \(record.id) (line \(record.line))"]
        var out = RenderedRecipient(line: record.line, id: record.id, status: .held, template: nil, personalized: false)
        let selection = assembler.select(record, into: &out)
        let perSlot = ["block.", "slot.", "guard.", "experiment.excluded"]
        func isSlotReason(_ r: Reason) -> Bool { perSlot.contains { r.code.hasPrefix($0) } && r.detail.contains(": ") }
        for r in out.reasons where !isSlotReason(r) {
            lines.append("  \(r.code): \(r.detail)")
        }
        if let t = out.template, let template = assembler.catalog.template(t), out.status != .suppressed {
            lines.append("template \(t) (\(template.channel)); personalized: \(out.personalized)")
            for slot in template.slots {
                let fallback = slot.fallback.map { "; fallback \($0)" } ?? ""
                lines.append("  slot \(slot.name) (accepts \(slot.accepts.joined(separator: ", ")); min \(slot.min), max \(slot.max)\(fallback))")
                let prefix = "\(slot.name): "
                for r in out.reasons where isSlotReason(r) && r.detail.hasPrefix(prefix) {
                    lines.append("    \(pad(r.code)) \(r.detail.dropFirst(prefix.count))")
                }
            }
        }
        if let selection {
            let before = out.reasons.count
            assembler.fill(selection, record: record, into: &out)
            for r in out.reasons.dropFirst(before) { lines.append("  \(r.code): \(r.detail)") }
        }
        lines.append("status: \(out.status.rawValue)")
        if out.status == .rendered {
            lines.append("subject: \(out.subject)")
            lines.append("blocks: \(out.blocks.joined(separator: ", "))")
            if !out.claims.isEmpty { lines.append("claims: \(out.claims.joined(separator: ", "))") }
            if !out.signals.isEmpty { lines.append("signals: \(out.signals.joined(separator: ", "))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String) -> String { s.count >= 22 ? s : s + String(repeating: " ", count: 22 - s.count) }
}
