import BrandContext
import Diagnostics
import Foundation
import Liquid
import Yams

/// Decodes one template file.
struct TemplateReader {
    let file: ContentFile
    var reader: MappingReader { file.reader }
    var display: String { file.display }
    var diagnostics: DiagnosticSink { file.diagnostics }

    func read() -> TemplateDefinition? {
        let id = file.id()
        let channel = reader.string("channel", required: true)
        if let c = channel, !CatalogLoader.channels.contains(c) {
            reader.error(reader.value("channel"), "unknown channel '\(c)': expected email or page\(Suggest.hint(for: c, in: CatalogLoader.channels))")
        }
        let actions = reader.stringOrList("actions") ?? []
        let subject = liquidField("subject")
        let preheader = liquidField("preheader")
        let slots = readSlots()
        let holdout = reader.number("holdout_percent", range: 0...100)
        // Frequency caps (guardrails.yaml) count messages per channel and category.
        let category = reader.string("category") ?? "marketing"
        let suppressions = readSuppressions(reader)
        let experiments = ExperimentReader(reader: reader, slots: slots).read()

        let marked = HeadMerger.merge(file.markedBody())
        let markedParts = Self.cut(marked)
        let parts = markedParts.map { part -> BodyPart in if case .text(let t) = part { return .text(SourceOrigins.strip(t).0) } else { return part }
        }
        let source = SourceOrigins.strip(marked).0
        let (bare, origins) = SourceOrigins.strip(markedParts.map { if case .text(let t) = $0 { return t } else { return "" } }.joined())
        let body = parseLiquid(bare, origins: origins, env: file.env, file: display, diagnostics: diagnostics)
        checkSlotsPlaced(parts, slots)
        guard let id, let channel, let subject, let preheader, let body else { return nil }
        return TemplateDefinition(
            id: id, channel: channel, actions: actions, subject: subject, preheader: preheader,
            slots: slots, holdoutPercent: holdout, parts: parts, body: body,
            suppressions: suppressions, file: display, bodyLine: file.fm.bodyLine, bodySource: source,
            category: category, experiments: experiments, markedParts: markedParts, bodyOrigins: origins)
    }

    /// Subject and preheader are Liquid rendering plain text (no HTML escaping: the body escapes
    /// them where it prints `{{ subject }}`); an absent one is empty.
    func liquidField(_ key: String) -> Template? {
        var plain = file.env
        plain.autoescape = false
        guard let v = reader.value(key) else { return parseLiquid("", line: 1, env: plain, file: display, diagnostics: diagnostics) }
        guard let s = reader.string(key) else { return nil }
        return parseLiquid(s, line: reader.source.location(v).line, env: plain, file: display, diagnostics: diagnostics)
    }

    func readSlots() -> [SlotDefinition] {
        guard let v = reader.value("slots", required: true) else { return [] }
        guard let m = v.mapping else { reader.error(v, "'slots' must map slot names to {accepts, min, max, fallback}"); return [] }
        var out: [SlotDefinition] = []
        for (k, node) in m {
            let name = k.string ?? ""
            guard let r = MappingReader(node, in: reader.source, what: "slot '\(name)'", allowed: CatalogLoader.slotKeys) else { continue }
            let accepts = r.stringOrList("accepts") ?? []
            if accepts.isEmpty { r.error(node, "slot '\(name)' must list the block tags it 'accepts'") }
            let min = r.int("min", range: 0...100) ?? 0
            let max = r.int("max", range: 1...100) ?? Swift.max(1, min)
            if max < min { r.error(r.value("max"), "slot '\(name)': max \(max) is below min \(min)") }
            let loc = reader.source.location(k)
            out.append(SlotDefinition(name: name, accepts: accepts, min: min, max: max, fallback: r.string("fallback"), location: loc))
        }
        return out
    }

    func checkSlotsPlaced(_ parts: [BodyPart], _ slots: [SlotDefinition]) {
        let placed = parts.compactMap { if case .slot(let n) = $0 { return n } else { return nil } }
        for name in placed where !slots.contains(where: { $0.name == name }) {
            diagnostics.error(
                SourceLocation(file: display, line: line(ofSlot: name), column: 1),
                "<mj-slot name=\"\(name)\"> is not declared in 'slots'\(Suggest.hint(for: name, in: slots.map(\.name)))")
        }
        for s in slots where !placed.contains(s.name) {
            diagnostics.warning(s.location, "slot '\(s.name)' is declared but no <mj-slot name=\"\(s.name)\"/> places it")
        }
    }

    func line(ofSlot name: String) -> Int {
        guard let r = file.fm.body.range(of: "name=\"\(name)\"") else { return file.fm.bodyLine }
        return file.fm.bodyLine + file.fm.body[..<r.lowerBound].filter { $0 == "\n" }.count
    }

    /// Cuts a body at its `<mj-slot name="…"/>` tags (also `<mj-slot name="…"></mj-slot>`).
    /// A text after a slot starts with a `SourceOrigins` marker of where it resumes.
    static func cut(_ source: String) -> [BodyPart] {
        var parts: [BodyPart] = []
        var rest = Substring(source)
        var lastResume = ""
        while let start = rest.range(of: "<mj-slot") {
            guard let end = rest[start.upperBound...].range(of: ">") else { break }
            var tag = rest[start.lowerBound..<end.upperBound]
            var after = end.upperBound
            if !tag.hasSuffix("/>"), let close = rest[after...].range(of: "</mj-slot>") { after = close.upperBound }
            let resume = SourceOrigins.position(of: after, in: source).map { SourceOrigins.marker($0.file, $0.line, $0.column) } ?? ""
            parts.append(.text((parts.isEmpty ? "" : lastResume) + String(rest[..<start.lowerBound])))
            if let name = IncludeInliner.attribute("name", in: tag) { parts.append(.slot(name)) } else { tag = "" }
            rest = rest[after...]
            lastResume = resume
        }
        parts.append(.text((parts.isEmpty ? "" : lastResume) + String(rest)))
        return parts
    }
}
