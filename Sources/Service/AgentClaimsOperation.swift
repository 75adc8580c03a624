import BrandContext
import Foundation

/// Claims as an agent asks for them: the ones usable in a context (`tessera claims`), or one by
/// id in a locale, each with its scope, validity, disclaimers and the claim it supersedes.
extension Project {
    /// `{claims: [{id, text, locale, disclaimers: [{id, text}], products, markets, channels, valid_from, valid_until, supersedes}]}`:
    /// `Project.claims` (the brand context's query) with `supersedes` from the brand.
    package func searchClaims(_ p: ClaimsParameters) throws(ServiceError) -> JSONText {
        let found = try claims(p)
        return .object([
            (
                "claims",
                .array(
                    found.map { c in
                        AgentClaimJSON.json(
                            id: c.id, text: c.text, locale: c.locale, disclaimers: c.disclaimers.map { ($0.id, $0.text) },
                            products: c.products, markets: c.markets, channels: c.channels, validFrom: c.validFrom,
                            validUntil: c.validUntil, supersedes: brand.claim(c.id)?.supersedes, substantiation: c.substantiation)
                    })
            )
        ])
    }

    /// One claim by id, whatever the day and context, worded for `locale` (default: the brand's
    /// default locale). A locale without wording for the claim is an error naming the ones it has.
    package func claimDetail(id: String, locale: String?) throws(ServiceError) -> JSONText {
        try checkKnown(DraftScope(locale: locale))
        guard let claim = brand.claim(id) else {
            throw ServiceError(
                .notFound, "claim.unknown", "no claim '\(id)'\(ContextStore.suggestion(for: id, in: brand.claims.map(\.id)))", location: "id")
        }
        let defaultLocale = brand.facts.defaultLocale
        guard let text = claim.text(for: locale, defaultLocale: defaultLocale) else {
            let has = [defaultLocale] + claim.variants.keys.sorted()
            throw ServiceError(
                .notFound, "claim.locale", "claim '\(id)' has no wording for \(locale ?? defaultLocale) (it has: \(has.joined(separator: ", ")))",
                location: "locale")
        }
        let textLocale = locale.flatMap { claim.variants[$0] != nil ? $0 : nil } ?? defaultLocale
        let fine = claim.disclaimers.compactMap { d in brand.disclaimers.first { $0.id == d } }.map {
            ($0.id, $0.text(for: locale, defaultLocale: defaultLocale))
        }
        return AgentClaimJSON.json(
            id: claim.id, text: text, locale: textLocale, disclaimers: fine, products: claim.products, markets: claim.markets,
            channels: claim.channels, validFrom: claim.validFrom.description, validUntil: claim.validUntil?.description,
            supersedes: claim.supersedes, substantiation: claim.substantiation)
    }
}

enum AgentClaimJSON {
    static func json(
        id: String, text: String, locale: String, disclaimers: [(String, String)], products: [String], markets: [String],
        channels: [String], validFrom: String, validUntil: String?, supersedes: String?, substantiation: String
    ) -> JSONText {
        .object([
            ("id", .string(id)), ("text", .string(text)), ("locale", .string(locale)),
            ("disclaimers", .array(disclaimers.map { .object([("id", .string($0.0)), ("text", .string($0.1))]) })),
            ("products", .strings(products)), ("markets", .strings(markets)), ("channels", .strings(channels)),
            ("valid_from", .string(validFrom)), ("valid_until", validUntil.map(JSONText.string) ?? .null),
            ("supersedes", supersedes.map(JSONText.string) ?? .null), ("substantiation", .string(substantiation)),
        ])
    }
}
