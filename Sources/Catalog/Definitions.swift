import BrandContext
import Liquid

/// Where a template places blocks: `slots:` in its front matter.
public struct SlotDefinition: Sendable, Hashable {
    public var name: String
    /// Block tags this slot accepts (a block fits when it shares at least one).
    public var accepts: [String]
    public var min: Int
    public var max: Int
    /// Block used when fewer than `min` candidates are eligible.
    public var fallback: String?
    public var location: SourceLocation
}

/// A piece of a template body: static text or an `<mj-slot name="…"/>`.
public enum BodyPart: Sendable, Hashable {
    case text(String)
    case slot(String)
}

/// `templates/ID.mjml`, compiled.
public struct TemplateDefinition: Sendable {
    public var id: String
    /// `email` or `page`.
    public var channel: String
    /// Decision actions this template serves.
    public var actions: [String]
    public var subject: Template
    public var preheader: Template
    /// In front matter order.
    public var slots: [SlotDefinition]
    /// 0…100; nil when the template has no holdout draw.
    public var holdoutPercent: Double?
    /// The body with `mj-include`s inlined, cut at its slots.
    public var parts: [BodyPart]
    /// The body parsed alone (slots left empty): for analysis and lint.
    public var body: Template
    /// Rule id → reason, from `suppress:` (read by Policy's lint).
    public var suppressions: [String: String]
    /// Project-relative path, e.g. `templates/welcome.mjml`.
    public var file: String
    /// 1-based line where the body starts in `file`.
    public var bodyLine: Int
    /// The body source (includes inlined, slots intact), for lint.
    public var bodySource: String

    public func slot(_ name: String) -> SlotDefinition? { slots.first { $0.name == name } }
}

/// `blocks/ID.mjml`, compiled.
public struct BlockDefinition: Sendable {
    public var id: String
    public var slot: String
    public var tags: [String]
    /// Eligibility over `recipient`; nil = always eligible.
    public var when: Liquid.Predicate?
    public var whenSource: String?
    public var priority: Int
    /// Claims used: front matter `claims` plus literal `{% claim "id" %}` ids in the body.
    public var claims: [String]
    /// Locales the block is written for; empty = every locale.
    public var locales: [String]
    /// The body (includes inlined), parsed; also the text composed into permutations.
    public var body: Template
    public var bodySource: String
    /// Data paths the body and `when` read (Liquid analysis), e.g. `recipient.profile.first_name`.
    public var paths: [String]
    public var suppressions: [String: String]
    public var file: String
    public var bodyLine: Int
    public var location: SourceLocation { SourceLocation(file: file, line: 1, column: 1) }

    /// True when the block is written for `locale` (or for every locale).
    public func fits(locale: String) -> Bool { locales.isEmpty || locales.contains(locale) }
    public func has(tag: String) -> Bool { tags.contains(tag) }
}
