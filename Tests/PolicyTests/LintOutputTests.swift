import BrandContext
import Foundation
import Testing
@testable import Policy

/// Suppression, output formats and exit status of `tessera lint`.
@Suite struct LintOutputTests {
    static let block = """
    ---
    id: v-suppressed
    slot: main
    tags: [fixture]
    suppress:
      links.utm: "partner page, tracked by the partner"
      claims: "the whole family, for the test"
    ---
    <mj-section>
      <mj-column>
        <mj-text>Our shell is waterproof.</mj-text>
        <mj-button href="https://www.larchwood.com/partner">Explore the trails</mj-button>
        <mj-image src="https://cdn.larchwood.com/a.jpg" />
      </mj-column>
    </mj-section>

    """

    static func report() throws -> LintReport {
        let project = try PolicyFixtures.project(extra: ["blocks/v-suppressed.mjml": block])
        defer { try? FileManager.default.removeItem(at: project) }
        return Linter.run(LintOptions(project: project, paths: ["blocks/v-suppressed.mjml"], now: PolicyFixtures.lintDay))
    }

    @Test func suppressionByIdAndByFamily() throws {
        let r = try Self.report()
        #expect(r.findings.map(\.rule) == ["images.alt"], "\(r.findings)")
        #expect(r.exitStatus == 1)
    }

    @Test func formats() throws {
        let r = try Self.report()
        #expect(LintOutput.render(r, as: .line) == "blocks/v-suppressed.mjml:13:5:images.alt:<mj-image> has no alt text: add alt=\"…\" (alt=\"\" for a decorative image)\n")
        let json = try JSONSerialization.jsonObject(with: Data(LintOutput.render(r, as: .json).utf8)) as? [[String: Any]]
        #expect(json?.first?["rule"] as? String == "images.alt")
        #expect(json?.first?["line"] as? Int == 13)
        let sarif = try JSONSerialization.jsonObject(with: Data(LintOutput.render(r, as: .sarif).utf8)) as? [String: Any]
        #expect(sarif?["version"] as? String == "2.1.0")
        let text = LintOutput.render(r, as: .text)
        #expect(text.hasPrefix("blocks/v-suppressed.mjml\n"))
        #expect(!text.contains("\u{1B}["))
        #expect(LintOutput.render(r, as: .text, colour: true).contains("\u{1B}[31merror"))
        #expect(text.hasSuffix("1 errors, 0 warnings and 0 suggestions in 1 files.\n"))
    }

    @Test func cleanRunPrintsEmptyJSONAndExitsZero() {
        let r = Linter.run(LintOptions(project: PolicyFixtures.root, paths: ["blocks/recs-grid.mjml"], now: PolicyFixtures.lintDay))
        #expect(LintOutput.render(r, as: .json) == "[]\n")
        #expect(r.exitStatus == 0 && r.filesLinted == 1)
    }

    @Test func aPathThatDoesNotExistCannotRun() {
        let r = Linter.run(LintOptions(project: PolicyFixtures.root, paths: ["blocks/recs-grid.mjml", "blocks/no-such.mjml"], now: PolicyFixtures.lintDay))
        #expect(r.exitStatus == 2)
        #expect(r.setupErrors.count == 1 && r.setupErrors[0].hasPrefix("blocks/no-such.mjml: error: no such file or folder"), "\(r.setupErrors)")
    }

    @Test func brokenProjectCannotRun() throws {
        let project = try PolicyFixtures.project(extra: ["blocks/broken.mjml": "no front matter\n"])
        defer { try? FileManager.default.removeItem(at: project) }
        let r = Linter.run(LintOptions(project: project, now: PolicyFixtures.lintDay))
        #expect(r.exitStatus == 2)
        #expect(r.setupErrors.contains { $0.hasPrefix("blocks/broken.mjml:1:1:") }, "\(r.setupErrors)")
    }
}
