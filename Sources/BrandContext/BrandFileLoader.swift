import Diagnostics
import Yams

/// Reads `brand.yaml` into `BrandFacts`, reporting every problem it meets.
enum BrandFileLoader {
    static let topKeys = [
        "name", "legal_name", "tagline", "website", "default_locale", "locales", "markets",
        "channels", "products", "sender", "postal_addresses", "legal", "palette", "typography",
        "logo", "links", "cta", "claims_policy", "target_clients",
    ]

    static func load(_ root: Node, source: YAMLSource) -> BrandFacts? {
        guard let top = MappingReader(root, in: source, what: "brand.yaml", allowed: topKeys) else { return nil }
        let locales = source.records(top.list("locales", required: true), what: { "locale #\($0)" }, allowed: ["id", "name"])
            .compactMap { r -> BrandLocale? in
                guard let id = r.string("id", required: true) else { return nil }
                if !isLocaleID(id) { r.sink.error(r.valueLocation("id"), "invalid locale id '\(id)': expected language-REGION such as en-US") }
                return BrandLocale(id: id, name: r.string("name") ?? id)
            }
        let markets = source.records(
            top.list("markets", required: true), what: { "market #\($0)" },
            allowed: ["id", "name", "currency", "locales", "default_locale", "timezone"]
        )
        .compactMap { r -> Market? in
            guard let id = r.string("id", required: true) else { return nil }
            let locales = r.strings("locales", required: true)?.map(\.0) ?? []
            let defaultLocale = r.string("default_locale", required: true) ?? ""
            if !locales.isEmpty, !defaultLocale.isEmpty, !locales.contains(defaultLocale) {
                r.sink.error(
                    r.valueLocation("default_locale"),
                    "market '\(id)' has default_locale '\(defaultLocale)', which is not one of its locales (\(locales.joined(separator: ", ")))")
            }
            return Market(
                id: id, name: r.string("name") ?? id, currency: r.string("currency", required: true) ?? "",
                locales: locales, defaultLocale: defaultLocale, timezone: r.string("timezone"))
        }
        let channels = source.records(top.list("channels", required: true), what: { "channel #\($0)" }, allowed: ["id", "description"])
            .compactMap { r in r.string("id", required: true).map { Channel(id: $0, description: r.string("description")) } }
        let products = source.records(top.list("products"), what: { "product #\($0)" }, allowed: ["id", "name", "category"])
            .compactMap { r in r.string("id", required: true).map { Product(id: $0, name: r.string("name") ?? $0, category: r.string("category")) } }
        let facts = BrandFacts(
            name: top.string("name", required: true) ?? "",
            legalName: top.string("legal_name") ?? top.string("name") ?? "",
            tagline: top.string("tagline"),
            website: top.string("website"),
            defaultLocale: top.string("default_locale", required: true) ?? "",
            locales: locales, markets: markets, channels: channels, products: products,
            sender: sender(top), postalAddresses: addresses(top), legal: legal(top),
            palette: palette(top), typography: typography(top), logo: logo(top),
            links: links(top), cta: cta(top), claimsPolicy: claimsPolicy(top),
            targetClients: top.strings("target_clients")?.map(\.0) ?? [])
        checkReferences(facts, top)
        return facts
    }

