import Foundation
import Testing

@testable import Voice

/// Rules and texts shaped to multiply work: each lint must finish (no test times it) with the
/// right alerts, or an alert naming the limit that stopped a rule.
@Suite struct VoiceHostileInputTests {
    static let catastrophic = """
        extends: existence
        message: "Found '%s'."
        level: warning
        nonword: true
        raw:
          - '(a+)+$'
        """

    /// `(a+)+$` on 36 a's and a '!' backtracks 2^36 ways: the rule reports the limit instead.
    @Test func catastrophicRegexIsReportedNotRun() throws {
        let root = try makeStyles(["Brand/Slow.yml": Self.catastrophic, "Brand/Avoid.yml": avoidVery])
        var config = try VoiceConfig.styles(folder: root)
        let text = "This is very good.\n" + String(repeating: "a", count: 36) + "!\n"
        let alerts = try VoiceLinter(config: config).lint(text: text, format: "txt", path: "x.txt")
        let limited = alerts.filter { $0.check == "Brand.Slow" }
        #expect(limited.count == 1)
        // The pattern as compiled (the rule's `raw` plus Vale's template), the rule and the limit.
        #expect(limited.first?.message.hasPrefix("the regular expression '(a+)+$") == true)
        #expect(limited.first?.message.contains("of Brand.Slow ran past the regex time limit (250 steps)") == true)
        // The other rules still ran.
        #expect(alerts.contains { $0.check == "Brand.Avoid" && $0.line == 1 && $0.column == 9 })

        // The limit is a setting (`RegexTimeLimit` in .vale.ini).
        config.regexTimeLimit = 5
        let low = try VoiceLinter(config: config).lint(text: text, format: "txt", path: "x.txt")
        #expect(low.contains { $0.check == "Brand.Slow" && $0.message.contains("(5 steps)") })
    }

    @Test func regexTimeLimitIsReadFromTheIni() throws {
        let root = try makeStyles(["styles/Brand/Avoid.yml": avoidVery])
        let ini = root.appendingPathComponent(".vale.ini")
        try "StylesPath = styles\nRegexTimeLimit = 40\n[*]\nBasedOnStyles = Brand\n".write(to: ini, atomically: true, encoding: .utf8)
        #expect(try VoiceConfig.load(ini).regexTimeLimit == 40)
        try "StylesPath = styles\nRegexTimeLimit = soon\n".write(to: ini, atomically: true, encoding: .utf8)
        #expect(throws: VoiceError.self) { try VoiceConfig.load(ini) }
    }

    /// 200 KB on one line, 20,000 matches: prose (placed by offset) and a list item (placed by
    /// Vale's search of the block's last line) both place every alert, in one pass per line.
    @Test func twentyThousandMatchesOnOneLine() throws {
        let linter = try VoiceLinter(config: try VoiceConfig.styles(folder: try makeStyles(["Brand/Avoid.yml": avoidVery])))
        let line = String(repeating: "very good ", count: 20_000)
        let prose = try linter.lint(text: line, format: "txt", path: "x.txt")
        #expect(prose.count == 20_000)
        #expect(prose.map(\.column) == (0..<20_000).map { 10 * $0 + 1 })
        let item = try linter.lint(text: "- " + line + "\n", format: "md", path: "x.md")
        #expect(item.count == 20_000)
        #expect(item.map(\.column) == (0..<20_000).map { 10 * $0 + 3 })
    }

    /// A phrase exception is searched once per block, not once per finding.
    @Test func phraseExceptionsAreSearchedOncePerBlock() throws {
        let rule = avoidVery + "\nexceptions:\n  - very good deal\n"
        let linter = try VoiceLinter(config: try VoiceConfig.styles(folder: try makeStyles(["Brand/Avoid.yml": rule])))
        let text = String(repeating: "very good ", count: 20_000) + "a very good deal."
        let alerts = try linter.lint(text: text, format: "txt", path: "x.txt")
        #expect(alerts.count == 20_000)
        #expect(alerts.last?.column == 199_991)
    }
}

extension VoiceHostileInputTests {
    /// A formula nested 100,000 deep is refused when the rule loads (the recursive parser and
    /// evaluator would overflow the stack).
    @Test func deeplyNestedMetricFormulaIsAnError() throws {
        let depth = 100_000
        let formula = String(repeating: "(", count: depth) + "words" + String(repeating: ")", count: depth)
        let rule = "extends: metric\nmessage: \"Too long.\"\nformula: '\(formula)'\ncondition: '> 10'\n"
        let root = try makeStyles(["Brand/Deep.yml": rule])
        #expect {
            try VoiceLinter(config: try VoiceConfig.styles(folder: root))
        } throws: { error in
            "\(error)".contains("formula size limit")
        }
    }
}
