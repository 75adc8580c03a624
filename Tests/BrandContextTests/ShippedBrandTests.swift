import Foundation
import Testing

@testable import BrandContext

@Suite struct ShippedBrandTests {
    @Test func loadsWithZeroDiagnostics() throws {
        let result = BrandLoader.load(directory: BrandFixture.shipped, displayPrefix: "brand")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description).joined(separator: "\n"))")
        let brand = try #require(result.brand)
        #expect(brand.facts.locales.map(\.id) == ["en-US", "en-CA", "fr-CA"])
        #expect(brand.facts.markets.map(\.id) == ["US", "CA"])
        #expect(brand.claims.count >= 30)
        #expect(brand.voiceRules.count >= 15)
        #expect(Set(brand.voiceRules.map(\.extends)).isSuperset(of: ["existence", "substitution", "occurrence"]))
        #expect(brand.vocabulary.contains { $0.kind == "accept" } && brand.vocabulary.contains { $0.kind == "reject" })
    }

    @Test func claimsCoverExpiredFutureAndDisclaimers() throws {
        let brand = try #require(BrandLoader.load(directory: BrandFixture.shipped).brand)
        let today = CalendarDate(year: 2026, month: 11, day: 23)
        #expect(brand.claims.contains { ($0.validUntil ?? today) < today }, "some claims are expired")
        #expect(brand.claims.contains { $0.validFrom > today }, "some claims are not yet valid")
        #expect(brand.claims.contains { !$0.disclaimers.isEmpty })
        #expect(brand.claims.contains { $0.variants["fr-CA"] != nil })
        #expect(brand.claims.allSatisfy { !$0.substantiation.isEmpty })
    }

    /// Issue 7's rules 1–7 must be expressible from the shipped guardrails.
    @Test func guardrailsExpressTheSevenCreepinessRules() throws {
        let g = try #require(BrandLoader.load(directory: BrandFixture.shipped).brand).guardrails
        let actions = g.rules.map(\.then)
        #expect(
            g.rules.contains { rule in
                if case .dropBlocksTagged(let tags) = rule.then, tags.contains("upsell"),
                    case .event(type: "support_ticket", withinDays: 14, _, _)? = rule.when
                {
                    return true
                }
                return false
            })
        #expect(actions.contains(.dropBlocksTagged(["loyalty_upgrade"])))
        #expect(actions.contains(.filterRecommendations(purchasedAtLeast: 3)))
        #expect(actions.contains(.dropBlocksReading("personal")))
        #expect(actions.contains(.maxPersonalSignalClasses(g.maxPersonalSignalClasses)))
        #expect(actions.contains(.oneBlockPerSignalClass))
        #expect(actions.contains(.dropBlocksTagged(["cart_abandonment", "acquisition"])))
        #expect(g.frequencyCaps.contains { $0.channel == "email" && $0.max == 3 && $0.perDays == 7 })
        #expect(g.signalClass(forPath: "recipient.profile.city")?.id == "location_coarse")
        #expect(g.signalClass(forPath: "recipient.profile.income_band")?.sensitivity == .forbidden)
        #expect(g.signalClass(forPath: "recipient.events.3.sku")?.id == "browsing")
        #expect(g.signalClass(forPath: "recipient.recommendations[0].name")?.id == "recommendations")
        #expect(g.signalClass(forPath: "recipient.profile[\"postal_code\"]")?.id == "location_precise")
        #expect(g.signalClass(forPath: "recipient.profile.first_name")?.personal == true)
        #expect(g.signalClass(forPath: "recipient.locale")?.personal == false)
        #expect(g.signalClass(forEventType: "support_ticket")?.sensitivity == .high)
        #expect(g.signalClass(forPath: "shop.name") == nil, "not a recipient path: no signal")
    }
}
