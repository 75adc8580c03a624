import Assembly
import BrandContext
import Catalog
import Foundation
import Liquid

/// The base every synthetic representative starts from. The brand defines no sample persona
/// (brand/ has none), so it is the sample recipient with the most data (ties: the first), with
/// what enumeration controls reset: no events, no segments, email consent, the template decided.
enum Persona {
    static func build(samples: [RecipientRecord], brand: Brand, template: TemplateDefinition) -> (value: Value, source: String) {
        var best: RecipientRecord?
        var bestScore = -1
        for r in samples where r.bool("consent", "email") != false {
            let s = leaves(r.value)
            if s > bestScore { best = r; bestScore = s }
        }
        var v: Value
        var source: String
        if let best {
            v = best.value
            source = "built from sample recipient \(best.id) (the one with most data)"
        } else {
            let market = brand.facts.markets.first
            v = [
                "email": "preview@example.com", "locale": .string(market?.defaultLocale ?? brand.facts.defaultLocale),
                "market": market.map { .string($0.id) } ?? .null,
            ]
            source = "built from the brand's first market (no sample recipients)"
        }
        v = v.setting(["id"], to: .string(previewID(template)))
        v = v.setting(["events"], to: .array([]))
        v = v.setting(["segments"], to: .array([]))
        v = v.setting(["consent", "email"], to: .bool(true))
        v = v.setting(["decision"], to: ["template": .string(template.id)])
        return (v, source)
    }

    /// An id outside the template's holdout draw, so an absent group stays personalized.
    static func previewID(_ t: TemplateDefinition) -> String {
        for n in 0..<10_000 {
            let id = n == 0 ? "preview" : "preview-\(n)"
            if !Holdout.isHeldOut(id: id, template: t.id, percent: t.holdoutPercent ?? 0) { return id }
        }
        return "preview"
    }

    static func leaves(_ v: Value) -> Int {
        switch v {
        case .object(let o): return o.values.reduce(0) { $0 + leaves($1) }
        case .array(let a): return a.reduce(0) { $0 + leaves($1) }
        case .null: return 0
        default: return 1
        }
    }
}
