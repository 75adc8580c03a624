import Assembly
import BrandContext
import Catalog
import Foundation
import Liquid
import Policy

/// One preview's permutations as they are found (by enumeration, then in the sample) and then
/// described (representative rendered, linted, hashed, compared with a baseline), with the
/// segment grids they reach.
struct PermutationCollector {
    let template: TemplateDefinition
    let catalog: Catalog
    let brand: Brand
    let assembler: Assembler
    let gridNames: [String]
    private(set) var permutations: [String: PermutationPreview] = [:]
    /// Permutation id → the grids it is reachable in.
    private var reach: [String: Set<String>] = [:]
    /// An enumerated permutation's synthetic representative and the cases that built it.
    private var representatives: [String: (value: Value, cases: String)] = [:]
    private(set) var segments: [SegmentPreview]
    /// The first sample recipient of each permutation, and its render.
    private var sampleRender: [String: RenderedRecipient] = [:]
    private var sampleRecord: [String: RecipientRecord] = [:]
    /// Permutations the sample received that enumeration did not find.
    private(set) var missed = Set<String>()
    private(set) var sampleRendered = 0

    init(template: TemplateDefinition, catalog: Catalog, brand: Brand, assembler: Assembler, gridNames: [String]) {
        self.template = template
        self.catalog = catalog
        self.brand = brand
        self.assembler = assembler
        self.gridNames = gridNames
        segments = gridNames.map { SegmentPreview(name: $0, routed: 0, rendered: 0, suppressed: 0, held: 0, permutations: []) }
    }

    var samplePermutations: Int { sampleRender.count }

    /// The permutations enumeration found, per run (one per segment grid when conditions read
    /// segments other than by literal name).
    mutating func add(_ runs: [(base: String?, result: Enumerator.Result)], space: InputSpace) {
        for run in runs {
            for p in run.result.permutations {
                let id = PreviewBuilder.permutationID(template.id, p.blocks)
                if permutations[id] == nil {
                    permutations[id] = PreviewBuilder.blank(id: id, template: template, blocks: p.blocks, catalog: catalog)
                    permutations[id]!.enumerated = true
                    representatives[id] = (p.representative, p.representativeLabel)
                }
                permutations[id]!.personalized = Array(Set(permutations[id]!.personalized).union(p.personalized)).sorted { !$0 && $1 }
                for g in gridNames where PreviewBuilder.reachable(p, in: g, base: run.base, space: space) { reach[id, default: []].insert(g) }
            }
        }
    }

    /// Counts the sample: the real render of every recipient, by grid and by permutation.
    mutating func count(_ recipients: [RecipientRecord]) {
        for r in recipients {
            let out = assembler.render(r)
            guard out.template == template.id else { continue }
            let grids = PreviewBuilder.grids(of: r).filter { gridNames.contains($0) }
            for g in grids { tally(out.status, grid: gridNames.firstIndex(of: g)!) }
            if out.status == .rendered { addSample(out, r, grids: grids) }
        }
    }

    private mutating func tally(_ status: RecipientStatus, grid i: Int) {
        segments[i].routed += 1
        switch status {
        case .rendered: segments[i].rendered += 1
        case .suppressed: segments[i].suppressed += 1
        default: segments[i].held += 1
        }
    }

    private mutating func addSample(_ out: RenderedRecipient, _ r: RecipientRecord, grids: [String]) {
        sampleRendered += 1
        let id = PreviewBuilder.permutationID(template.id, out.blocks)
        if permutations[id] == nil {
            permutations[id] = PreviewBuilder.blank(id: id, template: template, blocks: out.blocks, catalog: catalog)
            permutations[id]!.personalized = [out.personalized]
            missed.insert(id)
        }
        if sampleRender[id] == nil { sampleRender[id] = out; sampleRecord[id] = r }
        permutations[id]!.total += 1
        for g in grids {
            permutations[id]!.counts[g, default: 0] += 1
            reach[id, default: []].insert(g)
        }
    }

    /// Renders each permutation's representative (its first sample recipient, else the
    /// synthetic one), and attaches its lint findings and content hash.
    mutating func describe(lint findings: [Finding]) {
        for id in permutations.keys.sorted() {
            var p = permutations[id]!
            let rendered = representativeRender(&p)
            p.subject = rendered.subject
            p.preheader = rendered.preheader
            p.html = rendered.html
            p.claims = rendered.claims
            p.signals = rendered.signals
            p.renderStatus = Self.renderStatus(rendered, expected: p.blocks)
            p.guardReasons = rendered.reasons.filter { $0.code.hasPrefix("guard.") }
            let files = Set([template.file] + p.blocks.compactMap { catalog.block($0)?.file })
            p.lint = findings.filter { files.contains($0.file) }
            p.contentHash = PreviewBuilder.contentHash(template, blocks: p.blocks, catalog: catalog, brand: brand)
            permutations[id] = p
        }
    }

    private func representativeRender(_ p: inout PermutationPreview) -> RenderedRecipient {
        if let s = sampleRender[p.id] {
            p.representative = s.id ?? "line \(s.line)"
            p.representativeJSON = sampleRecord[p.id]?.value.jsonText ?? ""
            return s
        }
        let rep = representatives[p.id]!
        p.representative = "persona"
        p.representativeCases = rep.cases
        p.representativeJSON = rep.value.jsonText
        return assembler.render(RecipientRecord(value: rep.value, id: rep.value.value(at: ["id"])?.stringValue ?? "preview"))
    }

    private static func renderStatus(_ rendered: RenderedRecipient, expected blocks: [String]) -> String {
        guard rendered.status == .rendered else {
            return "\(rendered.status.rawValue): " + (rendered.reasons.last.map { "\($0.code) \($0.detail)" } ?? "")
        }
        return rendered.blocks == blocks ? "rendered" : "rendered with other blocks (\(rendered.blocks.joined(separator: ", ")))"
    }

    /// Marks each permutation new, changed or unchanged since `baseline`; returns the baseline's
    /// permutations that are gone.
    mutating func compare(with baseline: [BaselineEntry]) -> [BaselineEntry] {
        let old = Dictionary(baseline.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in permutations.keys {
            guard let before = old[id] else { permutations[id]!.change = .new; continue }
            permutations[id]!.change = before.contentHash == permutations[id]!.contentHash ? .unchanged : .changed
        }
        return baseline.filter { permutations[$0.id] == nil }.sorted { $0.id < $1.id }
    }

    /// Each grid's reachable permutations: most sample recipients first, then by id.
    mutating func orderSegments() {
        for i in segments.indices {
            let name = segments[i].name
            segments[i].permutations = permutations.keys.filter { reach[$0]?.contains(name) == true }.sorted { a, b in
                let ca = permutations[a]!.counts[name] ?? 0, cb = permutations[b]!.counts[name] ?? 0
                return ca != cb ? ca > cb : a < b
            }
        }
    }
}
