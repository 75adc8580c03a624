import Foundation

/// Synthetic recipients for demos, tests and benchmarks (`tessera generate-recipients`): realistic
/// records that together exercise every branch of selection — every template by decision and by
/// action, holdout groups and draws, both consents, every locale, loyalty tiers, carts, orders,
/// recommendations, churn and support events — plus a few broken lines (invalid JSON, missing id,
/// a recommendation feed item without an image: a missing variable). Same seed, same bytes.
public struct RecipientGenerator {
    var rng: SplitMix64
    let now: Date
    /// Only the welcome email (the benchmark's case): no template-less or broken records.
    public var welcomeOnly = false
    let formatter: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f
    }()

    public init(seed: UInt64, now: Date) {
        rng = SplitMix64(seed: seed)
        self.now = now
    }

    static let firstNames = [
        "Ava", "Noah", "Zoë", "Liam", "Chloé", "Mateo", "Priya", "Owen", "Siobhán", "Kai", "Élodie", "Marcus", "Aiyana", "Jun", "Fatima", "O'Brien",
        "Ruth", "Théo", "Nia", "Sam <the hiker>",
    ]
    static let segments = ["new-customer", "vip", "pacific-northwest", "trail-runner", "deal-seeker", "churned", "family", "rockies"]
    static let actions = [
        "welcome", "onboarding", "winback", "reactivation", "post_purchase", "order_followup", "cart_abandonment", "cart_recovery", "browse",
        "birthday",
    ]
    static let templates = ["welcome", "winback", "post-purchase", "cart-abandonment", "home-hero"]
    static let offers = ["ember", "free_shipping", "price_match", "none"]
    static let products: [(sku: String, name: String, category: String, price: Double)] = [
        ("stormline-jacket", "Stormline 3L Rain Jacket", "outerwear", 229), ("ridgeback-down-parka", "Ridgeback Down Parka", "outerwear", 349),
        ("switchback-fleece", "Switchback Fleece", "midlayer", 119), ("cinder-merino-base", "Cinder Merino Base Layer", "baselayer", 89),
        ("talus-hiking-boot", "Talus Hiking Boot", "footwear", 189), ("scree-trail-runner", "Scree Trail Runner", "footwear", 149),
        ("tarn-daypack-28", "Tarn Daypack 28", "packs", 139), ("cairn-trek-pant", "Cairn Trek Pant", "bottoms", 99.5),
        ("ember-synthetic-hoody", "Ember Synthetic Hoody", "midlayer", 179), ("lichen-sun-hoody", "Lichen Sun Hoody", "baselayer", 69),
    ]
    static let cities = [("US", "Denver"), ("US", "Seattle"), ("US", "Portland"), ("CA", "Vancouver"), ("CA", "Calgary"), ("CA", "Montréal")]

    /// The i-th record (1-based) as one NDJSON line, without the newline.
    public mutating func line(_ i: Int) -> String {
        if !welcomeOnly {
            if i % 97 == 0 { return #"{"id": "broken-\#(i)", "email": "x@example.com", "locale": "en-US""# }  // truncated JSON
            if i % 101 == 0 { return #"{"email":"no-id-\#(i)@example.com","locale":"en-US"}"# }
        }
        var o = JSONObjectWriter()
        let id = String(format: "r%06d", i)
        o.string("id", id)
        o.string("email", "\(id)@example.com")
        let localeRoll = rng.next(100)
        let (locale, market) = localeRoll < 55 ? ("en-US", "US") : localeRoll < 78 ? ("en-CA", "CA") : ("fr-CA", "CA")
        o.string("locale", locale)
        o.string("market", market)
        o.string("timezone", market == "US" ? "America/Denver" : (locale == "fr-CA" ? "America/Toronto" : "America/Vancouver"))
        o.raw("consent", #"{"email":\#(rng.next(100) >= 3),"personalization":\#(rng.next(100) >= 8)}"#)
        var segs = Self.segments.filter { _ in rng.next(100) < 18 }
        if rng.next(100) < 6 { segs.append("churned") }
        o.raw("segments", "[" + Set(segs).sorted().map { "\"\($0)\"" }.joined(separator: ",") + "]")
        o.raw("decision", decision(i))
        o.raw("profile", profile(locale: locale, market: market))
        o.raw("events", events())
        o.raw("recommendations", recommendations(i))
        return o.finish()
    }

    mutating func decision(_ i: Int) -> String {
        var d = JSONObjectWriter()
        if welcomeOnly {
            d.string("action", rng.next(2) == 0 ? "welcome" : "onboarding")
        } else {
            let roll = rng.next(100)
            if roll < 30 {
                d.string("template", Self.templates[rng.next(Self.templates.count)])
            } else if roll < 97 {
                d.string("action", Self.actions[rng.next(Self.actions.count)])
            }
            // else: no template, no action: --template decides (or held)
        }
        if rng.next(100) < 35 { d.string("offer", Self.offers[rng.next(Self.offers.count)]) }
        let g = rng.next(100)
        if g < 60 {
            d.string("group", "treatment")
        } else if g < 66 {
            d.string("group", "holdout")
        } else if g < 70 {
            d.string("group", "customer_managed")
        }
        d.string("variant", rng.next(2) == 0 ? "A" : "B")
        d.string("send_at", iso(now.addingTimeInterval(Double(rng.next(48)) * 3600)))
        return d.finish()
    }

    mutating func profile(locale: String, market: String) -> String {
        var p = JSONObjectWriter()
        if rng.next(100) < 85 { p.string("first_name", Self.firstNames[rng.next(Self.firstNames.count)]) }
        let tier = rng.next(100)
        if tier < 20 { p.string("loyalty_tier", "summit") } else if tier < 50 { p.string("loyalty_tier", "trail") }
        if tier < 50 { p.int("points_balance", rng.next(5000)) }
        let cities = Self.cities.filter { $0.0 == market }
        p.string("city", cities[rng.next(cities.count)].1)
        if rng.next(100) < 30 { p.string("nearest_store", "Larchwood \(cities[rng.next(cities.count)].1)") }
        if rng.next(100) < 60 {
            let prod = Self.products[rng.next(Self.products.count)]
            p.raw(
                "last_order",
                #"{"sku":"\#(prod.sku)","name":"\#(prod.name)","category":"\#(prod.category)","at":"\#(iso(now.addingTimeInterval(-Double(rng.next(400)) * 86400)))"}"#
            )
        }
        if rng.next(100) < 25 {
            let items = (0..<(1 + rng.next(4))).map { _ in item(Self.products[rng.next(Self.products.count)], withImage: true) }
            p.raw("cart", "[" + items.joined(separator: ",") + "]")
        }
        return p.finish()
    }

    mutating func events() -> String {
        var list: [String] = []
        for _ in 0..<rng.next(5) {
            let type = ["product_view", "purchase", "support_ticket", "email_open", "return"][rng.next(5)]
            let at = iso(now.addingTimeInterval(-Double(rng.next(60)) * 86400 - Double(rng.next(86400))))
            var e = JSONObjectWriter()
            e.string("type", type)
            e.string("at", at)
            if type == "product_view" || type == "purchase" || type == "return" { e.string("sku", Self.products[rng.next(Self.products.count)].sku) }
            if type == "support_ticket" { e.string("sentiment", ["negative", "neutral", "positive"][rng.next(3)]) }
            list.append(e.finish())
        }
        return "[" + list.joined(separator: ",") + "]"
    }

    mutating func recommendations(_ i: Int) -> String {
        let n = rng.next(100) < 70 ? 1 + rng.next(4) : 0
        let broken = !welcomeOnly && i % 89 == 0
        let items = (0..<n).map { k in item(Self.products[(i + k * 3) % Self.products.count], withImage: !(broken && k == 0)) }
        return "[" + items.joined(separator: ",") + "]"
    }

    func item(_ p: (sku: String, name: String, category: String, price: Double), withImage: Bool) -> String {
        var o = JSONObjectWriter()
        o.string("sku", p.sku)
        o.string("name", p.name)
        o.raw("price", p.price == p.price.rounded() ? String(Int(p.price)) : String(p.price))
        o.string("url", "https://www.larchwood.com/p/\(p.sku)?utm_source=larchwood&utm_medium=email&utm_campaign=recs")
        if withImage { o.string("image", "https://cdn.larchwood.com/img/products/\(p.sku).jpg") }
        return o.finish()
    }

    func iso(_ d: Date) -> String { formatter.string(from: d) }
}

/// A tiny JSON object writer with keys in insertion order (deterministic output).
struct JSONObjectWriter {
    var parts: [String] = []
    mutating func string(_ k: String, _ v: String) {
        var b: [UInt8] = []
        JSONEscape.string(v, to: &b)
        parts.append("\"\(k)\":" + String(decoding: b, as: UTF8.self))
    }
    mutating func int(_ k: String, _ v: Int) { parts.append("\"\(k)\":\(v)") }
    mutating func raw(_ k: String, _ json: String) { parts.append("\"\(k)\":" + json) }
    func finish() -> String { "{" + parts.joined(separator: ",") + "}" }
}

/// SplitMix64: small, fast, seedable; the same sequence on every platform.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<n.
    mutating func next(_ n: Int) -> Int { Int(nextUInt64() % UInt64(n)) }
}
