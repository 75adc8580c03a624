import Foundation
import Testing
import TestSupport
@testable import Voice

/// Bad input never crashes: random mixes of Markdown, HTML, MJML and Liquid fragments are linted
/// with every corpus style loaded (styles Voice has never been tuned on included).
@Suite struct VoiceRobustnessTests {
    static let fragments = [
        "# ", "## ", "- ", "1. ", "> ", "```", "~~~", "    ", "|", "---", "\n", "\n\n", "*", "**", "_", "`", "[", "]", "(", ")",
        "![", "<", ">", "</", "<p>", "</p>", "<mj-text>", "</mj-text>", "<mj-button>", "<mj-image alt=\"", "\"/>", "{{", "}}",
        "{%", "%}", "{% comment %}", "&amp;", "&#160;", "&", "<!-- vale off -->", "<!-- vale on -->", "very", "simply", "TODO",
        "The quick brown fox.", "It is very very good.", "Café ✨ naïve", "$$", "\t", "\r\n", "e.g.", "http://x.io/a?b=c", "é",
        "<code>", "</code>", "<script>", "</script>", "<h2>", "</h2>", "<li>", "<ul>", "\u{1F600}", "\"", "'", "’",
    ]

    struct LCG { var s: UInt64; mutating func next(_ n: Int) -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int((s >> 33) % UInt64(n)) } }

    @Test func randomInputsNeverCrash() throws {
        guard let styles = Corpus.folder("vale")?.appendingPathComponent("styles") else { return }
        let all = try FileManager.default.contentsOfDirectory(atPath: styles.path).filter { $0 != "config" && !$0.hasSuffix(".md") }
        var cfg = try VoiceConfig.styles(folder: styles, basedOn: all + ["Vale"], vocab: ["Cap"])
        cfg.minAlertLevel = .suggestion
        let linter = try VoiceLinter(config: cfg)
        var rng = LCG(s: 42)
        var total = 0
        for i in 0..<300 {
            let text = (0..<(5 + rng.next(60))).map { _ in Self.fragments[rng.next(Self.fragments.count)] }.joined()
            for format in ["md", "html", "mjml", "txt"] {
                let alerts = try linter.lint(text: text, format: format, path: "f\(i).\(format)")
                for a in alerts { #expect(a.line >= 1 && a.column >= 1) }
                total += alerts.count
            }
        }
        #expect(total > 0)
    }
}
