import Catalog
import Liquid
import Testing

@Suite struct ShippedCatalogTests {
    @Test func shippedContentLoadsClean() throws {
        let r = CatalogFixture.loadShipped()
        #expect(r.diagnostics.map(\.description) == [])
        let c = try #require(r.catalog)
        #expect(c.templates.map(\.id) == ["cart-abandonment", "home-hero", "post-purchase", "welcome", "winback"])
        #expect(c.blocks.count >= 30)
        let welcome = try #require(c.template("welcome"))
        #expect(welcome.slots.map(\.name) == ["hero", "main", "recommendations"])
        #expect(welcome.holdoutPercent == 5)
        #expect(c.template(forAction: "onboarding")?.id == "welcome")
        // mj-include is inlined: the header partial's logo is part of the body.
        #expect(welcome.bodySource.contains("larchwood-wordmark"))
        #expect(!welcome.bodySource.contains("<mj-include"))
    }

    @Test func blocksKnowTheirClaimsAndPaths() throws {
        let c = try #require(CatalogFixture.loadShipped().catalog)
        let withClaims = c.blocks.filter { !$0.claims.isEmpty }
        #expect(withClaims.count >= 10)
        let recs = try #require(c.block("recs-grid"))
        #expect(recs.paths.contains("recipient.recommendations[].name"))
        #expect(recs.when != nil)
    }

    @Test func composeReplacesSlotsInOrder() throws {
        let c = try #require(CatalogFixture.loadShipped().catalog)
        let t = try #require(c.template("welcome"))
        let hero = try #require(c.block("hero-welcome"))
        let main = try #require(c.block("service-repairs"))
        let source = c.composeSource(t, blocks: ["hero": [hero], "main": [main]])
        #expect(!source.contains("<mj-slot"))
        let h = try #require(source.range(of: "hero-welcome-trailhead"))
        let m = try #require(source.range(of: main.bodySource))
        #expect(h.lowerBound < m.lowerBound)
        _ = try c.environment.parse(source)
    }

    @Test func contentTagsRenderClaimsAndDisclaimers() throws {
        let c = try #require(CatalogFixture.loadShipped().catalog)
        let brand = CatalogFixture.brand
        let claim = try #require(brand.claims.first { !$0.disclaimers.isEmpty && $0.variants["fr-CA"] != nil })
        let t = try c.environment.parse("{% claim \"\(claim.id)\" %}|{% disclaimers %}|{{ 1234.5 | money }}")
        let state = ClaimState(locale: "fr-CA")
        var out: [UInt8] = []
        try t.render(.object(LiquidObject()), into: &out, registers: [ClaimState.register: state])
        let text = String(decoding: out, as: UTF8.self)
        #expect(
            text.hasPrefix(
                claim.variants["fr-CA"]!.replacingOccurrences(of: "'", with: "&#39;").replacingOccurrences(of: "&", with: "&amp;").prefix(5)))
        #expect(text.hasSuffix("|$1,234.50"))
        #expect(state.claims == [claim.id])
        #expect(state.disclaimers == claim.disclaimers)
    }
}
