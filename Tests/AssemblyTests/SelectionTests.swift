import Catalog
import Liquid
import Testing

@testable import Assembly

@Suite struct TemplateSelectionTests {
    @Test func byDecisionTemplate() {
        let r = Fixture.render(#"{"id":"a","locale":"en-US","market":"US","decision":{"template":"winback","action":"welcome"}}"#)
        #expect(r.template == "winback")
        #expect(r.has("template.by-decision"))
    }

    @Test func byAction() {
        let r = Fixture.render(#"{"id":"a","locale":"en-US","market":"US","decision":{"action":"order_followup"}}"#)
        #expect(r.template == "post-purchase")
        #expect(r.has("template.by-action", "order_followup"))
    }

    @Test func defaultTemplateThenNone() {
        let r = Fixture.render(#"{"id":"a","locale":"en-US","market":"US","decision":{"action":"birthday"}}"#, template: "welcome")
        #expect(r.template == "welcome")
        #expect(r.has("template.default"))
        let none = Fixture.render(#"{"id":"a","decision":{"action":"birthday"}}"#)
        #expect(none.status == .held)
        #expect(none.has("template.none", "birthday"))
        let unknown = Fixture.render(#"{"id":"a","decision":{"template":"welcom"}}"#)
        #expect(unknown.status == .held)
        #expect(unknown.has("template.unknown", "welcom"))
    }
}

@Suite struct BlockSelectionTests {
    /// Chosen blocks are the top eligible ones by (decided tag, priority desc, id); the rest are outranked.
    @Test func rankingByPriorityThenId() throws {
        let r = Fixture.render(Fixture.welcome())
        #expect(r.status == .rendered)
        let main = Fixture.catalog.template("welcome")!.slot("main")!
        let chosen = r.reasons.filter { $0.code == "block.chosen" && $0.detail.hasPrefix("main: ") }.map {
            String($0.detail.dropFirst(6).prefix { $0 != ":" })
        }
        #expect(chosen.count == main.max)
        let outranked = r.reasons.filter { $0.code == "block.outranked" && $0.detail.hasPrefix("main: ") }.map {
            String($0.detail.dropFirst(6).prefix { $0 != ":" })
        }
        #expect(!outranked.isEmpty)
        let p = { (id: String) in Fixture.catalog.block(id)!.priority }
        for c in chosen { for o in outranked { #expect(p(c) > p(o) || (p(c) == p(o) && c < o)) } }
        #expect(r.blocks.filter { Fixture.catalog.block($0)!.slot == "main" } == chosen)
    }

    @Test func decidedOfferRanksFirst() {
        let r = Fixture.render(
            Fixture.welcome().replacingOccurrences(of: #""group":"treatment""#, with: #""group":"treatment","offer":"price_match""#))
        #expect(r.has("block.chosen", "service-price-match: tagged with the decision"))
        let main = r.blocks.filter { Fixture.catalog.block($0)!.slot == "main" }
        #expect(main.first == "service-price-match")
    }

    @Test func whenFalseNamesTheCondition() {
        let r = Fixture.render(Fixture.welcome())
        #expect(r.has("block.ineligible", #"hero-welcome-member: when 'recipient.profile.loyalty_tier != blank' is false"#))
        let member = Fixture.render(
            Fixture.welcome().replacingOccurrences(of: #""first_name":"Ann""#, with: #""first_name":"Ann","loyalty_tier":"trail""#))
        #expect(member.blocks.first == "hero-welcome-member")
    }

    @Test func localeFiltersBlocks() {
        let fr = Fixture.render(
            Fixture.welcome().replacingOccurrences(of: #""locale":"en-US","market":"US""#, with: #""locale":"fr-CA","market":"CA""#))
        #expect(fr.status == .rendered)
        #expect(fr.blocks.allSatisfy { Fixture.catalog.block($0)!.fits(locale: "fr-CA") })
        #expect(fr.has("block.locale", "hero-welcome: written for en-US, en-CA"))
        #expect(fr.subject.hasPrefix("Bienvenue"))
    }

    @Test func fallbackWhenBelowMin() {
        // A page recipient in fr-CA: no page hero is written for fr-CA except the default fallback.
        let r = Fixture.render(#"{"id":"p","locale":"fr-CA","market":"CA","decision":{"template":"home-hero"}}"#)
        let hero = Fixture.catalog.template("home-hero")!.slot("hero")!
        if r.has("slot.fallback") { #expect(r.blocks.contains(hero.fallback!)) }
        #expect(r.status == .rendered || r.has("slot.unfilled"))
    }

    @Test func heldWhenSlotCannotBeFilled() throws {
        // A guard that refuses every hero block, fallback included: the slot stays empty.
        struct NoHeroes: RecipientGuard {
            func check(candidate: BlockDefinition, slot: SlotDefinition, chosen: [BlockDefinition], context: GuardContext) -> GuardReason? {
                slot.name == "hero" ? GuardReason(rule: "test-no-hero", detail: "no heroes today") : nil
            }
        }
        let r = Fixture.render(Fixture.welcome(), guard: NoHeroes())
        #expect(r.status == .held)
        #expect(r.has("slot.unfilled", "hero: 0 of at least 1"))
        #expect(r.has("guard.test-no-hero", "fallback dropped"))
    }

    @Test func guardDropsAndNextCandidateWins() {
        struct NoUpsell: RecipientGuard {
            func check(candidate: BlockDefinition, slot: SlotDefinition, chosen: [BlockDefinition], context: GuardContext) -> GuardReason? {
                candidate.has(tag: "upsell") ? GuardReason(rule: "negative-support-no-upsell", detail: "negative support ticket") : nil
            }
        }
        let json = Fixture.welcome().replacingOccurrences(of: #""first_name":"Ann""#, with: #""first_name":"Ann","loyalty_tier":"trail""#)
        let open = Fixture.render(json)
        #expect(open.blocks.contains("loyalty-upgrade-summit"))
        let guarded = Fixture.render(json, guard: NoUpsell())
        #expect(!guarded.blocks.contains("loyalty-upgrade-summit"))
        #expect(guarded.has("guard.negative-support-no-upsell", "loyalty-upgrade-summit"))
        #expect(guarded.blocks.count == open.blocks.count)
        #expect(guarded.status == .rendered)
    }

    @Test func guardValueCheckHolds() {
        struct NoAnn: RecipientGuard {
            func check(values: [Hole], blocks: [BlockDefinition], context: GuardContext) -> GuardReason? {
                values.contains { $0.text.contains("Ann") } ? GuardReason(rule: "test-value", detail: "value 'Ann' refused") : nil
            }
        }
        let r = Fixture.render(Fixture.welcome(), guard: NoAnn())
        #expect(r.status == .held)
        #expect(r.has("guard.test-value"))
    }
}
