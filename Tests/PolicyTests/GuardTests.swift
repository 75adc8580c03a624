import BrandContext
import Catalog
import Foundation
import Liquid
import Testing

@testable import Policy

/// The per-recipient guard on crafted recipients, rule by rule (issue 7's rules 1–7), through the
/// `RecipientGuard` hook Assembly calls.
@Suite struct GuardTests {
    static let brand = PolicyFixtures.brand()
    static let catalog = PolicyFixtures.catalog(brand)
    static let guardrail = PolicyGuard(brand: brand, catalog: catalog)
    static let now = Date(timeIntervalSince1970: TimeInterval(RecipientFacts.days(2026, 11, 23)) * 86_400 + 12 * 3600)

    /// A consenting US recipient; `extra` JSON members are appended (or override by coming later).
    static func recipient(_ extra: String = "") -> Value {
        let base =
            #"{"id": "r1", "email": "r1@example.com", "locale": "en-US", "market": "US", "consent": {"email": true, "personalization": true}, "segments": [], "decision": {"action": "welcome", "offer": "none"}, "profile": {"first_name": "Ada", "loyalty_tier": "trail", "points_balance": 40, "last_order": {"category": "outerwear", "name": "Stormline"}}, "events": [], "recommendations": []"#
        return try! Value.parseJSON(base + (extra.isEmpty ? "" : ", " + extra) + "}")
    }

    static func context(_ r: Value, template: String = "welcome") -> GuardContext {
        GuardContext(recipient: r, template: catalog.template(template)!, now: now, defaultContentOnly: false)
    }

    static func check(_ block: String, _ r: Value, chosen: [String] = [], template: String = "welcome") -> GuardReason? {
        let b = catalog.block(block)!
        let slot = catalog.template(template)!.slot(b.slot)!
        return guardrail.check(candidate: b, slot: slot, chosen: chosen.map { catalog.block($0)! }, context: context(r, template: template))
    }

