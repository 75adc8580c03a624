import Foundation
import Testing
@testable import Voice

/// Behaviour of Vale that users notice (issue #19): suggestions in the case of the match,
/// lookbehind of any length, readability and spelling rules.
@Suite struct ValeFidelityTests {
    func lint(_ rules: [String: String], _ text: String, ext: String = "md", vocab: [String: [String]] = [:]) throws -> [String] {
        let l = try VoiceLinter(config: try VoiceConfig.styles(folder: try makeStyles(rules, vocab: vocab)))
        return try l.lint(text: text, format: ext, path: "t.\(ext)").map { "\($0.line):\($0.column):\($0.check):\($0.message)" }
    }

    // MARK: substitution case

    static let contractions = """
    extends: substitution
    message: "Use '%s' instead of '%s'."
    level: error
    ignorecase: true
    matchcase: true
    action:
      name: replace
    swap:
      are not: aren't
      data base: database
    """

    @Test func matchcaseSuggestsInTheCaseOfTheMatch() throws {
        let got = try lint(["Brand/Contractions.yml": ValeFidelityTests.contractions],
                           "Are not all here. They are not. ARE NOT! The Data Base.\n")
        #expect(got == ["1:1:Brand.Contractions:Use 'Aren't' instead of 'Are not'.",
                        "1:24:Brand.Contractions:Use 'aren't' instead of 'are not'.",
                        "1:33:Brand.Contractions:Use 'AREN'T' instead of 'ARE NOT'.",
                        "1:46:Brand.Contractions:Use 'Database' instead of 'Data Base'."])
        // Without `matchcase` the suggestion stays as written, as in Vale.
        let plain = ValeFidelityTests.contractions.replacingOccurrences(of: "matchcase: true\n", with: "")
        #expect(try lint(["Brand/Contractions.yml": plain], "Are not all here.\n") == ["1:1:Brand.Contractions:Use 'aren't' instead of 'Are not'."])
    }

    @Test func matchcaseRecasesAnExistenceRulesReplacement() throws {
        let rule = """
        extends: existence
        message: "Write '%s' as '%s'."
        ignorecase: true
        matchcase: true
        action:
          name: replace
          params:
            - A-OK
        tokens:
          - a ok
        """
        let got = try lint(["Brand/OK.yml": rule], "I am a ok with it. A OK then.\n")
        #expect(got == ["1:6:Brand.OK:Write 'a ok' as 'a-ok'.", "1:20:Brand.OK:Write 'A OK' as 'A-OK'."])
    }

    @Test func caseMatchReadsWordByWord() {
        #expect(CaseMatch.recase("back out", like: "Backout") == "Back out")
        #expect(CaseMatch.recase("there is an", like: "THERE AN") == "THERE IS AN")
        #expect(CaseMatch.recase("iPhone", like: "IPhone") == "iPhone")   // a case of its own says nothing
        #expect(CaseMatch.recase("iPhone", like: "IPHONE") == "IPHONE")
        #expect(CaseMatch.recase("poor showing", like: "Bad Rep") == "Poor Showing")
        #expect(CaseMatch.recase("poor showing", like: "Bad rep") == "Poor showing")
    }

    // MARK: capitalization

    @Test func sentenceCaseAcronymsAndExceptionsAsVale() throws {
        let rule = """
        extends: capitalization
        message: "'%s' should be in sentence case"
        level: error
        scope: heading
        match: $sentence
        exceptions:
          - SDK
        """
        let doc = "# API reference\n\n# SDK setup\n\n# Using the API\n\n# Apples vs. oranges\n\n# Apples vs. Oranges\n"
        // An opening acronym is not title-cased (Go's strings.Title), so it needs an exception;
        // elsewhere an all-caps word counts as correct.
        #expect(try lint(["Brand/Sentence.yml": rule], doc) == [
            "1:3:Brand.Sentence:'API reference' should be in sentence case",
            "9:3:Brand.Sentence:'Apples vs. Oranges' should be in sentence case",
        ])
        #expect(CapitalizationRule.goTitle("client's top-level") == "Client'S Top-Level")
    }

    // MARK: lookbehind

    @Test func variableLengthLookbehindRuns() throws {
        let rule = """
        extends: existence
        message: "'%s' after 'see' needs no 'also'."
        nonword: true
        tokens:
          - '(?<=\\bsee\\s+)also'
          - '(?<!\\w+\\.)com\\b'
        """
        let got = try lint(["Brand/Also.yml": rule], "See also this. We see    also that.\nA com and example.com here.\n")
        #expect(got == ["1:26:Brand.Also:'also' after 'see' needs no 'also'.", "2:3:Brand.Also:'com' after 'see' needs no 'also'."])
    }

    @Test func lookbehindSeesTheWholeOfALongBlock() throws {
        let rule = """
        extends: existence
        message: "'%s' repeats the paragraph's opening."
        nonword: true
        tokens:
          - '(?<=^Start\\b[\\s\\S]*)\\bend\\b'
        """
        let filler = String(repeating: "word ", count: 100)
        let got = try lint(["Brand/Far.yml": rule], "Start \(filler)end.\n\nNo start here, end.\n")
        #expect(got == ["1:507:Brand.Far:'end' repeats the paragraph's opening."])
    }

    @Test func boundedRewriteIsExactAndLeavesOtherPatternsAlone() {
        #expect(Lookbehind.bounded("(?<=a+b*)c", limit: 64) == "(?<=a{1,64}b{0,64})c")
        #expect(Lookbehind.bounded("(?<!x{2,})y+", limit: 128) == "(?<!x{2,128})y+")
        #expect(Lookbehind.bounded("(?<=[*+])a+(?=b*)", limit: 64) == nil)
        #expect(Lookbehind.bounded("(?<=a*?)b", limit: 64) == "(?<=a{0,64}?)b")
        #expect(VoiceRegex.compiles("(?<=\\bsee\\s+)also"))
        #expect(!VoiceRegex.compiles("(?<=a+"))
        // .NET's quoted group names, which Vale's engine reads.
        #expect(VoiceRegex.compiles("(?'w'\\b\\w+) \\k'w'\\b"))
    }
}
