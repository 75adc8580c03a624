import BrandContext
import Catalog
import Foundation
import Testing

@testable import Policy

/// `Linter.run(proposed:…)`: a file linted as text against an already-loaded brand and catalog
/// reports what `tessera lint PATH` reports with the file written into a copy of the project.
@Suite struct ProposedFileLintTests {
    static let brand = PolicyFixtures.brand()
    static let catalog = PolicyFixtures.catalog(brand)

    static func proposed(_ path: String, _ source: String) -> LintReport {
        Linter.run(proposed: path, source: source, brand: brand, catalog: catalog, now: PolicyFixtures.lintDay)
    }

    /// `tessera lint PATH` on a scratch copy of the project with the file written in.
    static func written(_ path: String, _ source: String) throws -> LintReport {
        let project = try PolicyFixtures.project(extra: [path: source])
        defer { try? FileManager.default.removeItem(at: project) }
        return Linter.run(LintOptions(project: project, paths: [path], now: PolicyFixtures.lintDay))
    }

    static func summary(_ r: LintReport) -> [String] {
        r.findings.map { "\($0.file):\($0.line):\($0.column) \($0.rule) \($0.severity) \($0.message)" }
    }

    @Test func everySeededViolationAsAProposedFileIsFoundAsInAWrittenOne() throws {
        let (cases, files) = try ViolationCorpusTests.cases()
        #expect(cases.count >= 40)
        for c in cases {
            let source = try #require(files[c.path])
            let report = Self.proposed(c.path, source)
            #expect(report.setupErrors.isEmpty, "\(c.path): \(report.setupErrors)")
            #expect(Self.summary(report) == Self.summary(try Self.written(c.path, source)), "\(c.path)")
            #expect(report.findings.contains { $0.rule == c.rule && $0.line == c.line && $0.column == c.column }, "\(c.path)")
        }
    }

    @Test func aChangedBlockReplacesTheLoadedOne() throws {
        let path = "blocks/service-repairs.mjml"
        let shipped = try String(contentsOf: PolicyFixtures.root.appendingPathComponent(path), encoding: .utf8)
        #expect(Self.proposed(path, shipped).findings.isEmpty)
        // The same block with an insecure link.
        let changed = shipped.replacingOccurrences(of: "https://", with: "http://")
        #expect(changed != shipped)
        let report = Self.proposed(path, changed)
        #expect(!report.findings.isEmpty)
        #expect(Self.summary(report) == Self.summary(try Self.written(path, changed)))
    }

    @Test func aFileThatDoesNotCompileIsASetupErrorWithItsPlace() {
        let broken = Self.proposed("blocks/broken.mjml", "---\nid: broken\nslot: main\ntags: [story]\n---\n<mj-text>{% if %}</mj-text>\n")
        #expect(broken.exitStatus == 2)
        #expect(broken.setupErrors.contains { $0.hasPrefix("blocks/broken.mjml:6:") }, "\(broken.setupErrors)")
        // Cross-file checks run against the loaded templates: no template declares this slot.
        let stray = Self.proposed("blocks/stray.mjml", "---\nid: stray\nslot: nowhere\ntags: [story]\n---\n<mj-text>Hi</mj-text>\n")
        #expect(stray.setupErrors.contains { $0.hasPrefix("blocks/stray.mjml:1:1") && $0.contains("slot 'nowhere'") }, "\(stray.setupErrors)")
    }
}
