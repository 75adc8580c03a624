import BrandContext
import Diagnostics
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

/// `templates/ID.mjml`, compiled. A class: shared, never copied, per recipient.
public final class TemplateDefinition: Sendable {
    public let id: String
    /// `email` or `page`.
    public let channel: String
    /// Decision actions this template serves.
    public let actions: [String]
    public let subject: Template
    public let preheader: Template
    /// In front matter order.
    public let slots: [SlotDefinition]
    /// 0…100; nil when the template has no holdout draw.
    public let holdoutPercent: Double?
    /// The body with `mj-include`s inlined, cut at its slots.
    public let parts: [BodyPart]
    /// `parts` with `SourceOrigins` markers: composed with blocks, errors name the file they are in.
    let markedParts: [BodyPart]
    /// Where the text of `body` came from (it holds inlined partials).
    let bodyOrigins: SourceOrigins
    /// The body parsed alone (slots left empty): for analysis and lint.
    public let body: Template
    /// Rule id → reason, from `suppress:` (read by Policy's lint).
    public let suppressions: [String: String]
    /// Project-relative path, e.g. `templates/welcome.mjml`.
    public let file: String
    /// 1-based line where the body starts in `file`.
    public let bodyLine: Int
    /// The body source (includes inlined, slots intact), for lint.
    public let bodySource: String
    /// `category:` (default `marketing`): with `channel`, which frequency caps count this template.
    public let category: String
    /// `experiments:`: randomized content tests, at most one per slot.
    public let experiments: [ExperimentDefinition]

    public func slot(_ name: String) -> SlotDefinition? { slots.first { $0.name == name } }

    /// The file, line and column a UTF-8 offset of `body`'s source comes from (a partial's own
    /// place for inlined text); nil when unknown.
    public func place(ofBodyOffset offset: Int) -> (file: String, line: Int, column: Int)? {
        bodyOrigins.place(ofUTF8: offset, in: body.source.text)
    }
    public init(
        id: String, channel: String, actions: [String], subject: Template, preheader: Template, slots: [SlotDefinition], holdoutPercent: Double?,
        parts: [BodyPart], body: Template, suppressions: [String: String], file: String, bodyLine: Int, bodySource: String,
        category: String = "marketing", experiments: [ExperimentDefinition] = [],
        markedParts: [BodyPart]? = nil, bodyOrigins: SourceOrigins? = nil
    ) {
        self.id = id
        self.markedParts = markedParts ?? parts
        self.bodyOrigins = bodyOrigins ?? SourceOrigins(marks: [])
        self.experiments = experiments
        self.category = category
        self.channel = channel
        self.actions = actions
        self.subject = subject
        self.preheader = preheader
        self.slots = slots
        self.holdoutPercent = holdoutPercent
        self.parts = parts
        self.body = body
        self.suppressions = suppressions
        self.file = file
        self.bodyLine = bodyLine
        self.bodySource = bodySource
    }
}

/// `blocks/ID.mjml`, compiled. A class: shared, never copied, per recipient.
public final class BlockDefinition: Sendable {
    public let id: String
    public let slot: String
    public let tags: [String]
    /// Eligibility over `recipient`; nil = always eligible.
    public let when: Liquid.Predicate?
    public let whenSource: String?
    public let priority: Int
    /// Claims used: front matter `claims` plus literal `{% claim "id" %}` ids in the body.
    public let claims: [String]
    /// Locales the block is written for; empty = every locale.
    public let locales: [String]
    /// The body (includes inlined), parsed; also the text composed into permutations.
    public let body: Template
    public let bodySource: String
    /// `bodySource` with `SourceOrigins` markers (its start, and inlined partials).
    let markedSource: String
    /// Data paths the body and `when` read (Liquid analysis), e.g. `recipient.profile.first_name`.
    public let paths: [String]
    public let suppressions: [String: String]
    public let file: String
    public let bodyLine: Int
    public var location: SourceLocation { SourceLocation(file: file, line: 1, column: 1) }

    /// True when the block is written for `locale` (or for every locale).
    public func fits(locale: String) -> Bool { locales.isEmpty || locales.contains(locale) }
    public func has(tag: String) -> Bool { tags.contains(tag) }
    public init(
        id: String, slot: String, tags: [String], when: Liquid.Predicate?, whenSource: String?, priority: Int, claims: [String], locales: [String],
        body: Template, bodySource: String, paths: [String], suppressions: [String: String], file: String, bodyLine: Int, markedSource: String? = nil
    ) {
        self.markedSource = markedSource ?? SourceOrigins.marker(file, bodyLine, 1) + bodySource
        self.id = id
        self.slot = slot
        self.tags = tags
        self.when = when
        self.whenSource = whenSource
        self.priority = priority
        self.claims = claims
        self.locales = locales
        self.body = body
        self.bodySource = bodySource
        self.paths = paths
        self.suppressions = suppressions
        self.file = file
        self.bodyLine = bodyLine
    }
}
