import Foundation
import Testing
import TestSupport
@testable import Voice

/// Vale's own Cucumber scenarios (`../shared/corpus/vale/features`), run through Voice.
///
/// In scope: scenarios that lint `.md`, `.txt` or `.html` files with rules of the eight types
/// Voice implements. A scenario whose folder also holds other formats (`.adoc`, `.rst`, code...)
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
        "Script": "script rules (Tengo)", "Spelling": "spelling rules (Hunspell dictionaries removed from the corpus)",
        "v3.0 Spelling": "spelling", "Sequence": "sequence rules (POS tagging)",
        "Lint against Scripts": "script rules", "Missing StylesPath (only Vale)": "Vale.Spelling",
        "External config (direct)": "spelling rules (demo.Spellcheck, demo.Filters)",
        "External config": "spelling rules (demo.Spellcheck, demo.Filters)",
        "Multi-word vocab phrases (#1035)": "expects Vale.Spelling alerts",
        "Duplicate matches": "expects Vale.Spelling alerts on .md", "infostrings": "Vale.Spelling",
        "HTML with Ignored Classes": "expects Vale.Spelling alerts",
        "Test a negated glob directory": "Vale.Spelling (and --glob)",
        "Lint against demo": "expects spelling and readability alerts on .md",
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

    @Test(.enabled(if: Corpus.has("vale"), Comment(rawValue: Corpus.absentNote))) func valeCorpus() throws {
        let root = try #require(Corpus.folder("vale"))
        let featuresDir = root.appendingPathComponent("features")
        var scenarios: [ValeScenario] = []
        for f in try FileManager.default.contentsOfDirectory(atPath: featuresDir.path).sorted() where f.hasSuffix(".feature") {
            let text = try String(contentsOf: featuresDir.appendingPathComponent(f), encoding: .utf8)
            scenarios += ValeScenario.parse(feature: f, text: text)
        }
        var passed = 0, total = 0
        var failures: [String] = []
        for s in scenarios where ValeCorpusTests.outOfScope[s.name] == nil {
            if ProcessInfo.processInfo.environment["VALE_CORPUS_TRACE"] != nil { print("RUN", s.name) }
            let runner = ScenarioRunner(corpus: root, scenario: s, extensions: ValeCorpusTests.inScopeExtensions)
            guard let result = runner.run() else { failures.append("UNRUNNABLE \(s.feature): \(s.name) (\(s.step))"); total += 1; continue }
            total += 1
            if result.ok { passed += 1 } else { failures.append("FAIL \(s.feature): \(s.name)\n\(result.diff)") }
        }
        if ProcessInfo.processInfo.environment["VALE_CORPUS_VERBOSE"] != nil { for f in failures { print(f) } }
        print("vale-corpus: \(passed)/\(total) in-scope scenarios passed")
        #expect(total >= 60)
        #expect(Double(passed) >= 0.9 * Double(total))
    }
}
