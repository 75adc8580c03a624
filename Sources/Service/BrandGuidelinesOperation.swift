import BrandContext
import Foundation

/// The brand's guidelines as data an agent can read before it writes: identity, markets and
/// locales, palette, typography, logo, CTA rules, link policy, legal requirements, what makes
/// copy a claim, and a summary of the voice. All of it from the loaded brand (`brand/`).
extension Project {
    /// The section names, in the order of the whole answer.
    package static let guidelineSections = [
        "identity", "markets", "palette", "typography", "logo", "cta", "links", "legal", "claims_policy", "voice",
    ]

    /// `{section: …}` for one section, or every section when `section` is nil.
    package func brandGuidelines(section: String?) throws(ServiceError) -> JSONText {
        if let section, !Self.guidelineSections.contains(section) {
            throw ServiceError(
                .badRequest, "section.unknown",
                "unknown section '\(section)'\(ContextStore.suggestion(for: section, in: Self.guidelineSections)); expected one of \(Self.guidelineSections.joined(separator: ", "))",
                location: "section")
        }
        let names = section.map { [$0] } ?? Self.guidelineSections
        return .object(names.map { ($0, guidelineSection($0)) })
    }

    private func guidelineSection(_ name: String) -> JSONText {
        let f = brand.facts
        switch name {
        case "identity":
            return identity
        case "markets":
            return markets
        case "palette":
            return .array(
                f.palette.map { .object([("name", .string($0.name)), ("hex", .string($0.hex)), ("role", $0.role.map(JSONText.string) ?? .null)]) })
        case "typography":
            return .array(
                f.typography.map {
                    .object([
                        ("role", .string($0.role)), ("family", .string($0.family)), ("fallbacks", .strings($0.fallbacks)),
                        ("weights", .array($0.weights.map(JSONText.int))), ("sizes", .array($0.sizes.map(JSONText.int))),
                    ])
                })
        case "logo":
            return .object([
                ("url", .string(f.logo.url)), ("dark_url", f.logo.darkURL.map(JSONText.string) ?? .null), ("alt", .string(f.logo.alt)),
                ("href", f.logo.href.map(JSONText.string) ?? .null),
            ])
        case "cta":
            return .object([
                ("max_per_message", .int(f.cta.maxPerMessage)), ("max_primary", f.cta.maxPrimary.map(JSONText.int) ?? .null),
                ("min_length", f.cta.minLength.map(JSONText.int) ?? .null), ("max_length", f.cta.maxLength.map(JSONText.int) ?? .null),
                ("banned_text", .strings(f.cta.bannedText)), ("preferred_verbs", .strings(f.cta.preferredVerbs)),
            ])
        case "links":
            return .object([
                ("require_https", .bool(f.links.requireHTTPS)), ("allowed_domains", .strings(f.links.allowedDomains)),
                ("required_utm", .strings(f.links.requiredUTM)), ("utm_exempt", .strings(f.links.utmExempt)),
            ])
        case "legal":
            return .object([
                ("unsubscribe_required", .bool(f.legal.unsubscribeRequired)),
                ("unsubscribe_url", f.legal.unsubscribeURL.map(JSONText.string) ?? .null),
                ("privacy_url", f.legal.privacyURL.map(JSONText.string) ?? .null), ("address_required", .bool(f.legal.addressRequired)),
                ("postal_addresses", .array(f.postalAddresses.map { .object([("market", .string($0.market)), ("lines", .strings($0.lines))]) })),
            ])
        case "claims_policy":
            return .object([
                (
                    "rule",
                    .string(
                        "Copy that states a fact about a product, price, delivery or the company must use an approved claim's wording, with its disclaimers."
                    )
                ),
                ("regulated_words", .strings(f.claimsPolicy.regulatedWords)), ("patterns", .strings(f.claimsPolicy.patterns)),
            ])
        default:  // voice
            return voiceSummary
        }
    }

    private var identity: JSONText {
        let f = brand.facts
        return .object([
            ("name", .string(f.name)), ("legal_name", .string(f.legalName)), ("tagline", f.tagline.map(JSONText.string) ?? .null),
            ("website", f.website.map(JSONText.string) ?? .null),
            ("sender", .object([("name", .string(f.sender.name)), ("email", .string(f.sender.email))])),
            ("products", .array(f.products.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })),
            (
                "channels",
                .array(f.channels.map { .object([("id", .string($0.id)), ("description", $0.description.map(JSONText.string) ?? .null)]) })
            ),
        ])
    }

    private var markets: JSONText {
        let f = brand.facts
        return .object([
            ("default_locale", .string(f.defaultLocale)),
            ("locales", f.localesJSON), ("markets", f.marketsJSON),
        ])
    }

    /// The voice rules' count by level and their messages (`voice_rules` has the details).
    private var voiceSummary: JSONText {
        var levels: [String: Int] = [:]
        for r in brand.voiceRules { levels[r.level, default: 0] += 1 }
        return .object([
            ("rules", .int(brand.voiceRules.count)),
            ("by_level", .object(["error", "warning", "suggestion"].map { ($0, .int(levels[$0] ?? 0)) })),
            (
                "messages",
                .array(
                    brand.voiceRules.map { .object([("id", .string($0.id)), ("level", .string($0.level)), ("message", .string($0.message))]) })
            ),
            ("details", .string("voice_rules lists what each rule flags and what it suggests instead")),
        ])
    }
}
