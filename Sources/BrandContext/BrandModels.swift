/// The brand itself (`brand/brand.yaml`): who sends, where, in what look, under which link and
/// CTA rules. Policy reads these to lint and guard; Assembly reads sender and addresses.
public struct BrandFacts: Sendable, Hashable {
    public var name: String
    public var legalName: String
    public var tagline: String?
    public var website: String?
    public var defaultLocale: String
    public var locales: [BrandLocale]
    public var markets: [Market]
    public var channels: [Channel]
    public var products: [Product]
    public var sender: Sender
    public var postalAddresses: [PostalAddress]
    public var legal: LegalRules
    public var palette: [PaletteColor]
    public var typography: [FontRule]
    public var logo: Logo
    public var links: LinkPolicy
    public var cta: CTARules
    public var claimsPolicy: ClaimsPolicy
    public var targetClients: [String]

    /// The postal address printed in the footer for a market (the first one if none matches).
    public func postalAddress(for market: String?) -> PostalAddress? {
        postalAddresses.first { $0.market == market } ?? postalAddresses.first
    }

    /// Every font family name a template may use: families and their fallbacks.
    public var allowedFontFamilies: Set<String> {
        Set(typography.flatMap { [$0.family] + $0.fallbacks }.map { $0.lowercased() })
    }
}

public struct BrandLocale: Sendable, Hashable {
    public var id: String
    public var name: String
    /// "en" for "en-CA".
    public var language: String { String(id.split(separator: "-").first ?? Substring(id)).lowercased() }
}

public struct Market: Sendable, Hashable {
    public var id: String
    public var name: String
    public var currency: String
    public var locales: [String]
    public var defaultLocale: String
    public var timezone: String?
}

public struct Channel: Sendable, Hashable {
    public var id: String
    public var description: String?
}

public struct Product: Sendable, Hashable {
    public var id: String
    public var name: String
    public var category: String?
}

public struct Sender: Sendable, Hashable {
    public var name: String
    public var email: String
    public var replyTo: String?
}

public struct PostalAddress: Sendable, Hashable {
    public var market: String
    public var lines: [String]
}

public struct LegalRules: Sendable, Hashable {
    public var unsubscribeRequired: Bool
    public var addressRequired: Bool
    public var unsubscribeURL: String?
    public var privacyURL: String?
}

public struct PaletteColor: Sendable, Hashable {
    public var name: String
    /// Upper-case `#RRGGBB` (a `#RGB` in the file is expanded).
    public var hex: String
    public var role: String?
}

public struct FontRule: Sendable, Hashable {
    public var role: String
    public var family: String
    public var fallbacks: [String]
    public var weights: [Int]
    public var sizes: [Int]
}

public struct Logo: Sendable, Hashable {
    public var url: String
    public var darkURL: String?
    public var alt: String
    public var width: Int?
    public var height: Int?
    public var href: String?
}

public struct LinkPolicy: Sendable, Hashable {
    public var requireHTTPS: Bool
    public var allowedDomains: [String]
    public var requiredUTM: [String]
    public var utmDefaults: [String: String]
    /// Paths (prefixes) that need no UTM parameters: preferences, privacy, unsubscribe.
    public var utmExempt: [String]
}

public struct CTARules: Sendable, Hashable {
    public var maxPerMessage: Int
    public var maxPrimary: Int?
    public var minLength: Int?
    public var maxLength: Int?
    /// Lower-cased CTA texts that are never allowed.
    public var bannedText: [String]
    public var preferredVerbs: [String]
}

public struct ClaimsPolicy: Sendable, Hashable {
    /// Words that make copy look like a claim (lower-cased).
    public var regulatedWords: [String]
    /// Regular expressions (ICU syntax) that make copy look like a claim.
    public var patterns: [String]
}
