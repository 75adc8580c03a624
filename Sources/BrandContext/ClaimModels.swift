import Diagnostics

/// A statement the brand may make, approved for some products, markets, channels and dates
/// (`brand/claims.yaml`). Blocks insert claims by id; Policy checks they are usable.
public struct Claim: Sendable, Hashable {
    public var id: String
    /// The wording in the brand's default locale.
    public var text: String
    /// Locale id -> wording.
    public var variants: [String: String]
    /// Empty: a brand-wide claim, not about one product.
    public var products: [String]
    /// Empty: every market.
    public var markets: [String]
    /// Empty: every channel.
    public var channels: [String]
    public var validFrom: CalendarDate
    /// Inclusive; nil: open-ended.
    public var validUntil: CalendarDate?
    /// Disclaimer ids, in the order they print.
    public var disclaimers: [String]
    public var substantiation: String
    /// A claim this one replaces while both are valid.
    public var supersedes: String?
    public var location: SourceLocation
}

/// Fine print a claim requires, defined once and referenced by id.
public struct Disclaimer: Sendable, Hashable {
    public var id: String
    public var text: String
    public var variants: [String: String]
    public var location: SourceLocation
}

/// A context in which copy will appear: the filters of `tessera claims`.
public struct ClaimQuery: Sendable, Hashable {
    public var market: String?
    public var channel: String?
    public var locale: String?
    public var product: String?
    /// The day the message goes out; nil: any day (no validity filter).
    public var on: CalendarDate?
    /// Words to find in the claim's text (full-text, prefix match, accents ignored).
    public var search: String?

    public init(
        market: String? = nil, channel: String? = nil, locale: String? = nil,
        product: String? = nil, on: CalendarDate? = nil, search: String? = nil
    ) {
        self.market = market
        self.channel = channel
        self.locale = locale
        self.product = product
        self.on = on
        self.search = search
    }
}

/// Why a claim cannot be used in a context (the `claims.*` lint ids of Policy map onto these).
public enum ClaimUnusable: String, Sendable, Hashable {
    case expired, notYetValid = "not-yet-valid", market, channel, locale, product
    /// A claim that `supersedes` it is usable in the same context (see `ClaimSupersession`).
    case superseded
}

/// The rule for `supersedes`, in one place for the typed brand (`Brand.unusable(_:in:)`: lint,
/// selection, MCP) and the SQL store (`ContextStore.claims`: `tessera claims`, MCP search): a
/// claim is not usable in a context while a claim that supersedes it is usable there (its own
/// dates, markets, channels, products and locale). Without a day there is no "while": nothing
/// is superseded.
public enum ClaimSupersession {
    /// Superseded claim id -> the claim replacing it, given every claim usable in one context
    /// (id and what it supersedes). The first replacement in `usable` order wins.
    public static func replacements<S: Sequence>(among usable: S) -> [String: String]
    where S.Element == (id: String, supersedes: String?) {
        var out: [String: String] = [:]
        for c in usable {
            if let target = c.supersedes, target != c.id, out[target] == nil { out[target] = c.id }
        }
        return out
    }
}

/// Locale text rule, shared by the SQL store and the typed model so both answer alike:
/// the exact variant; else the default text when the language matches the default locale's.
enum LocaleText {
    static func language(_ locale: String) -> String {
        String(locale.split(separator: "-").first ?? Substring(locale)).lowercased()
    }

    static func pick(text: String, variants: [String: String], locale: String?, defaultLocale: String) -> (text: String, locale: String)? {
        guard let locale, locale != defaultLocale else { return (text, defaultLocale) }
        if let variant = variants[locale] { return (variant, locale) }
        return language(locale) == language(defaultLocale) ? (text, defaultLocale) : nil
    }
}

extension Claim {
    /// The first reason this claim's own scope and dates forbid it in `query`'s context, or nil.
    /// Whether another claim supersedes it there is the brand's to say: `Brand.unusable(_:in:)`.
    /// (`search` is not considered: it selects, it does not forbid.)
    public func unusable(in query: ClaimQuery, defaultLocale: String) -> ClaimUnusable? {
        if let day = query.on {
            if day < validFrom { return .notYetValid }
            if let until = validUntil, until < day { return .expired }
        }
        if let m = query.market, !markets.isEmpty, !markets.contains(m) { return .market }
        if let c = query.channel, !channels.isEmpty, !channels.contains(c) { return .channel }
        if let p = query.product, !products.isEmpty, !products.contains(p) { return .product }
        if text(for: query.locale, defaultLocale: defaultLocale) == nil { return .locale }
        return nil
    }

    /// The wording for a locale (see `LocaleText`), or nil when the claim has none for it.
    public func text(for locale: String?, defaultLocale: String) -> String? {
        LocaleText.pick(text: text, variants: variants, locale: locale, defaultLocale: defaultLocale)?.text
    }
}

extension Disclaimer {
    public func text(for locale: String?, defaultLocale: String) -> String {
        LocaleText.pick(text: text, variants: variants, locale: locale, defaultLocale: defaultLocale)?.text ?? text
    }
}
