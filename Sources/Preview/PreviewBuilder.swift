import Assembly
import BrandContext
import Catalog
import Foundation
import Liquid
import Policy

/// Settings of a preview run.
public struct PreviewOptions {
    public var template: String
    /// Segment grids to build (empty: every segment of the sample, then `(none)`).
    public var segments: [String]
    public var now: Date
    /// The sample recipients (valid records of `--recipients`).
    public var recipients: [RecipientRecord]
    public var recipientsSource: String
    /// A previous preview's manifest entries (`--baseline`).
    public var baseline: [BaselineEntry]?
    public var baselineSource: String?
    /// Lint findings of the project (Policy's `Linter`), grouped by file; nil runs the linter.
    public var lint: [Finding]?

    public init(template: String, segments: [String] = [], now: Date, recipients: [RecipientRecord], recipientsSource: String,
                baseline: [BaselineEntry]? = nil, baselineSource: String? = nil, lint: [Finding]? = nil) {
        self.template = template
        self.segments = segments
        self.now = now
        self.recipients = recipients
        self.recipientsSource = recipientsSource
        self.baseline = baseline
        self.baselineSource = baselineSource
        self.lint = lint
    }
}

/// Builds a preview: enumerate permutations, count the sample into them, render representatives,
/// attach lint findings and content hashes, compare with a baseline.
public enum PreviewBuilder {
    public static func build(_ o: PreviewOptions, brand: Brand, catalog: Catalog) throws -> PreviewResult {
        guard let t = catalog.template(o.template) else {
            throw PreviewError.unknownTemplate(o.template, known: catalog.templates.map(\.id))
        }
        let guardian = PolicyGuard(brand: brand, catalog: catalog)
        let assembler = Assembler(catalog: catalog, brand: brand, options: AssemblyOptions(defaultTemplate: t.id, now: o.now, recipientGuard: guardian))
        let persona = Persona.build(samples: o.recipients, brand: brand, template: t)
        let space = InputSpace.build(template: t, catalog: catalog, brand: brand, samples: o.recipients, persona: persona.value, now: o.now)

        // Enumerate (per segment only when conditions read segments other than by literal name).
        let gridNames = o.segments.isEmpty ? Self.segmentNames(o.recipients) : o.segments
        var runs: [(base: String?, result: Enumerator.Result)] = []
        if space.segmentsReadByLiteralsOnly {
            runs.append((nil, Enumerator(assembler: assembler, template: t, space: space, persona: persona.value).run()))
        } else {
            for g in gridNames {
                var e = Enumerator(assembler: assembler, template: t, space: space, persona: persona.value)
                if g != SegmentPreview.none { e.baseSegments = [g] }
                runs.append((g, e.run()))
            }
        }

        var byKey: [String: PermutationPreview] = [:]
        var reach: [String: Set<String>] = [:]  // permutation id -> grids it is reachable in
        var representatives: [String: (value: Value, cases: String)] = [:]
        for run in runs {
            for p in run.result.permutations {
                let id = permutationID(t.id, p.blocks)
                if byKey[id] == nil {
                    byKey[id] = blank(id: id, template: t, blocks: p.blocks, catalog: catalog)
                    byKey[id]!.enumerated = true
                    representatives[id] = (p.representative, p.representativeLabel)
                }
                byKey[id]!.personalized = Array(Set(byKey[id]!.personalized).union(p.personalized)).sorted { !$0 && $1 }
                for g in gridNames where reachable(p, in: g, base: run.base, space: space) { reach[id, default: []].insert(g) }
            }
        }
        let enumeratedCount = byKey.count

        // Count the sample: the real render of every recipient.
        var segments = gridNames.map { SegmentPreview(name: $0, routed: 0, rendered: 0, suppressed: 0, held: 0, permutations: []) }
        var sampleRender: [String: RenderedRecipient] = [:]
        var sampleRecord: [String: RecipientRecord] = [:]
        var missed = Set<String>()
        var sampleRendered = 0
        for r in o.recipients {
            let out = assembler.render(r)
            guard out.template == t.id else { continue }
            let grids = Self.grids(of: r).filter { gridNames.contains($0) }
            for g in grids {
                let i = gridNames.firstIndex(of: g)!
                segments[i].routed += 1
                switch out.status {
                case .rendered: segments[i].rendered += 1
                case .suppressed: segments[i].suppressed += 1
                default: segments[i].held += 1
                }
            }
            guard out.status == .rendered else { continue }
            sampleRendered += 1
            let id = permutationID(t.id, out.blocks)
            if byKey[id] == nil {
                byKey[id] = blank(id: id, template: t, blocks: out.blocks, catalog: catalog)
                byKey[id]!.personalized = [out.personalized]
                missed.insert(id)
            }
            if sampleRender[id] == nil { sampleRender[id] = out; sampleRecord[id] = r }
            byKey[id]!.total += 1
            for g in grids {
                byKey[id]!.counts[g, default: 0] += 1
                reach[id, default: []].insert(g)
            }
        }

        // Render each permutation's representative; lint and hash it.
        let findings = o.lint ?? Linter.run(LintOptions(project: catalog.projectRoot, now: CalendarDate(utc: o.now)), brand: brand, catalog: catalog).findings
        for id in byKey.keys.sorted() {
            var p = byKey[id]!
            let rendered: RenderedRecipient
            if let s = sampleRender[id] {
                rendered = s
                p.representative = s.id ?? "line \(s.line)"
                p.representativeJSON = sampleRecord[id]?.value.jsonText ?? ""
            } else {
                let rep = representatives[id]!
                rendered = assembler.render(RecipientRecord(value: rep.value, id: rep.value.value(at: ["id"])?.stringValue ?? "preview"))
                p.representative = "persona"
                p.representativeCases = rep.cases
                p.representativeJSON = rep.value.jsonText
            }
            p.subject = rendered.subject
            p.preheader = rendered.preheader
            p.html = rendered.html
            p.claims = rendered.claims
            p.signals = rendered.signals
            p.renderStatus = rendered.status == .rendered ? "rendered" :
                "\(rendered.status.rawValue): " + (rendered.reasons.last.map { "\($0.code) \($0.detail)" } ?? "")
            if rendered.status == .rendered, rendered.blocks != p.blocks {
                p.renderStatus = "rendered with other blocks (\(rendered.blocks.joined(separator: ", ")))"
            }
            p.guardReasons = rendered.reasons.filter { $0.code.hasPrefix("guard.") }
            let files = Set([t.file] + p.blocks.compactMap { catalog.block($0)?.file })
            p.lint = findings.filter { files.contains($0.file) }
            p.contentHash = contentHash(t, blocks: p.blocks, catalog: catalog, brand: brand)
            byKey[id] = p
        }

        // Baseline.
        var gone: [BaselineEntry] = []
        if let baseline = o.baseline {
            let old = Dictionary(baseline.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for id in byKey.keys {
                guard let before = old[id] else { byKey[id]!.change = .new; continue }
                byKey[id]!.change = before.contentHash == byKey[id]!.contentHash ? .unchanged : .changed
            }
            gone = baseline.filter { byKey[$0.id] == nil }.sorted { $0.id < $1.id }
        }

        for i in segments.indices {
            let name = segments[i].name
            segments[i].permutations = byKey.keys.filter { reach[$0]?.contains(name) == true }.sorted { a, b in
                let ca = byKey[a]!.counts[name] ?? 0, cb = byKey[b]!.counts[name] ?? 0
                return ca != cb ? ca > cb : a < b
            }
        }
        let totalReps = runs.reduce(0) { $0 + $1.result.representatives }
        let stats = EnumerationStats(representatives: totalReps, enumerated: enumeratedCount,
                                     truncated: runs.contains { $0.result.truncated }, seconds: runs.reduce(0) { $0 + $1.result.seconds },
                                     sampleRecipients: o.recipients.count, sampleRendered: sampleRendered,
                                     samplePermutations: Set(sampleRender.keys).count,
                                     dimensions: ["mode \(space.modes.count)"] + space.dimensions.map { "\($0.name) \($0.choices.count)" })
        var notes = space.notes
        if stats.truncated { notes.append("enumeration stopped after \(totalReps) representative recipients: permutations may be missing") }
        if !missed.isEmpty { notes.append("\(missed.count) permutation(s) received by sample recipients were not found by enumeration: \(missed.sorted().joined(separator: ", "))") }
        return PreviewResult(template: t.id, channel: t.channel, now: o.now, permutations: byKey.keys.sorted().map { byKey[$0]! },
                             segments: segments, gone: gone, missed: missed.sorted(), notes: notes, stats: stats,
                             recipientsSource: o.recipientsSource, personaSource: persona.source, baselineSource: o.baselineSource)
    }

    /// `TEMPLATE-xxxxxxxx`: 8 hex digits of FNV-1a over the template and block ids.
    public static func permutationID(_ template: String, _ blocks: [String]) -> String {
        "\(template)-" + StableHash.hex(([template] + blocks).joined(separator: "\u{0}"), digits: 8)
    }

    /// The grids a recipient counts in: each of its segments, or `(none)`.
    static func grids(of r: RecipientRecord) -> [String] {
        guard case .array(let a)? = r.value.value(at: ["segments"]) else { return [SegmentPreview.none] }
        let names = a.compactMap(\.stringValue)
        return names.isEmpty ? [SegmentPreview.none] : Array(Set(names)).sorted()
    }

    /// Every segment of the sample (sorted), then `(none)`.
    static func segmentNames(_ records: [RecipientRecord]) -> [String] {
        var names = Set<String>()
        for r in records { for g in grids(of: r) where g != SegmentPreview.none { names.insert(g) } }
        return names.sorted() + [SegmentPreview.none]
    }

    /// Whether an enumerated permutation can reach a recipient of grid `g`.
    static func reachable(_ p: EnumeratedPermutation, in g: String, base: String?, space: InputSpace) -> Bool {
        if let base { return base == g }
        if g == SegmentPreview.none { return p.segmentSets.contains("") }
        if space.segmentLiterals.contains(g) { return p.segmentSets.contains { $0.split(separator: ",").contains(Substring(g)) } }
        return true
    }

    static func blank(id: String, template t: TemplateDefinition, blocks: [String], catalog: Catalog) -> PermutationPreview {
        let slots = t.slots.map { s in (slot: s.name, blocks: blocks.filter { catalog.block($0)?.slot == s.name }) }
        return PermutationPreview(id: id, template: t.id, blocks: blocks, slots: slots, claims: [], signals: [], subject: "", preheader: "",
                                  html: "", renderStatus: "", guardReasons: [], representative: "", representativeCases: "",
                                  enumerated: false, personalized: [], counts: [:], total: 0, lint: [], contentHash: "")
    }

    /// What a reviewer would call the permutation's content: the template's and blocks' files
    /// (front matter included), the composed source (inlined partials included) and the text of
    /// the approved claims and disclaimers its blocks insert.
    static func contentHash(_ t: TemplateDefinition, blocks: [String], catalog: Catalog, brand: Brand) -> String {
        let defs = blocks.compactMap { catalog.block($0) }
        var chosen: [String: [BlockDefinition]] = [:]
        for b in defs { chosen[b.slot, default: []].append(b) }
        var text = catalog.composeSource(t, blocks: chosen)
        for file in [t.file] + defs.map(\.file) {
            text += "\u{0}" + file + "\u{0}" + ((try? String(contentsOf: catalog.projectRoot.appendingPathComponent(file), encoding: .utf8)) ?? "")
        }
        for id in Set(defs.flatMap(\.claims)).sorted() {
            guard let c = brand.claim(id) else { continue }
            text += "\u{0}claim \(id)\u{0}\(c.text)\u{0}" + c.variants.keys.sorted().map { "\($0)=\(c.variants[$0]!)" }.joined(separator: "\u{0}")
            for d in c.disclaimers {
                if let disc = brand.disclaimers.first(where: { $0.id == d }) {
                    text += "\u{0}disclaimer \(d)\u{0}\(disc.text)\u{0}" + disc.variants.keys.sorted().map { "\($0)=\(disc.variants[$0]!)" }.joined(separator: "\u{0}")
                }
            }
        }
        return StableHash.hex(text)
    }
}
