import BrandContext
import Liquid

/// The brand's answer for a recipient who does not say where they are: `locale` and `market`
/// filled in before anything reads them (selection, claims, templates, the footer's address).
/// A missing `locale` is the market's default locale when the record names a market, else the
/// brand's `default_locale`; a missing `market` is the first market (in brand.yaml order) whose
/// locales include that locale. Fields the record has are never changed.
struct RecipientDefaults: Sendable {
    let defaultLocale: String
    /// Market id -> its default locale.
    let localeOfMarket: [String: String]
    /// Locale id -> the first market that lists it.
    let marketOfLocale: [String: String]

    init(_ facts: BrandFacts) {
        defaultLocale = facts.defaultLocale
        var localeOfMarket: [String: String] = [:], marketOfLocale: [String: String] = [:]
        for m in facts.markets {
            localeOfMarket[m.id] = m.defaultLocale
            for l in m.locales where marketOfLocale[l] == nil { marketOfLocale[l] = m.id }
        }
        self.localeOfMarket = localeOfMarket
        self.marketOfLocale = marketOfLocale
    }

    /// The record with `locale` and `market` present. A record that has both (the usual case)
    /// is returned as it is, after two lookups; only the others are copied.
    func apply(_ record: RecipientRecord) -> RecipientRecord {
        let market = record.string(.market)
        let locale = record.string(.locale)
        guard locale == nil || market == nil, case .object(var o) = record.value else { return record }
        let filledLocale = locale ?? market.flatMap { localeOfMarket[$0] } ?? defaultLocale
        if locale == nil { o["locale"] = .string(filledLocale) }
        if market == nil, let m = marketOfLocale[filledLocale] { o["market"] = .string(m) }
        var out = record
        out.value = .object(o)
        return out
    }
}
