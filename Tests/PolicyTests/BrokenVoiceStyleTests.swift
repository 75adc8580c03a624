import BrandContext
import Foundation
import Testing

@testable import Policy

/// A voice style that passes the brand loader but does not compile (a metric formula is only
/// parsed when the rules are compiled) stops the lint with exit 2 and the rule's error; before,
/// the voice rules were silently left out and the files came back clean of voice findings.
@Suite struct BrokenVoiceStyleTests {
    static let brokenMetric = """
        extends: metric
        message: "Too dense."
        formula: (words / (sentences
        condition: "> 20"
        """

    @Test func aStyleThatDoesNotCompileIsASetupErrorNotAnEmptyLint() throws {
        let project = try PolicyFixtures.project(extra: ["brand/voice/Larchwood/Dense.yml": Self.brokenMetric])
        defer { try? FileManager.default.removeItem(at: project) }
        let report = Linter.run(LintOptions(project: project, paths: ["blocks"], now: PolicyFixtures.lintDay))
        #expect(report.exitStatus == 2)
        #expect(report.setupErrors.contains { $0.contains("Dense") && $0.contains("invalid formula") }, "\(report.setupErrors)")
    }

    @Test func aDraftIsNotLintedWithoutTheVoiceRules() throws {
        let project = try PolicyFixtures.project(extra: ["brand/voice/Larchwood/Dense.yml": Self.brokenMetric])
        defer { try? FileManager.default.removeItem(at: project) }
        let brand = try #require(BrandLoader.load(directory: project.appendingPathComponent("brand"), displayPrefix: "brand").brand)
        let drafts = DraftLinter(brand: brand, catalog: PolicyFixtures.catalog(brand))
        #expect(throws: DraftCompileError.self) {
            try drafts.lint("We are the best outfitters.", DraftOptions(format: .text, now: PolicyFixtures.lintDay))
        }
    }
}
