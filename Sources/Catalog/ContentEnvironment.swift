import BrandContext
import Diagnostics
import Foundation
import Liquid

/// The Liquid dialect of templates and blocks: HTML autoescape, strict variables, and the content
/// tags `{% claim "id" %}`, `{% disclaimers %}` and the `money` filter.
public enum ContentEnvironment {
    /// `checkClaims: false` lets `{% claim "unknown-id" %}` parse (Policy's lint reports it).
    public static func make(brand: Brand, checkClaims: Bool = true) -> Environment {
        var env = Environment.html
        env.strictVariables = true
        let texts = ClaimTexts(brand: brand)
        env.register(tag: "claim", ClaimTag(texts: texts, checkIDs: checkClaims))
        env.register(tag: "disclaimers", DisclaimersTag(texts: texts))
        env.register(
            filter: "money",
            Filter(args: 0...1) { input, args, _ in
                .string(try Money.format(input, currency: args.first?.liquidString))
            })
        return env
    }
}

/// Per-render state of the content tags, passed as the `claims` register of a render: the
/// recipient's locale, the claims used and the disclaimers they queue (in order, deduplicated).
/// Used by one thread at a time: its hot stored properties are `@exclusivity(unchecked)` (the
/// dynamic checks cost ~1–10% of a render; the library products carry no unsafe build flags).
public final class ClaimState {
    public static let register = "claims"
    public let locale: String?
    @exclusivity(unchecked) public private(set) var claims: [String] = []
    @exclusivity(unchecked) public private(set) var disclaimers: [String] = []
    public init(locale: String?) { self.locale = locale }

    func use(_ claim: String, disclaimers ids: [String]) {
        if !claims.contains(claim) { claims.append(claim) }
        for d in ids where !disclaimers.contains(d) { disclaimers.append(d) }
    }
}

/// Claim and disclaimer texts by id, read once from the brand. Entries are shared references:
/// a claim tag renders for every recipient, and copying a `Claim` value retains each field.
struct ClaimTexts: Sendable {
    final class Entry: Sendable {
        let text: String
        let variants: [String: String]
        let disclaimers: [String]
        init(text: String, variants: [String: String], disclaimers: [String]) {
            self.text = text
            self.variants = variants
            self.disclaimers = disclaimers
        }
    }
    let claims: [String: Entry]
    let disclaimers: [String: Entry]
    let defaultLocale: String

    init(brand: Brand) {
        claims = Dictionary(
            brand.claims.map { ($0.id, Entry(text: $0.text, variants: $0.variants, disclaimers: $0.disclaimers)) }, uniquingKeysWith: { a, _ in a })
        disclaimers = Dictionary(
            brand.disclaimers.map { ($0.id, Entry(text: $0.text, variants: $0.variants, disclaimers: [])) }, uniquingKeysWith: { a, _ in a })
        defaultLocale = brand.facts.defaultLocale
    }

    /// The entry's text for a locale: its variant for that locale, else its own text (as
    /// `Claim.text(for:)` and `Disclaimer.text(for:)` fall back).
    func text(_ e: Entry, locale: String?) -> String {
        guard let locale, locale != defaultLocale, !e.variants.isEmpty else { return e.text }
        return e.variants[locale] ?? e.text
    }
}

/// `{% claim "id" %}`: the approved claim's text for the recipient's locale; queues its disclaimers.
struct ClaimTag: TagParser {
    let texts: ClaimTexts
    var checkIDs = true
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        var p = try parser.expressions(tag)
        let id = try p.parsePrimary()
        try p.expectEnd()
        if checkIDs, case .literal(let v) = id, texts.claims[v.liquidString] == nil {
            throw LiquidError(
                .syntax, "unknown claim '\(v.liquidString)'\(Suggest.hint(for: v.liquidString, in: texts.claims.keys.sorted()))", offset: tag.offset)
        }
        return ClaimNode(id: id, texts: texts)
    }
}

