import BrandContext
import Foundation
import Testing

@testable import Policy

/// Lint through what Liquid really does: values carried by assigns with filters and captures,
/// unknown filters and tags, and font-family lists CSS cannot parse.
@Suite struct LiquidFidelityLintTests {
    static func block(_ body: String, id: String = "v-fidelity") -> String {
        """
        ---
        id: \(id)
        slot: main
        tags: [fixture]
        ---
        <mj-section>
          <mj-column>
            \(body)
          </mj-column>
        </mj-section>

        """
    }

    static func lint(_ body: String) throws -> [Finding] {
        try ProposedFileLintTests.written("blocks/v-fidelity.mjml", block(body)).findings
    }

    @Test func aBrowsingValueQuotedThroughAnAssignWithFiltersIsFound() throws {
        let f = try Self.lint(
            #"<mj-text>{% assign seen = recipient.events | where: "type", "view" | first %}Still thinking about {{ seen.sku }}?</mj-text>"#)
        let quote = f.first { $0.rule == "creepy.browse-quote" }
        #expect(quote?.line == 8, "\(f)")
        #expect(quote?.message.contains("recipient.events[].sku") == true, "\(f)")
    }

    @Test func aBrowsingValueQuotedThroughACaptureIsFound() throws {
        let f = try Self.lint(
            "<mj-text>{% capture last %}{% for e in recipient.events limit: 1 %}{{ e.sku }}{% endfor %}{% endcapture %}About {{ last }}</mj-text>")
        #expect(f.contains { $0.rule == "creepy.browse-quote" }, "\(f)")
    }

    @Test func anUnknownFilterIsAFindingWithDidYouMean() throws {
        let f = try Self.lint("<mj-text>Hi {{ recipient.profile.first_name | defualt: 'friend' }}</mj-text>")
        let unknown = f.first { $0.rule == "liquid.unknown-filter" }
        #expect(unknown?.message == "unknown filter 'defualt' (did you mean 'default'?): Liquid would pass the value through unchanged", "\(f)")
        #expect(unknown?.line == 8, "\(f)")
    }

    @Test func anUnknownTagIsAFindingWithDidYouMean() throws {
        let r = try ProposedFileLintTests.written("blocks/v-fidelity.mjml", Self.block("<mj-text>{% iff recipient.id %}x{% endif %}</mj-text>"))
        #expect(r.setupErrors.isEmpty, "\(r.setupErrors)")
        #expect(r.findings.map(\.rule) == ["liquid.unknown-tag"], "\(r.findings)")
        #expect(r.findings.first?.message == "unknown tag 'iff' (did you mean 'if'?)")
        #expect(r.exitStatus == 1)
    }

    @Test func anUnquotedFamilyWithADigitIsInvalidCSS() throws {
        let f = try Self.lint(#"<mj-text font-family="Source Sans 3, Helvetica, sans-serif">Hello</mj-text>"#)
        #expect(f.contains { $0.rule == "brand.typography" && $0.message.contains("'3' is not an identifier") }, "\(f)")
        let quoted = try Self.lint(#"<mj-text font-family="'Source Sans 3', Helvetica Neue, sans-serif">Hello</mj-text>"#)
        #expect(!quoted.contains { $0.rule == "brand.typography" }, "\(quoted)")
    }

    @Test func theShippedPartialsSetBodyCopyInAFontListCSSAccepts() throws {
        let r = Linter.run(LintOptions(project: PolicyFixtures.root, paths: ["templates/partials"], now: PolicyFixtures.lintDay))
        #expect(!r.findings.contains { $0.rule == "brand.typography" }, "\(r.findings)")
    }

    @Test func aClaimReplacedOnTheLintDayIsAWarning() throws {
        let source = """
            ---
            id: v-superseded
            slot: main
            tags: [fixture]
            locales: [en-US]
            claims: [free-shipping-us-75]
            ---
            <mj-section><mj-column><mj-text>{% claim "free-shipping-us-75" %}</mj-text></mj-column></mj-section>

            """
        let project = try PolicyFixtures.project(extra: ["blocks/v-superseded.mjml": source])
        defer { try? FileManager.default.removeItem(at: project) }
        let r = Linter.run(LintOptions(project: project, paths: ["blocks/v-superseded.mjml"], now: CalendarDate("2026-12-01")!))
        let f = r.findings.first { $0.rule == "claims.superseded" }
        #expect(f?.severity == .warning, "\(r.findings)")
        #expect(f?.message.contains("replaced by 'free-shipping-us-50-holiday'") == true, "\(r.findings)")
        let after = Linter.run(LintOptions(project: project, paths: ["blocks/v-superseded.mjml"], now: CalendarDate("2027-01-05")!))
        #expect(!after.findings.contains { $0.rule == "claims.superseded" }, "\(after.findings)")
    }
}
