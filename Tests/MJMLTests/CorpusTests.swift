import Foundation
import TestSupport
import Testing

@testable import MJML

/// Renders every case of `../shared/corpus/mjml` and compares it with the MJML 4 reference
/// output using the documented comparison (`HTMLCompare`).
@Suite struct MJMLCorpusTests {
    static let floor = 150

    @Test(.enabled(if: Corpus.has("mjml"), Comment(rawValue: Corpus.absentNote))) func corpus() throws {
        let dir = try #require(Corpus.folder("mjml"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".mjml") }.sorted()
        var passed = 0
        var failures: [String] = []
        for name in names {
            let base = String(name.dropLast(5))
            let source = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let expected = try String(contentsOf: dir.appendingPathComponent(base + ".html"), encoding: .utf8)
            let html = MJML.render(MJML.parse(source))
            if let diff = HTMLCompare.difference(expected: expected, actual: html) {
                failures.append("\(base): \(diff)")
            } else {
                passed += 1
            }
        }
        print("mjml-corpus: \(passed)/\(names.count) passed")
        for f in failures { print("  FAIL \(f)") }
        #expect(passed >= Self.floor, "mjml-corpus: \(passed)/\(names.count) passed (floor \(Self.floor))")
    }
}
