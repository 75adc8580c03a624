import Assembly
import BrandContext
import Catalog
import Foundation
import Liquid
import Policy
import TestSupport
import Testing

@testable import Preview

@Suite("Preview enumeration")
struct EnumerationTests {
    /// None missed: every permutation a sample recipient receives from the real render (as
    /// `tessera render --template T` would render it) is among the enumerated ones.
    @Test func sampleRendersAreSubsetOfEnumerationForEveryShippedTemplate() throws {
        for t in PreviewFixture.catalog.templates {
            let preview = PreviewFixture.shipped[t.id]!
            let enumerated = Set(preview.permutations.filter(\.enumerated).map(\.id))
            let assembler = Assembler(
                catalog: PreviewFixture.catalog, brand: PreviewFixture.brand,
                options: AssemblyOptions(
                    defaultTemplate: t.id, now: PreviewFixture.now,
                    recipientGuard: PolicyGuard(brand: PreviewFixture.brand, catalog: PreviewFixture.catalog)))
            var received = Set<String>()
            for r in PreviewFixture.sample {
                let out = assembler.render(r)
                if out.status == .rendered, out.template == t.id { received.insert(PreviewBuilder.permutationID(t.id, out.blocks)) }
            }
            let missed = received.subtracting(enumerated)
            print(
                "preview-enumeration: \(t.id): \(enumerated.count) permutations enumerated; sample received \(received.count), \(received.count - missed.count)/\(received.count) enumerated"
            )
            #expect(!received.isEmpty, "\(t.id): no sample recipient rendered it")
            #expect(missed.isEmpty, "\(t.id): sample permutations not enumerated: \(missed.sorted())")
            #expect(preview.missed.isEmpty)
            #expect(!preview.stats.truncated)
        }
    }

    /// Each permutation reachable: its representative recipient, rendered again by a fresh
    /// engine, receives exactly that permutation.
    @Test func everyEnumeratedPermutationIsReachable() throws {
        for t in PreviewFixture.catalog.templates {
            let preview = PreviewFixture.shipped[t.id]!
            let assembler = Assembler(
                catalog: PreviewFixture.catalog, brand: PreviewFixture.brand,
                options: AssemblyOptions(
                    defaultTemplate: t.id, now: PreviewFixture.now,
                    recipientGuard: PolicyGuard(brand: PreviewFixture.brand, catalog: PreviewFixture.catalog)))
            for p in preview.permutations {
                #expect(p.renderStatus == "rendered", "\(p.id): \(p.renderStatus)")
                let out = assembler.render(line: Array(p.representativeJSON.utf8), number: 1)
                #expect(
                    out.status == .rendered && out.template == t.id && out.blocks == p.blocks,
                    "\(p.id) (\(p.blocks)): representative got \(out.status) \(out.blocks) \(out.reasons.last?.description ?? "")")
                #expect(!p.html.isEmpty)
            }
        }
    }

    @Test func permutationIdsAreStableAndDistinct() throws {
        #expect(
            PreviewBuilder.permutationID("welcome", ["hero-welcome", "service-repairs"])
                == PreviewBuilder.permutationID("welcome", ["hero-welcome", "service-repairs"]))
        #expect(PreviewBuilder.permutationID("welcome", ["a", "b"]) != PreviewBuilder.permutationID("welcome", ["b", "a"]))
        let ids = PreviewFixture.shipped.values.flatMap { $0.permutations.map(\.id) }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.range(of: #"^[a-z0-9-]+-[0-9a-f]{8}$"#, options: .regularExpression) != nil })
    }

    /// A crafted catalog whose permutations are known by hand, with no sample recipients: the
    /// values come from condition literals, block tags and the guard rules alone.
    @Test func craftedCatalogGivesExactlyTheReachablePermutations() throws {
        let project = try CraftedProject.make()
        let brand = BrandLoader.load(directory: project.appendingPathComponent("brand")).brand!
        let loaded = CatalogLoader.load(project: project, brand: brand)
        let catalog = try #require(loaded.catalog, "\(loaded.diagnostics)")
        let result = try PreviewBuilder.build(
            PreviewOptions(template: "t", now: PreviewFixture.now, recipients: [], recipientsSource: "none", lint: []),
            brand: brand, catalog: catalog)
        let got = Set(result.permutations.map { $0.blocks.joined(separator: "+") })
        // hero: gold when the tier is gold (personalized), else plain. main: the spring offer is
        // decided first; else the upsell (priority 30) unless a negative support ticket drops it
        // (guard rule), then points (orders > 3) or the default. Default content: plain + default.
        var expected = Set<String>()
        for hero in ["hero-gold", "hero-plain"] {
            for main in ["main-offer", "main-upsell", "main-points", "main-default"] { expected.insert("\(hero)+\(main)") }
        }
        #expect(got == expected, "missing \(expected.subtracting(got).sorted()), extra \(got.subtracting(expected).sorted())")
        #expect(result.segments.map(\.name) == ["(none)"])
        #expect(result.permutations.allSatisfy { $0.representative == "persona" && $0.renderStatus == "rendered" })
    }

    @Test func sampleRecipientsAreCountedPerSegment() throws {
        let project = try CraftedProject.make()
        let brand = BrandLoader.load(directory: project.appendingPathComponent("brand")).brand!
        let catalog = try #require(CatalogLoader.load(project: project, brand: brand).catalog)
        let lines = [
            #"{"id":"a","segments":["vip"],"consent":{"email":true,"personalization":true},"profile":{"loyalty_tier":"gold","lifetime_orders":1}}"#,
            #"{"id":"b","segments":["vip","churned"],"consent":{"email":true,"personalization":true},"profile":{"loyalty_tier":"gold"}}"#,
            #"{"id":"c","consent":{"email":true,"personalization":false},"profile":{"loyalty_tier":"gold"}}"#,
        ]
        let records = lines.enumerated().map { try! RecipientRecord.read(Array($1.utf8), line: $0 + 1).get() }
        let result = try PreviewBuilder.build(
            PreviewOptions(template: "t", now: PreviewFixture.now, recipients: records, recipientsSource: "inline", lint: []),
            brand: brand, catalog: catalog)
        #expect(result.segments.map(\.name) == ["churned", "vip", "(none)"])
        let goldUpsell = try #require(result.permutations.first { $0.blocks == ["hero-gold", "main-upsell"] })
        #expect(goldUpsell.counts == ["vip": 2, "churned": 1])
        #expect(goldUpsell.total == 2)
        #expect(goldUpsell.representative == "a")
        let plainDefault = try #require(result.permutations.first { $0.blocks == ["hero-plain", "main-default"] })
        #expect(plainDefault.counts == ["(none)": 1])
        #expect(plainDefault.personalized.contains(false))
        #expect(result.missed.isEmpty)
        #expect(result.stats.sampleRendered == 3)
    }

    @Test func inputSpaceReadsLiteralsAndPaths() {
        #expect(
            InputSpace.normalized(["recipient.profile.cart.size", "recipient.recommendations[].name", "template.id", "recipient.segments"]) == [
                "profile.cart", "recommendations", "segments",
            ])
        let lits = InputSpace.literals(#"recipient.profile.points_balance > 100 and recipient.market == "CA""#)
        #expect(lits.contains { if case .int(101) = $0 { true } else { false } })
        #expect(lits.contains { if case .string("CA") = $0 { true } else { false } })
        #expect(
            InputSpace.segmentLiterals(#"recipient.segments contains "vip" or recipient.segments contains 'churned'"#) == (["vip", "churned"], true))
        #expect(InputSpace.segmentLiterals("recipient.segments.size > 2").1 == false)
    }
}

