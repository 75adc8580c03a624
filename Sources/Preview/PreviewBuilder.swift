import Assembly
import BrandContext
import Catalog
import Foundation
import Liquid
import Policy

/// Settings of a preview run.
package struct PreviewOptions {
    package var template: String
    /// Segment grids to build (empty: every segment of the sample, then `(none)`).
    package var segments: [String]
    package var now: Date
    /// The sample recipients (valid records of `--recipients`).
    package var recipients: [RecipientRecord]
    package var recipientsSource: String
    /// A previous preview's manifest entries (`--baseline`).
    package var baseline: [BaselineEntry]?
    package var baselineSource: String?
    /// Lint findings of the project (Policy's `Linter`), grouped by file; nil runs the linter.
    package var lint: [Finding]?

    package init(
        template: String, segments: [String] = [], now: Date, recipients: [RecipientRecord], recipientsSource: String,
        baseline: [BaselineEntry]? = nil, baselineSource: String? = nil, lint: [Finding]? = nil
    ) {
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
package enum PreviewBuilder {
    package static func build(_ o: PreviewOptions, brand: Brand, catalog: Catalog) throws -> PreviewResult {
        guard let t = catalog.template(o.template) else {
            throw PreviewError.unknownTemplate(o.template, known: catalog.templates.map(\.id))
        }
        let guardian = PolicyGuard(brand: brand, catalog: catalog)
        let assembler = Assembler(
            catalog: catalog, brand: brand, options: AssemblyOptions(defaultTemplate: t.id, now: o.now, recipientGuard: guardian))
        let persona = Persona.build(samples: o.recipients, brand: brand, template: t)
        let space = InputSpace.build(template: t, catalog: catalog, brand: brand, samples: o.recipients, persona: persona.value, now: o.now)
        let gridNames = o.segments.isEmpty ? Self.segmentNames(o.recipients) : o.segments
        let runs = enumerate(assembler: assembler, template: t, space: space, persona: persona.value, grids: gridNames)

        var found = PermutationCollector(template: t, catalog: catalog, brand: brand, assembler: assembler, gridNames: gridNames)
        found.add(runs, space: space)
        let enumerated = found.permutations.count
        found.count(o.recipients)
        found.describe(
            lint: o.lint
                ?? Linter.run(LintOptions(project: catalog.projectRoot, now: CalendarDate(utc: o.now)), brand: brand, catalog: catalog).findings)
        let gone = o.baseline.map { found.compare(with: $0) } ?? []
        found.orderSegments()

        let stats = Self.stats(runs, space: space, found: found, enumerated: enumerated, sampleRecipients: o.recipients.count)
        var notes = space.notes
        if stats.truncated {
            notes.append("enumeration stopped after \(stats.representatives) representative recipients: permutations may be missing")
        }
        if !found.missed.isEmpty {
            notes.append(
                "\(found.missed.count) permutation(s) received by sample recipients were not found by enumeration: \(found.missed.sorted().joined(separator: ", "))"
            )
        }
        return PreviewResult(
            template: t.id, channel: t.channel, now: o.now, permutations: found.permutations.keys.sorted().map { found.permutations[$0]! },
            segments: found.segments, gone: gone, missed: found.missed.sorted(), notes: notes, stats: stats,
            recipientsSource: o.recipientsSource, personaSource: persona.source, baselineSource: o.baselineSource)
    }

    /// The enumeration: one run, or one per segment grid when conditions read segments other
    /// than by literal name.
    static func enumerate(assembler: Assembler, template t: TemplateDefinition, space: InputSpace, persona: Value, grids: [String])
        -> [(base: String?, result: Enumerator.Result)]
    {
        if space.segmentsReadByLiteralsOnly {
            return [(nil, Enumerator(assembler: assembler, template: t, space: space, persona: persona).run())]
        }
        return grids.map { g in
            var e = Enumerator(assembler: assembler, template: t, space: space, persona: persona)
            if g != SegmentPreview.none { e.baseSegments = [g] }
            return (g, e.run())
        }
    }

    static func stats(
        _ runs: [(base: String?, result: Enumerator.Result)], space: InputSpace, found: PermutationCollector,
        enumerated: Int, sampleRecipients: Int
    ) -> EnumerationStats {
        EnumerationStats(
            representatives: runs.reduce(0) { $0 + $1.result.representatives }, enumerated: enumerated,
            truncated: runs.contains { $0.result.truncated }, seconds: runs.reduce(0) { $0 + $1.result.seconds },
            sampleRecipients: sampleRecipients, sampleRendered: found.sampleRendered,
            samplePermutations: found.samplePermutations,
            dimensions: ["mode \(space.modes.count)"] + space.dimensions.map { "\($0.name) \($0.choices.count)" })
    }

    /// `TEMPLATE-xxxxxxxx`: 8 hex digits of FNV-1a over the template and block ids.
    package static func permutationID(_ template: String, _ blocks: [String]) -> String {
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
        return PermutationPreview(
            id: id, template: t.id, blocks: blocks, slots: slots, claims: [], signals: [], subject: "", preheader: "",
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
                    text +=
                        "\u{0}disclaimer \(d)\u{0}\(disc.text)\u{0}"
                        + disc.variants.keys.sorted().map { "\($0)=\(disc.variants[$0]!)" }.joined(separator: "\u{0}")
                }
            }
        }
        return StableHash.hex(text)
    }
}
