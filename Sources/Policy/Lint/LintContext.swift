import BrandContext
import Catalog
import Foundation
import Voice

/// Everything the rules share, built once per run: brand, catalog, the compiled voice linter,
/// the email-client support table, the date claims are judged on, and per-block facts.
final class LintContext: Sendable {
    let brand: Brand
    let catalog: Catalog
    let now: CalendarDate
    let voice: VoiceLinter?
    let support: ClientSupportTable?
    let signals: SignalIndex
    /// Templates that can place each block (by block id).
    let templatesOfBlock: [String: [TemplateDefinition]]
    /// `claims_policy`: regulated words (whole words, any case) and patterns, compiled once.
    let claimPatterns: [(String, Pattern)]

    init(brand: Brand, catalog: Catalog, now: CalendarDate, voice: VoiceLinter?, support: ClientSupportTable?) {
        self.brand = brand
        self.catalog = catalog
        self.now = now
        self.voice = voice
        self.support = support
        signals = SignalIndex(guardrails: brand.guardrails)
        var map: [String: [TemplateDefinition]] = [:]
        for t in catalog.templates {
            for s in t.slots {
                for b in catalog.candidates(for: s) { map[b.id, default: []].append(t) }
                if let f = s.fallback, !(map[f]?.contains { $0.id == t.id } ?? false) { map[f, default: []].append(t) }
            }
        }
        templatesOfBlock = map
        let words = brand.facts.claimsPolicy.regulatedWords.map { w in
            ("regulated word '\(w)'", Pattern(#"(?<![\p{L}\p{N}])"# + NSRegularExpression.escapedPattern(for: w) + #"(?![\p{L}\p{N}])"#, caseInsensitive: true))
        }
        let patterns = brand.facts.claimsPolicy.patterns.compactMap { p in Pattern(checked: p).map { ("pattern \(p)", $0) } }
        claimPatterns = words + patterns
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
