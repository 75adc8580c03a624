import Testing

@testable import Assembly

@Suite struct RecipientRuleTests {
    @Test func holdoutGroupGetsDefaultContent() {
        let r = Fixture.render(Fixture.welcome().replacingOccurrences(of: #""group":"treatment""#, with: #""group":"holdout""#))
        #expect(r.status == .rendered)
        #expect(!r.personalized)
        #expect(r.has("holdout.group"))
        #expect(
            r.blocks.allSatisfy { id in
                Fixture.catalog.block(id)!.has(tag: "default") || Fixture.catalog.template("welcome")!.slots.contains { $0.fallback == id }
            })
        #expect(!r.html.contains("Ann"))
        #expect(r.signals == [])
    }

    @Test func holdoutDrawIsDeterministic() throws {
        // The welcome template holds out 5%: find ids on both sides of the draw.
        let inside = try #require((0..<2000).map { "d\($0)" }.first { Holdout.draw(id: $0, template: "welcome") < 500 })
        let outside = try #require((0..<2000).map { "d\($0)" }.first { Holdout.draw(id: $0, template: "welcome") >= 500 })
        let noGroup = { (id: String) in Fixture.welcome(id: id).replacingOccurrences(of: #","group":"treatment""#, with: "") }
        let a = Fixture.render(noGroup(inside))
        #expect(a.has("holdout.draw"))
        #expect(!a.personalized)
        let b = Fixture.render(noGroup(outside))
        #expect(!b.has("holdout.draw"))
        #expect(b.personalized)
        // A group decided by the decision engine wins over the draw.
        #expect(!Fixture.render(Fixture.welcome(id: inside)).has("holdout.draw"))
        // FNV-1a of "id\0template", fixed forever (not Swift's per-process Hasher).
        #expect(Holdout.fnv1a(Array("a".utf8)) == 0xaf63dc4c8601ec8c)
        let share = (0..<10000).filter { Holdout.isHeldOut(id: "x\($0)", template: "welcome", percent: 5) }.count
        #expect(share > 400 && share < 600)
    }

    @Test func emailOptOutIsSuppressed() {
        let r = Fixture.render(Fixture.welcome().replacingOccurrences(of: #""email":true"#, with: #""email":false"#))
        #expect(r.status == .suppressed)
        #expect(r.has("consent.email"))
        #expect(r.html.isEmpty)
    }

    @Test func noPersonalizationConsentGetsDefaultContent() {
        let r = Fixture.render(Fixture.welcome().replacingOccurrences(of: #""personalization":true"#, with: #""personalization":false"#))
        #expect(r.status == .rendered)
        #expect(!r.personalized)
        #expect(r.has("consent.personalization"))
        #expect(!r.html.contains("Ann"))
        #expect(r.subject == "Welcome to Larchwood, friend")
    }

    @Test func missingVariableHoldsNamingIt() {
        let rec = #","recommendations":[{"sku":"x","name":"Boot","price":10,"url":"https://www.larchwood.com/p/x"}]"#
        let r = Fixture.render(Fixture.welcome(rec))
        #expect(r.status == .held)
        #expect(r.has("liquid.undefined", "item.image"))
        #expect(r.html.isEmpty)
    }

    @Test func rejectedRecordsNameTheirLine() {
        let a = Fixture.assembler()
        let bad = a.render(line: Array(#"{"id": "x", "#.utf8), number: 7)
        #expect(bad.status == .rejected)
        #expect(bad.has("record.invalid-json", "line 7"))
        let noID = a.render(line: Array(#"{"email":"x@example.com"}"#.utf8), number: 8)
        #expect(noID.status == .rejected)
        #expect(noID.has("record.missing-id", "line 8"))
        let notObject = a.render(line: Array("[1,2]".utf8), number: 9)
        #expect(notObject.status == .rejected)
    }

    @Test func claimsAndDisclaimersReachTheMessage() throws {
        let r = Fixture.render(Fixture.welcome().replacingOccurrences(of: #""group":"treatment""#, with: #""group":"treatment","offer":"ember""#))
        #expect(r.blocks.contains("upsell-ember"))
        #expect(r.claims.contains("ember-warm-when-wet"))
        let claim = try #require(Fixture.brand.claim("ember-warm-when-wet"))
        for d in claim.disclaimers {
            let text = Fixture.brand.disclaimer(d)!.text(for: "en-US", defaultLocale: "en-US")
            #expect(r.text.contains(text))
        }
    }

    @Test func escapingOfValues() {
        let r = Fixture.render(Fixture.welcome().replacingOccurrences(of: #""Ann""#, with: #""<b>O'Neil & co</b>""#))
        #expect(r.status == .rendered)
        #expect(r.html.contains("&lt;b&gt;O&#39;Neil &amp; co&lt;/b&gt;"))
        #expect(!r.html.contains("<b>O'Neil"))
        #expect(r.subject == "Welcome to Larchwood, <b>O'Neil & co</b>")
    }
}
