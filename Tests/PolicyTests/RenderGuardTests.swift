import Assembly
import BrandContext
import Catalog
import Foundation
import Testing

@testable import Policy

/// Rules 1–7 through the render engine behind `tessera render` (Assembler with PolicyGuard, as
/// RenderCommand wires it), on crafted recipients: what is dropped, replaced or held, and the
/// `guard.<rule>` reasons in the output.
@Suite struct RenderGuardTests {
    static let brand = PolicyFixtures.brand()
    static let catalog = PolicyFixtures.catalog(brand)
    static let now = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!

    static func render(_ json: String, guarded: Bool = true) -> RenderedRecipient {
        let g: any RecipientGuard = guarded ? PolicyGuard(brand: brand, catalog: catalog) : NoGuard()
        let a = Assembler(catalog: catalog, brand: brand, options: AssemblyOptions(now: now, recipientGuard: g))
        return a.render(line: Array(json.utf8), number: 1)
    }

    /// A consenting US recipient for `action`; `profile` and `extra` are JSON members.
    static func record(action: String = "welcome", offer: String = "none", profile: String = #""first_name":"Ann""#, _ extra: String = "") -> String {
        #"{"id":"t1","email":"a@example.com","locale":"en-US","market":"US","consent":{"email":true,"personalization":true},"segments":[],"decision":{"action":"\#(action)","offer":"\#(offer)","group":"treatment"},"profile":{\#(profile)},"events":[],"recommendations":[]\#(extra.isEmpty ? "" : "," + extra)}"#
    }

    static func has(_ r: RenderedRecipient, _ code: String) -> Bool { r.reasons.contains { $0.code == code } }
    static func describe(_ r: RenderedRecipient) -> String {
        "\(r.status) \(r.blocks) \(r.reasons.filter { !$0.code.hasPrefix("block.ineligible") })"
    }