struct ClaimNode: Node {
    let id: LiquidExpression
    let texts: ClaimTexts
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        let name = try ctx.evaluate(id).liquidString
        let state = ctx.registers[ClaimState.register] as? ClaimState
        guard let entry = texts.claims[name] else {
            throw LiquidError(.render, "unknown claim '\(name)'")
        }
        state?.use(name, disclaimers: entry.disclaimers)
        try out.append(.string(texts.text(entry, locale: state?.locale)), escape: true)
    }
    func analyze(_ a: inout Analyzer) {
        a.visit(id)
        if case .literal(let v) = id { a.note("claims", v.liquidString) }
    }
}

/// `{% disclaimers %}`: the disclaimers queued by the claims rendered so far, one a line: each
/// text is a value (escaped; a hole in a skeleton), the `<br>` between them static markup, so
/// the text part gets line breaks too. How many there are follows from the blocks chosen.
struct DisclaimersTag: TagParser {
    let texts: ClaimTexts
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        var p = try parser.expressions(tag)
        try p.expectEnd()
        return DisclaimersNode(texts: texts)
    }
}

struct DisclaimersNode: Node {
    let texts: ClaimTexts
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        guard let state = ctx.registers[ClaimState.register] as? ClaimState else { return }
        for (i, id) in state.disclaimers.enumerated() {
            guard let entry = texts.disclaimers[id] else { continue }
            let text = texts.text(entry, locale: state.locale)
            if i > 0 { try out.append("<br>") }
            try out.append(.string(text), escape: true)
        }
    }
    func analyze(_ a: inout Analyzer) { a.note("disclaimers", "footer") }
}

/// `{{ price | money }}` → `$1,234.50`; `money: "EUR"` → `EUR 1,234.50`. Strings that are not
/// numbers pass through unchanged. Amounts are rounded to whole cents (half away from zero) and
/// formatted exactly up to the largest amount an Int of cents holds ($92,233,720,368,547,758.07);
/// a larger amount, or one that is not finite ("nan", "inf", 1e400), is a render error naming the
/// value (the recipient is held), never a trap. A negative amount that rounds to 0 prints as 0.
enum Money {
    static func format(_ v: Value, currency: String?) throws -> String {
        guard let cents = try cents(v) else { return v.liquidString }
        var whole = String(cents.magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        let frac = cents.magnitude % 100
        let number = whole + grouped + "." + (frac < 10 ? "0" : "") + String(frac)
        let sign = cents < 0 ? "-" : ""
        if let c = currency, !c.isEmpty, c != "USD", c != "CAD" { return "\(sign)\(c) \(number)" }
        return "\(sign)$\(number)"
    }

    /// The amount in whole cents; nil for a value that is not a number (it passes through).
    static func cents(_ v: Value) throws -> Int? {
        switch v {
        case .int(let i):
            guard case (let c, false) = i.multipliedReportingOverflow(by: 100) else { throw tooLarge(String(i)) }
            return c
        case .double(let d): return try cents(d, text: nil)
        case .string(let s):
            guard let d = Double(s) else { return nil }
            return try cents(d, text: s)
        default: return nil
        }
    }

    /// Below 2^53 cents a Double holds every cent exactly, so the common case stays in floating
    /// point; above, the amount's decimal text is rounded exactly.
    static func cents(_ d: Double, text: String?) throws -> Int {
        let shown = text ?? formatMoneyDouble(d)
        guard d.isFinite else { throw LiquidError(.render, "'\(shown)' is not a finite amount") }
        let scaled = d * 100
        if scaled.magnitude < 9_007_199_254_740_992 { return Int(scaled.rounded()) }
        // The text itself when it is plain decimal notation (exact past a Double's precision).
        let plain = text.flatMap { t in t.allSatisfy { "0123456789+-.eE".contains($0) } ? Decimal(string: t) : nil }
        var exact = (plain ?? Decimal(string: formatMoneyDouble(d)) ?? .nan) * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 0, .plain)
        guard !rounded.isNaN, rounded >= Decimal(Int.min), rounded <= Decimal(Int.max), let c = Int(rounded.description) else {
            throw tooLarge(shown)
        }
        return c
    }

    static func tooLarge(_ amount: String) -> LiquidError {
        LiquidError(.render, "\(amount) is beyond the largest amount money formats (92,233,720,368,547,758.07)")
    }

    /// A Double's shortest text ("1e+17"), as Swift prints it.
    static func formatMoneyDouble(_ d: Double) -> String { d.description }
}