    static func isLocaleID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && (2...3).contains(parts[0].count) && parts[0].allSatisfy(\.isLowercase)
            && parts[1].count == 2 && parts[1].allSatisfy(\.isUppercase)
    }

    private static func sender(_ top: MappingReader) -> Sender {
        let r = top.mapping("sender", required: true, what: "sender", allowed: ["name", "email", "reply_to"])
        let email = r?.string("email", required: true) ?? ""
        let replyTo = r?.string("reply_to")
        for (key, value) in [("email", email), ("reply_to", replyTo ?? "")] where !value.isEmpty {
            if let r, let problem = EmailAddress.problem(value) {
                r.sink.error(r.valueLocation(key), "invalid email address '\(value)': \(problem)")
            }
        }
        return Sender(name: r?.string("name", required: true) ?? "", email: email, replyTo: replyTo)
    }

    private static func addresses(_ top: MappingReader) -> [PostalAddress] {
        top.source.records(top.list("postal_addresses", required: true), what: { "postal address #\($0)" }, allowed: ["market", "lines"])
            .compactMap { r in
                guard let market = r.string("market", required: true) else { return nil }
                return PostalAddress(market: market, lines: r.strings("lines", required: true)?.map(\.0) ?? [])
            }
    }

    private static func legal(_ top: MappingReader) -> LegalRules {
        let r = top.mapping("legal", what: "legal", allowed: ["unsubscribe_required", "address_required", "unsubscribe_url", "privacy_url"])
        return LegalRules(
            unsubscribeRequired: r?.bool("unsubscribe_required") ?? true,
            addressRequired: r?.bool("address_required") ?? true,
            unsubscribeURL: r.flatMap { url($0, "unsubscribe_url") },
            privacyURL: r.flatMap { url($0, "privacy_url") })
    }

    private static func url(_ r: MappingReader, _ key: String) -> String? {
        guard let text = r.string(key) else { return nil }
        if !text.hasPrefix("https://") { r.sink.error(r.valueLocation(key), "expected an https:// URL for '\(key)', found '\(text)'") }
        return text
    }

    private static func palette(_ top: MappingReader) -> [PaletteColor] {
        top.source.records(top.list("palette", required: true), what: { "palette colour #\($0)" }, allowed: ["name", "hex", "role"])
            .compactMap { r in
                guard let name = r.string("name", required: true), let raw = r.string("hex", required: true) else { return nil }
                guard let hex = normalizedHex(raw) else {
                    r.sink.error(r.valueLocation("hex"), "invalid colour '\(raw)' for '\(name)': expected #RRGGBB or #RGB")
                    return nil
                }
                return PaletteColor(name: name, hex: hex, role: r.string("role"))
            }
    }

    /// `#rgb` / `#rrggbb` -> upper-case `#RRGGBB`, or nil.
    package static func normalizedHex(_ text: String) -> String? {
        guard text.hasPrefix("#") else { return nil }
        let digits = text.dropFirst()
        guard digits.allSatisfy(\.isHexDigit), digits.count == 3 || digits.count == 6 else { return nil }
        let full = digits.count == 3 ? digits.map { "\($0)\($0)" }.joined() : String(digits)
        return "#" + full.uppercased()
    }

    private static func typography(_ top: MappingReader) -> [FontRule] {
        top.source.records(
            top.list("typography", required: true), what: { "typography entry #\($0)" },
            allowed: ["role", "family", "fallbacks", "weights", "sizes"]
        )
        .compactMap { r in
            guard let role = r.string("role", required: true), let family = r.string("family", required: true) else { return nil }
            let numbers = { (key: String) in
                (r.list(key) ?? []).compactMap { r.source.int($0, "an item of '\(key)' in \(r.what)", range: 1...1000) }
            }
            return FontRule(
                role: role, family: family, fallbacks: r.strings("fallbacks")?.map(\.0) ?? [],
                weights: numbers("weights"), sizes: numbers("sizes"))
        }
    }

    private static func logo(_ top: MappingReader) -> Logo {
        let r = top.mapping("logo", required: true, what: "logo", allowed: ["url", "dark_url", "alt", "width", "height", "href"])
        return Logo(
            url: r.flatMap { url($0, "url") } ?? "", darkURL: r.flatMap { url($0, "dark_url") },
            alt: r?.string("alt", required: true) ?? "", width: r?.int("width", range: 1...2000),
            height: r?.int("height", range: 1...2000), href: r.flatMap { url($0, "href") })
    }

    private static func links(_ top: MappingReader) -> LinkPolicy {
        let r = top.mapping(
            "links", required: true, what: "links",
            allowed: ["require_https", "allowed_domains", "required_utm", "utm_defaults", "utm_exempt"])
        let defaults = r?.stringMap("utm_defaults") ?? []
        return LinkPolicy(
            requireHTTPS: r?.bool("require_https") ?? true,
            allowedDomains: r?.strings("allowed_domains", required: true)?.map { $0.0.lowercased() } ?? [],
            requiredUTM: r?.strings("required_utm")?.map(\.0) ?? [],
            utmDefaults: Dictionary(defaults.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }),
            utmExempt: r?.strings("utm_exempt")?.map(\.0) ?? [])
    }

    private static func cta(_ top: MappingReader) -> CTARules {
        let r = top.mapping(
            "cta", what: "cta", allowed: ["max_per_message", "max_primary", "min_length", "max_length", "banned_text", "preferred_verbs"])
        return CTARules(
            maxPerMessage: r?.int("max_per_message", range: 1...50) ?? 3, maxPrimary: r?.int("max_primary", range: 0...50),
            minLength: r?.int("min_length", range: 0...200), maxLength: r?.int("max_length", range: 1...200),
            bannedText: r?.strings("banned_text")?.map { $0.0.lowercased() } ?? [],
            preferredVerbs: r?.strings("preferred_verbs")?.map(\.0) ?? [])
    }

    private static func claimsPolicy(_ top: MappingReader) -> ClaimsPolicy {
        let r = top.mapping("claims_policy", what: "claims_policy", allowed: ["regulated_words", "patterns"])
        let patterns = (r?.strings("patterns") ?? []).compactMap { text, node -> String? in
            if !RegexSyntax.compilesAsWritten(text) {
                r?.sink.error(r!.source.location(node), "regex '\(text)' in claims_policy.patterns does not compile")
                return nil
            }
            return text
        }
        return ClaimsPolicy(regulatedWords: r?.strings("regulated_words")?.map { $0.0.lowercased() } ?? [], patterns: patterns)
    }

    /// Markets name known locales; the default locale is listed; addresses name known markets.
    private static func checkReferences(_ facts: BrandFacts, _ top: MappingReader) {
        let sink = top.sink
        let localeIDs = facts.locales.map(\.id), marketIDs = facts.markets.map(\.id)
        if !facts.defaultLocale.isEmpty, !localeIDs.isEmpty, !localeIDs.contains(facts.defaultLocale) {
            sink.error(
                top.valueLocation("default_locale"),
                "default_locale '\(facts.defaultLocale)' is not one of the locales\(Suggest.hint(for: facts.defaultLocale, in: localeIDs))")
        }
        let marketNodes = top.list("markets") ?? []
        for (market, node) in zip(facts.markets, marketNodes) {
            for locale in market.locales + [market.defaultLocale] where !locale.isEmpty && !localeIDs.isEmpty && !localeIDs.contains(locale) {
                sink.error(
                    top.source.location(node), "market '\(market.id)' names unknown locale '\(locale)'\(Suggest.hint(for: locale, in: localeIDs))")
            }
        }
        for (key, field, what) in [
            ("markets", "id", "market id"), ("channels", "id", "channel id"),
            ("products", "id", "product id"), ("locales", "id", "locale id"),
            ("palette", "name", "palette colour"), ("typography", "role", "typography role"),
            ("postal_addresses", "market", "postal address for market"),
        ] {
            sink.checkUnique(top.idsWithPlaces(key, field), what)
        }
        if let min = facts.cta.minLength, let max = facts.cta.maxLength, min > max {
            sink.error(top.valueLocation("cta"), "cta min_length \(min) is greater than max_length \(max)")
        }
        for (market, location) in top.idsWithPlaces("postal_addresses", "market") where !marketIDs.isEmpty && !marketIDs.contains(market) {
            sink.error(location, "postal address for unknown market '\(market)'\(Suggest.hint(for: market, in: marketIDs))")
        }
    }
}
