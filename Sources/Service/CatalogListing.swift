import BrandContext
import Catalog
import Foundation

/// What a project offers, for tools and people choosing what to call: the brand summary, the
/// templates with their slots, the blocks with their conditions.
extension Project {
    /// The brand at a glance: identity, markets, locales, channels, palette, typography, and the
    /// counts of what the brand context holds.
    package func brandSummary() -> JSONText {
        let f = brand.facts
        let pairs: [(String, JSONText)] = [
            ("name", .string(f.name)), ("legal_name", .string(f.legalName)),
            ("tagline", f.tagline.map(JSONText.string) ?? .null), ("website", f.website.map(JSONText.string) ?? .null),
            ("default_locale", .string(f.defaultLocale)),
            ("locales", f.localesJSON), ("markets", f.marketsJSON),
            ("channels", .strings(f.channels.map(\.id))),
            ("products", .array(f.products.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })),
            ("sender", .object([("name", .string(f.sender.name)), ("email", .string(f.sender.email))])),
            (
                "palette",
                .array(
                    f.palette.map {
                        .object([("name", .string($0.name)), ("hex", .string($0.hex)), ("role", $0.role.map(JSONText.string) ?? .null)])
                    })
            ),
            (
                "typography",
                .array(
                    f.typography.map { .object([("role", .string($0.role)), ("family", .string($0.family)), ("fallbacks", .strings($0.fallbacks))]) })
            ),
            (
                "counts",
                .object([
                    ("claims", .int(brand.claims.count)), ("disclaimers", .int(brand.disclaimers.count)),
                    ("voice_rules", .int(brand.voiceRules.count)), ("guardrail_rules", .int(brand.guardrails.rules.count)),
                    ("frequency_caps", .int(brand.guardrails.frequencyCaps.count)),
                    ("templates", .int(catalog.templates.count)), ("blocks", .int(catalog.blocks.count)),
                ])
            ),
            ("context_hash", .string(contextHash)),
        ]
        return .object(pairs)
    }

    /// Every template with its channel, actions and slots.
    package func templateList() -> JSONText {
        .array(
            catalog.templates.map { t in
                .object([
                    ("id", .string(t.id)), ("channel", .string(t.channel)), ("category", .string(t.category)),
                    ("actions", .strings(t.actions)), ("file", .string(t.file)),
                    ("holdout_percent", t.holdoutPercent.map { .number(String($0)) } ?? .null),
                    (
                        "slots",
                        .array(
                            t.slots.map { s in
                                .object([
                                    ("name", .string(s.name)), ("accepts", .strings(s.accepts)), ("min", .int(s.min)), ("max", .int(s.max)),
                                    ("fallback", s.fallback.map(JSONText.string) ?? .null),
                                    ("candidates", .strings(catalog.candidates(for: s).map(\.id))),
                                ])
                            })
                    ),
                ])
            })
    }

    /// Every block with its slot, tags, condition, priority, claims and locales.
    package func blockList() -> JSONText {
        .array(
            catalog.blocks.map { b in
                .object([
                    ("id", .string(b.id)), ("slot", .string(b.slot)), ("tags", .strings(b.tags)),
                    ("when", b.whenSource.map(JSONText.string) ?? .null), ("priority", .int(b.priority)),
                    ("claims", .strings(b.claims)), ("locales", .strings(b.locales)), ("file", .string(b.file)),
                ])
            })
    }
}

extension BrandFacts {
    /// The locales and markets as `/v1/brand` and the guidelines answer them.
    var localesJSON: JSONText { .array(locales.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) }) }

    var marketsJSON: JSONText {
        .array(
            markets.map {
                .object([
                    ("id", .string($0.id)), ("name", .string($0.name)), ("currency", .string($0.currency)),
                    ("locales", .strings($0.locales)), ("default_locale", .string($0.defaultLocale)),
                ])
            })
    }
}
