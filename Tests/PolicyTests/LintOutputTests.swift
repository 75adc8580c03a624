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
        #expect(
            LintOutput.render(r, as: .line)
                == "blocks/v-suppressed.mjml:13:5:images.alt:<mj-image> has no alt text: add alt=\"…\" (alt=\"\" for a decorative image)\n")
        let json = try JSONSerialization.jsonObject(with: Data(LintOutput.render(r, as: .json).utf8)) as? [[String: Any]]
        #expect(json?.first?["rule"] as? String == "images.alt")
        #expect(json?.first?["line"] as? Int == 13)
        let sarif = try JSONSerialization.jsonObject(with: Data(LintOutput.render(r, as: .sarif).utf8)) as? [String: Any]
        #expect(sarif?["version"] as? String == "2.1.0")
        let text = LintOutput.render(r, as: .text)
        #expect(text.hasPrefix("blocks/v-suppressed.mjml\n"))
        #expect(!text.contains("\u{1B}["))
        #expect(LintOutput.render(r, as: .text, colour: true).contains("\u{1B}[31merror"))
        #expect(text.hasSuffix("1 error, 0 warnings and 0 suggestions in 1 file.\n"))
    }

    /// GitLab's code-quality report: an array of issues with description, check_name,
    /// fingerprint, severity and location.path/lines.begin.
    @Test func codeClimateHasTheFieldsGitLabReads() throws {
        let r = try Self.report()
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(LintOutput.render(r, as: .codeclimate).utf8)) as? [[String: Any]])
        #expect(issues.count == r.findings.count && issues.count == 1)
        let issue = issues[0]
        #expect(issue["description"] as? String == r.findings[0].message)
        #expect(issue["check_name"] as? String == "images.alt")
        #expect(issue["severity"] as? String == "major")
        let fingerprint = try #require(issue["fingerprint"] as? String)
        #expect(fingerprint.count == 32 && fingerprint.allSatisfy(\.isHexDigit))
        let location = try #require(issue["location"] as? [String: Any])
        #expect(location["path"] as? String == "blocks/v-suppressed.mjml")
        #expect((location["lines"] as? [String: Any])?["begin"] as? Int == 13)
        let clean = Linter.run(LintOptions(project: PolicyFixtures.root, paths: ["blocks/recs-grid.mjml"], now: PolicyFixtures.lintDay))
        #expect(LintOutput.render(clean, as: .codeclimate) == "[]\n")
    }

    /// A finding keeps its fingerprint from run to run and when lines above it move (GitLab
    /// would otherwise show it as fixed and new again); two alike findings in a file differ.
    @Test func codeClimateFingerprintsAreStable() throws {
        func fingerprints(_ findings: [Finding]) throws -> [String] {
            let report = LintReport(findings: findings, filesLinted: 1, setupErrors: [], ruleIDs: [])
            let issues = try #require(
                try JSONSerialization.jsonObject(with: Data(LintOutput.render(report, as: .codeclimate).utf8)) as? [[String: Any]])
            return issues.compactMap { $0["fingerprint"] as? String }
        }
        // From two separate lint runs of the same files.
        #expect(try fingerprints(try Self.report().findings) == fingerprints(try Self.report().findings))
        let alt = Finding(file: "blocks/a.mjml", line: 13, column: 5, rule: "images.alt", severity: .error, message: "no alt")
        var moved = alt
        moved.line = 20
        var twin = alt
        twin.line = 30
        let other = Finding(file: "blocks/b.mjml", line: 13, column: 5, rule: "images.alt", severity: .error, message: "no alt")
        let before = try fingerprints([alt, twin, other])
        let after = try fingerprints([
            moved, Finding(file: twin.file, line: 41, column: 5, rule: twin.rule, severity: .error, message: twin.message), other,
        ])
        #expect(before == after)
        #expect(Set(before).count == 3)
    }

    @Test func cleanRunPrintsEmptyJSONAndExitsZero() {
        let r = Linter.run(LintOptions(project: PolicyFixtures.root, paths: ["blocks/recs-grid.mjml"], now: PolicyFixtures.lintDay))
        #expect(LintOutput.render(r, as: .json) == "[]\n")
        #expect(r.exitStatus == 0 && r.filesLinted == 1)
    }

    @Test func aPathThatDoesNotExistCannotRun() {
        let r = Linter.run(
            LintOptions(project: PolicyFixtures.root, paths: ["blocks/recs-grid.mjml", "blocks/no-such.mjml"], now: PolicyFixtures.lintDay))
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
