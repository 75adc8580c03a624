import Catalog

/// `tessera explain`: per slot, every candidate and what happened to it.
public enum Explainer {
    public static func explain(_ record: RecipientRecord, assembler: Assembler) -> String {
        var lines: [String] = ["recipient \(record.id) (line \(record.line))"]
        var out = RenderedRecipient(line: record.line, id: record.id, status: .held, template: nil, personalized: false)
        let selection = assembler.select(record, into: &out)
        for r in out.reasons where !r.code.hasPrefix("block.") && !r.code.hasPrefix("slot.") && !r.code.hasPrefix("guard.") {
            lines.append("  \(r.code): \(r.detail)")
        }
        if let t = out.template, let template = assembler.catalog.template(t) {
            var sel = selection
            if sel == nil, out.status == .held, !out.blocks.isEmpty || !out.reasons.contains(where: { $0.code.hasPrefix("slot.") }) {
                sel = nil
            }
            lines.append("template \(t) (\(template.channel)); personalized: \(out.personalized)")
            for slot in template.slots {
                lines.append("  slot \(slot.name) (accepts \(slot.accepts.joined(separator: ", ")); min \(slot.min), max \(slot.max)\(slot.fallback.map { "; fallback \($0)" } ?? ""))")
                let prefix = "\(slot.name): "
                for r in out.reasons where (r.code.hasPrefix("block.") || r.code.hasPrefix("slot.") || r.code.hasPrefix("guard.")) && r.detail.hasPrefix(prefix) {
                    lines.append("    \(pad(r.code)) \(r.detail.dropFirst(prefix.count))")
                }
            }
        }
        if out.status == .suppressed || out.status == .held && selection == nil {
            lines.append("status: \(out.status.rawValue)")
        } else if let selection {
            assembler.fill(selection, record: record, into: &out)
            lines.append("status: \(out.status.rawValue)")
            if out.status == .held, let last = out.reasons.last { lines.append("  \(last.code): \(last.detail)") }
            if out.status == .rendered {
                lines.append("subject: \(out.subject)")
                lines.append("blocks: \(out.blocks.joined(separator: ", "))")
                if !out.claims.isEmpty { lines.append("claims: \(out.claims.joined(separator: ", "))") }
                if !out.signals.isEmpty { lines.append("signals: \(out.signals.joined(separator: ", "))") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String) -> String { s.count >= 22 ? s : s + String(repeating: " ", count: 22 - s.count) }
}
