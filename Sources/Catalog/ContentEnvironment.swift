import BrandContext
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
        env.register(filter: "money", Filter(args: 0...1) { input, args, _ in
            .string(Money.format(input, currency: args.first?.liquidString))
        })
        return env
    }
}

/// Per-render state of the content tags, passed as the `claims` register of a render: the
/// recipient's locale, the claims used and the disclaimers they queue (in order, deduplicated).
public final class ClaimState {
    public static let register = "claims"
    public let locale: String?
    public private(set) var claims: [String] = []
    public private(set) var disclaimers: [String] = []
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
        claims = Dictionary(brand.claims.map { ($0.id, Entry(text: $0.text, variants: $0.variants, disclaimers: $0.disclaimers)) }, uniquingKeysWith: { a, _ in a })
        disclaimers = Dictionary(brand.disclaimers.map { ($0.id, Entry(text: $0.text, variants: $0.variants, disclaimers: [])) }, uniquingKeysWith: { a, _ in a })
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
            throw LiquidError(.syntax, "unknown claim '\(v.liquidString)'\(Suggest.hint(for: v.liquidString, in: texts.claims.keys.sorted()))", offset: tag.offset)
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

/// `{{ price | money }}` → `$1,234.50`; `money: "EUR"` → `EUR 1,234.50`. Non-numbers pass through.
enum Money {
    static func format(_ v: Value, currency: String?) -> String {
        let amount: Double
        switch v {
        case .int(let i): amount = Double(i)
        case .double(let d): amount = d
        case .string(let s): guard let d = Double(s) else { return s }; amount = d
        default: return v.liquidString
        }
        let cents = Int((abs(amount) * 100).rounded())
        var whole = String(cents / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        let frac = cents % 100
        let number = whole + grouped + "." + (frac < 10 ? "0" : "") + String(frac)
        let sign = amount < 0 ? "-" : ""
        if let c = currency, !c.isEmpty, c != "USD", c != "CAD" { return "\(sign)\(c) \(number)" }
        return "\(sign)$\(number)"
    }
}
