import Foundation
import Testing

@testable import Policy

/// The seeded-violation corpus: every fixture breaks one rule and declares, in its front matter,
/// `# expect: RULE LINE:COL`. All fixtures are dropped into one copy of the shipped example and
/// linted in one run; each must yield exactly its expected finding and nothing else.
@Suite struct ViolationCorpusTests {
    static let expectLine = try! NSRegularExpression(pattern: #"^# expect: (\S+) (\d+):(\d+)\s*$"#, options: [.anchorsMatchLines])

    struct Case { let path: String; let rule: String; let line: Int; let column: Int }

    static func cases() throws -> ([Case], [String: String]) {
        var cases: [Case] = []
        var files: [String: String] = [:]
        for folder in ["blocks", "templates"] {
            let dir = PolicyFixtures.violations.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".mjml") {
                let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                let path = "\(folder)/\(name)"
                files[path] = text
                let ns = text as NSString
                guard let m = expectLine.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else {
                    Issue.record("\(path): no '# expect: RULE LINE:COL' line"); continue
                }
                cases.append(
                    Case(
                        path: path, rule: ns.substring(with: m.range(at: 1)),
                        line: Int(ns.substring(with: m.range(at: 2)))!, column: Int(ns.substring(with: m.range(at: 3)))!))
            }
        }
        return (cases, files)
    }

    @Test func everySeededViolationIsFoundAtItsPlaceAndAlone() throws {
        let (cases, files) = try Self.cases()
        let project = try PolicyFixtures.project(extra: files)
        defer { try? FileManager.default.removeItem(at: project) }
        let report = Linter.run(LintOptions(project: project, paths: cases.map(\.path), now: PolicyFixtures.lintDay))
        #expect(report.setupErrors.isEmpty, "\(report.setupErrors)")
        var passed = 0
        for c in cases {
            let got = report.findings.filter { $0.file == c.path }
            let ok = got.count == 1 && got[0].rule == c.rule && got[0].line == c.line && got[0].column == c.column
            if ok {
                passed += 1
            } else {
                Issue.record("\(c.path): expected \(c.rule) \(c.line):\(c.column), got \(got.map { "\($0.rule) \($0.line):\($0.column)" })")
            }
        }
        print("policy-violations: \(passed)/\(cases.count) detected at the right rule and place")
        #expect(cases.count >= 40)
        #expect(passed == cases.count)
        // Every rule family of the issue has at least one seeded case.
        let families = Set(cases.map { String($0.rule.split(separator: ".").first!) })
        #expect(families.isSuperset(of: ["voice", "claims", "brand", "links", "images", "cta", "legal", "creepy"]))
    }

    @Test func shippedExampleIsClean() {
        let report = Linter.run(LintOptions(project: PolicyFixtures.root, now: PolicyFixtures.lintDay))
        #expect(report.setupErrors.isEmpty, "\(report.setupErrors)")
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.file):\($0.line):\($0.column) \($0.rule)" })")
        #expect(report.filesLinted >= 40)
        #expect(report.exitStatus == 0)
    }
}