/// A small project in a temporary folder: the shipped brand, one page template, six blocks.
enum CraftedProject {
    static func make() throws -> URL {
        let root = PreviewFixture.temporaryFolder("crafted")
        let fm = FileManager.default
        try fm.copyItem(at: PreviewFixture.root.appendingPathComponent("brand"), to: root.appendingPathComponent("brand"))
        try fm.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("blocks"), withIntermediateDirectories: true)
        try """
        ---
        id: t
        channel: page
        actions: [browse]
        subject: Crafted
        preheader: ""
        slots:
          hero: {accepts: [hero], min: 1, max: 1, fallback: hero-plain}
          main: {accepts: [main], min: 1, max: 1, fallback: main-default}
        ---
        <mjml><mj-body><mj-slot name="hero" /><mj-slot name="main" /></mj-body></mjml>

        """.write(to: root.appendingPathComponent("templates/t.mjml"), atomically: true, encoding: .utf8)
        let blocks: [(String, String, String, Int)] = [
            ("hero-gold", "hero", #"when: 'recipient.profile.loyalty_tier == "gold"'"#, 20),
            ("hero-plain", "hero", "", 10),
            ("main-points", "main", "when: 'recipient.profile.lifetime_orders > 3'", 20),
            ("main-offer", "main", "", 5),
            ("main-upsell", "main", "", 30),
            ("main-default", "main", "", 10),
        ]
        for (id, slot, when, priority) in blocks {
            let tags =
                [
                    "hero-plain": "[hero, default]", "main-default": "[main, default]", "main-offer": "[main, spring]",
                    "main-upsell": "[main, upsell]",
                ][id] ?? "[\(slot)]"
            try """
            ---
            id: \(id)
            slot: \(slot)
            tags: \(tags)
            \(when)
            priority: \(priority)
            ---
            <mj-section><mj-column><mj-text>Block \(id)</mj-text></mj-column></mj-section>

            """.write(to: root.appendingPathComponent("blocks/\(id).mjml"), atomically: true, encoding: .utf8)
        }
        return root
    }
}