    @Test func rule1NegativeSupportTicketDropsUpsellAndCrossSell() {
        let r = Self.recipient(#""events": [{"type": "support_ticket", "at": "2026-11-15T10:00:00Z", "sentiment": "negative"}]"#)
        #expect(Self.check("upsell-ember", r)?.rule == "negative-support-no-upsell")
        #expect(Self.check("cross-sell-fleece", r)?.rule == "negative-support-no-upsell")
        #expect(Self.check("story-trail-guides", r) == nil)
        // Older than 14 days, or not negative: no drop.
        let old = Self.recipient(#""events": [{"type": "support_ticket", "at": "2026-10-20T10:00:00Z", "sentiment": "negative"}]"#)
        let fine = Self.recipient(#""events": [{"type": "support_ticket", "at": "2026-11-20T10:00:00Z", "sentiment": "positive"}]"#)
        #expect(Self.check("cross-sell-fleece", old) == nil)
        #expect(Self.check("cross-sell-fleece", fine) == nil)
    }

    @Test func rule2ChurnedDropsLoyaltyUpgrade() {
        let bySegment = Self.recipient(#""segments": ["churned"]"#)
        let byEvent = Self.recipient(#""events": [{"type": "churned", "at": "2025-01-01T00:00:00Z"}]"#)
        #expect(Self.check("loyalty-upgrade-summit", bySegment)?.rule == "churned-no-loyalty-upgrade")
        #expect(Self.check("loyalty-upgrade-summit", byEvent)?.rule == "churned-no-loyalty-upgrade")
        #expect(Self.check("loyalty-upgrade-summit", Self.recipient()) == nil)
    }

    @Test func rule3FrequentBuysAreNotRecommended() {
        let buys = (1...3).map { #"{"type": "purchase", "at": "2026-0\#($0)-01T00:00:00Z", "sku": "cinder-merino-base"}"# }.joined(separator: ", ")
        var r = Self.recipient(
            #""events": [\#(buys), {"type": "purchase", "at": "2026-05-01T00:00:00Z", "sku": "tarn-daypack-28"}], "recommendations": [{"sku": "cinder-merino-base", "name": "Cinder"}, {"sku": "tarn-daypack-28", "name": "Tarn"}]"#
        )
        let reasons = Self.guardrail.prepare(&r, context: Self.context(r))
        #expect(reasons.map(\.rule) == ["no-rerecommend-frequent-buys"])
        let left = RecipientFacts.array(r, MemberPath("recommendations")).compactMap {
            $0.member(at: RecipientFacts.Field.sku).flatMap(RecipientFacts.text)
        }
        #expect(left == ["tarn-daypack-28"])
    }

    @Test func rule4NoPersonalisationConsentDropsPersonalBlocks() {
        let r = Self.recipient(#""consent": {"email": true, "personalization": false}"#)
        #expect(Self.check("loyalty-points", r)?.rule == "no-personal-without-consent")
        #expect(Self.check("story-trails-fund", r) == nil)
        #expect(Self.check("loyalty-points", Self.recipient()) == nil)
    }

    @Test func rule5AtMostNPersonalSignalClasses() {
        let r = Self.recipient(#""recommendations": [{"sku": "x", "name": "X"}]"#)
        let chosen = ["hero-welcome-member", "cross-sell-fleece"]
        let classes = chosen.reduce(into: Self.guardrail.templates["welcome"]!) { $0.formUnion(Self.guardrail.blocks[$1]!.personal) }
        let recs = Self.guardrail.blocks["recs-grid"]!.personal
        #expect(classes.count == 3 && !recs.isSubset(of: classes), "fixture premise: \(classes)")
        #expect(Self.check("recs-grid", r, chosen: chosen)?.rule == "max-personal-signals")
        #expect(Self.check("recs-grid", r, chosen: ["hero-welcome"]) == nil)
    }

    @Test func rule6SignalVariety() {
        let r = Self.recipient()
        #expect(Self.check("loyalty-points", r, chosen: ["hero-welcome-member"])?.rule == "signal-variety")
        #expect(Self.check("loyalty-points", r, chosen: ["hero-welcome"]) == nil)
    }

    @Test func rule7RecentPurchaseDropsCartAndAcquisition() {
        let r = Self.recipient(
            #""events": [{"type": "purchase", "at": "2026-11-20T09:00:00Z", "sku": "tarn-daypack-28"}], "profile": {"loyalty_tier": "", "cart": [{"sku": "a"}]}"#
        )
        #expect(Self.check("hero-cart-items", r, template: "cart-abandonment")?.rule == "recent-purchase-no-cart-nudge")
        #expect(Self.check("loyalty-join", r)?.rule == "recent-purchase-no-cart-nudge")
        let old = Self.recipient(#""events": [{"type": "purchase", "at": "2026-11-01T09:00:00Z", "sku": "tarn-daypack-28"}]"#)
        #expect(Self.check("hero-cart-items", old, template: "cart-abandonment") == nil)
    }

    @Test func filledValuesAreChecked() {
        let r = Self.recipient(#""profile": {"income_band": "over-200k"}"#)
        let ctx = Self.context(r)
        #expect(
            Self.guardrail.check(values: [Hole(text: "http://www.larchwood.com/p", safe: false)], blocks: [], context: ctx)?.rule == "links.https")
        #expect(Self.guardrail.check(values: [Hole(text: "https://evil.example/p", safe: false)], blocks: [], context: ctx)?.rule == "links.domain")
        #expect(
            Self.guardrail.check(values: [Hole(text: "For the over-200k crowd", safe: false)], blocks: [], context: ctx)?.rule
                == "values.forbidden-signal")
        #expect(
            Self.guardrail.check(
                values: [Hole(text: "Ada", safe: false), Hole(text: "https://www.larchwood.com/p?utm_source=a", safe: false)], blocks: [],
                context: ctx) == nil)
        #expect(PolicyGuard.containsWord("for over-200k.", "over-200k"))
        #expect(!PolicyGuard.containsWord("Follow the trail", "low"))
        #expect(!PolicyGuard.containsWord("Cafés nearby", "Caf"))  // a non-ASCII letter joins the word
        #expect(PolicyGuard.containsWord("the over-200k’s pick", "over-200k"))  // punctuation does not
        #expect(PolicyGuard.containsWord("low", "low"))
        #expect(!PolicyGuard.containsWord("lo", "low"))
        #expect(Self.guardrail.check(values: [Hole(text: "https://WWW.Larchwood.com/p", safe: false)], blocks: [], context: ctx) == nil)
    }

    @Test func suppressionRulesHoldTheMessage() {
        let bounced = Self.recipient(#""events": [{"type": "hard_bounce", "at": "2026-11-01T00:00:00Z"}]"#)
        #expect(Self.guardrail.check(values: [], blocks: [], context: Self.context(bounced))?.rule == "suppress-hard-bounce")
    }

    @Test func isoTimes() {
        #expect(RecipientFacts.epoch("1970-01-02T00:00:00Z") == 86_400)
        #expect(RecipientFacts.epoch("1970-01-01T02:00:00+02:00") == 0)
        #expect(RecipientFacts.epoch("2026-11-23") == Double(RecipientFacts.days(2026, 11, 23)) * 86_400)
        #expect(RecipientFacts.epoch("garbage") == nil)
    }
}