    @Test func rule1NegativeTicketDropsUpsell() {
        let base = Self.record(offer: "ember")
        let control = Self.render(base)
        #expect(control.blocks.contains("upsell-ember"), "\(Self.describe(control))")
        let ticket = Self.render(
            String(base.dropLast()) + #","events":[{"type":"support_ticket","at":"2026-11-20T10:00:00Z","sentiment":"negative"}]}"#)
        #expect(ticket.status == .rendered)
        #expect(!ticket.blocks.contains("upsell-ember"), "\(Self.describe(ticket))")
        #expect(Self.has(ticket, "guard.negative-support-no-upsell"))
    }

    @Test func rule2ChurnedGetsNoLoyaltyUpgrade() {
        // Post-purchase: the hero is driven by the last order, so variety leaves the loyalty block be.
        let profile = #""first_name":"Ann","loyalty_tier":"trail","last_order":{"name":"Stormline","category":"rain"}"#
        let control = Self.render(Self.record(action: "post_purchase", offer: "loyalty_upgrade", profile: profile))
        #expect(control.blocks.contains("loyalty-upgrade-summit"), "\(Self.describe(control))")
        let churned = Self.render(
            Self.record(action: "post_purchase", offer: "loyalty_upgrade", profile: profile).replacingOccurrences(
                of: #""segments":[]"#, with: #""segments":["churned"]"#))
        #expect(!churned.blocks.contains("loyalty-upgrade-summit"), "\(Self.describe(churned))")
        #expect(Self.has(churned, "guard.churned-no-loyalty-upgrade"))
    }

    @Test func rule3FrequentBuyNotRecommended() {
        let buys = (1...3).map { #"{"type":"purchase","at":"2026-0\#($0)-02T00:00:00Z","sku":"cinder-merino-base"}"# }.joined(separator: ",")
        let recs =
            #""recommendations":[{"sku":"cinder-merino-base","name":"Cinder Merino Base Layer","price":89,"url":"https://www.larchwood.com/p/cinder?utm_source=larchwood&utm_medium=email&utm_campaign=recs","image":"https://cdn.larchwood.com/img/cinder.jpg"},{"sku":"tarn-daypack-28","name":"Tarn Daypack 28","price":139,"url":"https://www.larchwood.com/p/tarn?utm_source=larchwood&utm_medium=email&utm_campaign=recs","image":"https://cdn.larchwood.com/img/tarn.jpg"}]"#
        let json = Self.record().replacingOccurrences(of: #""events":[],"recommendations":[]"#, with: #""events":[\#(buys)],\#(recs)"#)
        let r = Self.render(json)
        #expect(r.status == .rendered, "\(Self.describe(r))")
        #expect(Self.has(r, "guard.no-rerecommend-frequent-buys"))
        #expect(!r.html.contains("Cinder Merino Base Layer"))
        #expect(r.html.contains("Tarn Daypack 28"), "\(Self.describe(r))")
    }

    @Test func rule4NoConsentNoPersonalSignal() {
        let json = Self.record(profile: #""first_name":"Annabelle","loyalty_tier":"summit","points_balance":900"#)
            .replacingOccurrences(of: #""personalization":true"#, with: #""personalization":false"#)
        let r = Self.render(json)
        #expect(r.status == .rendered, "\(Self.describe(r))")
        #expect(!r.personalized)
        #expect(!r.html.contains("Annabelle"))
        let g = PolicyGuard(brand: Self.brand, catalog: Self.catalog)
        // Every block that was sent reads no personal signal of the record (its data was withheld).
        #expect(r.signals.isEmpty, "\(r.signals) \(r.blocks.map { ($0, g.blocks[$0]!.personal) })")
    }

    @Test func rule5AtMostThreePersonalClasses() {
        let profile = #""first_name":"Ann","loyalty_tier":"trail","points_balance":0,"last_order":{"category":"outerwear","name":"Stormline"}"#
        let recs =
            #""recommendations":[{"sku":"tarn-daypack-28","name":"Tarn Daypack 28","price":139,"url":"https://www.larchwood.com/p/tarn?utm_source=larchwood&utm_medium=email&utm_campaign=recs","image":"https://cdn.larchwood.com/img/tarn.jpg"}]"#
        let json = Self.record(profile: profile).replacingOccurrences(of: #""recommendations":[]"#, with: recs)
        let open = Self.render(json, guarded: false)
        let r = Self.render(json)
        #expect(Set(open.signals).count > 3, "premise: unguarded \(open.signals) \(open.blocks)")
        #expect(r.status == .rendered)
        #expect(Self.has(r, "guard.max-personal-signals"), "\(Self.describe(r))")
        #expect(Set(r.signals).count <= 3, "\(r.signals)")
    }

    @Test func rule6SignalVariety() {
        let json = Self.record(profile: #""first_name":"Ann","loyalty_tier":"summit","points_balance":900"#)
        let open = Self.render(json, guarded: false)
        #expect(open.blocks.contains("hero-welcome-member") && open.blocks.contains("loyalty-points"), "premise: \(open.blocks)")
        let r = Self.render(json)
        #expect(r.blocks.contains("hero-welcome-member"))
        #expect(!r.blocks.contains("loyalty-points"), "\(Self.describe(r))")
        #expect(Self.has(r, "guard.signal-variety"))
    }

    @Test func rule7RecentPurchaseNoCartNudge() {
        let json = Self.record(
            action: "cart_abandonment",
            profile: #""first_name":"Ann","cart":[{"sku":"a","name":"Talus Hiking Boot","price":189,"image":"https://cdn.larchwood.com/img/a.jpg"}]"#)
        let control = Self.render(json)
        #expect(control.status == .rendered, "\(Self.describe(control))")
        let bought = Self.render(
            json.replacingOccurrences(of: #""events":[]"#, with: #""events":[{"type":"purchase","at":"2026-11-21T08:00:00Z","sku":"b"}]"#))
        // Every hero of the cart template is a cart reminder: the slot cannot be filled, so held.
        #expect(bought.status == .held, "\(Self.describe(bought))")
        #expect(Self.has(bought, "guard.recent-purchase-no-cart-nudge"))
    }
}
