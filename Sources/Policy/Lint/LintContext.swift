import BrandContext
import Catalog
import Foundation
import Voice

/// Everything the rules share in one lint: what `BrandLintRules` compiled once for the brand
/// (voice linter, support table, claim patterns), the catalog, the date claims are judged on,
/// and per-block facts of that catalog.
final class LintContext: Sendable {
    let brand: Brand
    let catalog: Catalog
    let now: CalendarDate
    let voice: VoiceLinter?
    let support: ClientSupportTable?
    let signals: SignalIndex
    /// Templates that can place each block (by block id).
    let templatesOfBlock: [String: [TemplateDefinition]]
    /// `claims_policy`: regulated words (whole words, any case) and patterns (`BrandLintRules`).
    let claimPatterns: [(String, CompiledRegex)]

    /// The brand's shared rules (`BrandLintRules`, built once) with what depends on this
    /// catalog (the file being linted is compiled into it) and day.
    init(rules: BrandLintRules, catalog: Catalog, now: CalendarDate) {
        brand = rules.brand
        self.catalog = catalog
        self.now = now
        voice = rules.voice
        support = rules.support
        signals = rules.signals
        claimPatterns = rules.claimPatterns
        var map: [String: [TemplateDefinition]] = [:]
        for t in catalog.templates {
            for s in t.slots {
                for b in catalog.candidates(for: s) { map[b.id, default: []].append(t) }
                if let f = s.fallback, !(map[f]?.contains { $0.id == t.id } ?? false) { map[f, default: []].append(t) }
            }
        }
        templatesOfBlock = map
    }

    /// Markets a block can run in: from its locales (a market whose locales include one), else all.
    func markets(of block: BlockDefinition) -> [String] {
        let all = brand.facts.markets
        if block.locales.isEmpty { return all.map(\.id) }
        return all.filter { m in m.locales.contains(where: block.locales.contains) }.map(\.id)
    }

    /// Channels a block can run in (those of the templates that can place it).
    func channels(of block: BlockDefinition) -> [String] {
        Array(Set((templatesOfBlock[block.id] ?? []).map(\.channel))).sorted()
    }
}
