import BrandContext
import Catalog
import Foundation
import TestSupport
import Testing

@testable import Assembly

/// A recipient who does not say where they are is rendered with the brand's defaults.
@Suite struct RecipientDefaultsTests {
    static let consent = #""consent":{"email":true,"personalization":true},"decision":{"action":"welcome","group":"treatment"}"#

    @Test func withoutLocaleOrMarketTheBrandDefaultsApply() {
        let r = Fixture.render(#"{"id":"d1","email":"a@example.com",\#(Self.consent)}"#)
        #expect(r.status == .rendered, "\(r.reasons)")
        #expect(r.html.contains(#"lang="en-US""#))
        #expect(r.html.contains("Denver, CO"), "the US address: en-US is the US market's locale")
    }

    @Test func aLocaleWithoutMarketTakesThatLocalesMarket() {
        let r = Fixture.render(#"{"id":"d2","email":"a@example.com","locale":"fr-CA",\#(Self.consent)}"#)
        #expect(r.status == .rendered, "\(r.reasons)")
        #expect(r.html.contains("Vancouver, BC"))
        #expect(r.subject.hasPrefix("Bienvenue"))
    }

    @Test func aMarketWithoutLocaleTakesTheMarketsDefaultLocale() {
        let r = Fixture.render(#"{"id":"d3","email":"a@example.com","market":"CA",\#(Self.consent)}"#)
        #expect(r.status == .rendered, "\(r.reasons)")
        #expect(r.html.contains(#"lang="en-CA""#))
    }

    @Test func fieldsTheRecordHasAreKept() {
        let r = Fixture.render(#"{"id":"d4","email":"a@example.com","locale":"en-CA","market":"CA",\#(Self.consent)}"#)
        #expect(r.html.contains(#"lang="en-CA""#) && r.html.contains("Vancouver, BC"))
    }

    @Test func aSupersededClaimsBlockGivesWayToItsReplacement() {
        let r = Fixture.render(Fixture.welcome())
        #expect(r.status == .rendered, "\(r.reasons)")
        #expect(!r.blocks.contains("offer-free-shipping-us"))
        #expect(r.has("block.claim", "replaced by 'free-shipping-us-50-holiday'"), "\(r.reasons)")
    }
}

/// A render error in a composed message names the file it is in (block, partial or template) and
/// that file's line, not a place in the composed source.
@Suite struct RenderErrorPlaceTests {
    static let block = """
        ---
        id: aa-broken
        slot: main
        tags: [service]
        priority: 1000
        ---
        <mj-section>
          <mj-column>
            <mj-text>Points: {{ recipient.profile.first_name | divided_by: 0 }}</mj-text>
          </mj-column>
        </mj-section>

        """

    /// A scratch copy of the shipped project with `edit` applied; removed by the caller.
    static func project(_ edit: (URL) throws -> Void) throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("render-error-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["brand", "templates", "blocks"] { try fm.copyItem(at: Corpus.project(name), to: dir.appendingPathComponent(name)) }
        try edit(dir)
        return dir
    }

    static func render(_ dir: URL) throws -> String {
        let brand = try #require(BrandLoader.load(directory: dir.appendingPathComponent("brand")).brand)
        let load = CatalogLoader.load(project: dir, brand: brand)
        let catalog = try #require(load.catalog, "\(load.errors)")
        let assembler = Assembler(catalog: catalog, brand: brand, options: AssemblyOptions(now: Fixture.now))
        let r = assembler.render(line: Array(Fixture.welcome().utf8), number: 1)
        #expect(r.status == .held)
        return r.reasons.first { $0.code == "liquid.error" }?.detail ?? "\(r.reasons)"
    }

    @Test func anErrorInAnIncludedPartialNamesThePartialAndItsLine() throws {
        let dir = try Self.project { dir in
            let footer = dir.appendingPathComponent("templates/partials/email-footer.mjml")
            let text = try String(contentsOf: footer, encoding: .utf8)
            try text.replacingOccurrences(of: "{% disclaimers %}", with: "{% disclaimers %}{{ 1 | modulo: 0 }}").write(
                to: footer, atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let detail = try Self.render(dir)
        #expect(detail == "templates/partials/email-footer.mjml:3:60: modulo: divided by 0", "\(detail)")
    }

    @Test func anErrorInABlockNamesTheBlockAndItsLine() throws {
        let dir = try Self.project { dir in
            try Self.block.write(to: dir.appendingPathComponent("blocks/aa-broken.mjml"), atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let detail = try Self.render(dir)
        #expect(detail.hasPrefix("blocks/aa-broken.mjml:9:56: divided_by:"), "\(detail)")
        #expect(detail.contains("divided_by:"), "\(detail)")
    }
}
