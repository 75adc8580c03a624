import Foundation
import TestSupport
import Testing

@testable import Voice

/// Vale's own Cucumber scenarios (`../shared/corpus/vale/features`), run through Voice.
///
/// In scope: scenarios that lint `.md`, `.txt` or `.html` files with the rule types Voice
/// implements (all but `sequence` and `script`; `spelling` with the system's en_US). A scenario whose folder also holds other formats (`.adoc`, `.rst`, code...)
/// is run on its `.md`/`.txt`/`.html` files only, against the expected lines for those files
/// (compared exactly, in order); its exit status is then not compared, since it depends on the
/// files left out. Every other scenario is out, with its reason in `outOfScope`.
@Suite struct ValeCorpusTests {
    static let inScopeExtensions: Set<String> = ["md", "txt", "html"]

    /// Scenarios Voice does not claim, and why.
    static let outOfScope: [String: String] = [
        // Formats other than Markdown, plain text and HTML.
        "Lint a CSS file": "CSS comments (code format)",
        "Lint a YAML file": "YAML (data format, views)",
        "Lint a Julia file": "code comments", "Lint a Java file": "code comments",
        "Lint a proto file": "code comments", "Lint an Org file": "Org mode",
        "Lint a reStructuredText file": "reStructuredText", "Lint a AsciiDoc file": "AsciiDoc",
        "Lint a AsciiDoc file with a listing block": "AsciiDoc",
        "Lint a AsciiDoc file with custom attributes": "AsciiDoc",
        "Lint a DITA file": "DITA", "Lint an XML file": "XML (XSLT transform)",
        "Lint a JSON file": "JSON (data format)", "Lint an AsciiDoc file": "AsciiDoc",
        "Lint a Python file": "code comments", "Lint a C++ file": "code comments",
        "Lint a Clojure file": "code comments", "Lint a JSX file": "code comments",
        "Lint an MDX file": "MDX", "Lint a Rust file": "code comments", "Lint an R file": "code comments",
        "Lint a PHP file": "code comments", "Lint a PowerShell file": "code comments",
        "Lint a Lua file": "code comments", "Lint a Haskell file": "code comments",
        "Lint a TypeScript file": "code comments", "Lint a Ruby file": "code comments",
        "Lint an assigned format": "an MDX file in a subfolder",
        "MDX": "MDX", "MDX with comment configuration": "MDX", "reStructuredText": "reStructuredText",
        "AsciiDoc": "AsciiDoc", "Org Mode": "Org mode", "Org": "Org mode", "Python": "code comments",
        "Ignored Classes on inline elements": "reStructuredText (and spelling)",
        "AsciiDoc headings with :sectnums: and :toc: (#1101)": "AsciiDoc",
        "Lint a file and a directory": "JSON and code files only",
        "Lint 2 directories": "code files only", "Pipe Python input": "code comments",
        "Code -> Markup": "code comments (fragments) and spelling",
        "In-text attributes": "AsciiDoc", "YAML": "data formats through views",
        "Test a glob": "code files only (and --glob)",
        // Rule types Voice does not implement.
        "Script": "script rules (Tengo)", "Sequence": "sequence rules (POS tagging)",
        "misc.feature: Spelling": "spelling with the en-GB, en_medical and test dictionaries, removed from the corpus",
        "v3.0 Spelling":
            "expects no alert on test.md's HTTPie, Nginx and abdominocentesis, which no dictionary here (nor Vale's en_US-web, as far as can be told) has; not reproducible",
        "Lint against Scripts": "script rules",
        "Test a negated glob directory": "--glob",
        "Lint against demo": "sequence rules (demo.Meetup); demo.Reading's grade (7.13) comes from twine's Punkt sentences and syllable counter",
        // CLI features of Vale that Voice does not offer.
        "Lint with a custom output format (line)": "Go text/template output",
        "Filter --minAlertLevel": "--filter expressions", "Filter by single scope": "--filter expressions",
        "Filter by multiple levels": "--filter expressions", "Filter by extends": "--filter expressions",
        "Filter by extends [expr]": "--filter expressions", "Filter by multiple levels [expr]": "--filter expressions",
        "Script-computed suggestions": "vale fix", "Sync a complete, v3 package": "vale sync (packages)",
        "Sync a style-only package": "vale sync", "Sync a config-only package": "vale sync",
        "Test a negated glob": "--glob", "Test another negated glob": "--glob",
        "Non-Existent Config": "runs from outside any fixture folder (E100 text differs)",

        "Change an external rule's level": "lints test.py only (code comments)",
    ]

    /// In-scope scenarios that fail for a known reason (they count in the total, not as passed).
    static let knownDifferences: [String: String] = [
        "checks.feature: Spelling": "Vale's built-in en_US-web knows 'Webhooks'; Debian's en_US (hunspell-en-us) does not",
        "patterns.feature: Markdown": "Vale's built-in en_US-web knows 'backtick'; Debian's en_US (hunspell-en-us) does not",
    ]

    static func outOfScopeReason(_ s: ValeScenario) -> String? {
        outOfScope["\(s.feature): \(s.name)"] ?? outOfScope[s.name]
    }

    @Test(.enabled(if: Corpus.has("vale"), Comment(rawValue: Corpus.absentNote))) func valeCorpus() throws {
        let root = try #require(Corpus.folder("vale"))
        // The spelling scenarios in scope run with the system's en_US (hunspell-en-us).
        try #require(
            HunspellDictionaries.find("en_US", in: HunspellDictionaries.systemFolders) != nil,
            "the Vale corpus needs the en_US Hunspell dictionary: apt-get install hunspell-en-us")
        let featuresDir = root.appendingPathComponent("features")
        var scenarios: [ValeScenario] = []
        for f in try FileManager.default.contentsOfDirectory(atPath: featuresDir.path).sorted() where f.hasSuffix(".feature") {
            let text = try String(contentsOf: featuresDir.appendingPathComponent(f), encoding: .utf8)
            scenarios += ValeScenario.parse(feature: f, text: text)
        }
        var passed = 0, total = 0
        var failures: [String] = []
        var known = 0
        let out = scenarios.filter { ValeCorpusTests.outOfScopeReason($0) != nil }.count
        for s in scenarios where ValeCorpusTests.outOfScopeReason(s) == nil {
            if ProcessInfo.processInfo.environment["VALE_CORPUS_TRACE"] != nil { print("RUN", s.name) }
            let runner = ScenarioRunner(corpus: root, scenario: s, extensions: ValeCorpusTests.inScopeExtensions)
            guard let result = runner.run() else { failures.append("UNRUNNABLE \(s.feature): \(s.name) (\(s.step))"); total += 1; continue }
            total += 1
            if result.ok {
                passed += 1
            } else {
                if ValeCorpusTests.knownDifferences["\(s.feature): \(s.name)"] != nil { known += 1 }
                failures.append("FAIL \(s.feature): \(s.name)\n\(result.diff)")
            }
        }
        if ProcessInfo.processInfo.environment["VALE_CORPUS_VERBOSE"] != nil { for f in failures { print(f) } }
        print(
            "vale-corpus: \(passed)/\(total) in-scope scenarios passed (\(known) known differences, listed in knownDifferences); \(out) of \(scenarios.count) out of scope"
        )
        #expect(total >= 60)
        #expect(Double(passed) >= 0.9 * Double(total))
    }
}
