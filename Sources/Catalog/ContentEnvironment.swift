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

/// Claim and disclaimer texts by id, read once from the brand.
struct ClaimTexts: Sendable {
    let claims: [String: Claim]
    let disclaimers: [String: Disclaimer]
    let defaultLocale: String

    init(brand: Brand) {
        claims = Dictionary(brand.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        disclaimers = Dictionary(brand.disclaimers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        defaultLocale = brand.facts.defaultLocale
    }

    func claimText(_ id: String, locale: String?) -> String? {
        guard let c = claims[id] else { return nil }
        return c.text(for: locale ?? defaultLocale, defaultLocale: defaultLocale) ?? c.text
    }

    func disclaimerText(_ id: String, locale: String?) -> String? {
        guard let d = disclaimers[id] else { return nil }
        return d.text(for: locale ?? defaultLocale, defaultLocale: defaultLocale)
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
        guard let text = texts.claimText(name, locale: state?.locale) else {
            throw LiquidError(.render, "unknown claim '\(name)'")
        }
        state?.use(name, disclaimers: texts.claims[name]?.disclaimers ?? [])
        try out.append(.string(text), escape: true)
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
            guard let text = texts.disclaimerText(id, locale: state.locale) else { continue }
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
