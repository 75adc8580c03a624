import Foundation
import TestSupport
import Testing

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

    struct LCG {
        var s: UInt64; mutating func next(_ n: Int) -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int((s >> 33) % UInt64(n)) }
    }

    @Test(.enabled(if: Corpus.has("vale"), Comment(rawValue: Corpus.absentNote))) func randomInputsNeverCrash() throws {
        let styles = try #require(Corpus.folder("vale")).appendingPathComponent("styles")
        // The corpus's Spelling style names dictionaries (en-GB, en_medical, test) removed from the
        // corpus: loading it is an error naming them, as in Vale.
        let all = try FileManager.default.contentsOfDirectory(atPath: styles.path).filter {
            $0 != "config" && $0 != "Spelling" && !$0.hasSuffix(".md")
        }
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

    /// One linter serves many threads (Policy and the pipeline lint in parallel): same alerts.
    @Test func concurrentLintingMatchesSequential() throws {
        let root = try makeStyles([
            "Brand/Avoid.yml": avoidVery, "Brand/Rep.yml": "extends: repetition\nmessage: \"'%s' twice\"\ntokens: ['[^\\s]+']\n",
        ])
        let linter = try VoiceLinter(config: try VoiceConfig.styles(folder: root))
        let texts = (0..<64).map { "<mj-text><p>Item \($0) is very very good, simply.</p></mj-text>" }
        let expected = try texts.map { try linter.lint(text: $0, format: "mjml", path: "a.mjml") }
        final class Box: @unchecked Sendable { var got: [[Alert]] = []; let lock = NSLock() }
        let box = Box()
        box.got = Array(repeating: [], count: texts.count)
        DispatchQueue.concurrentPerform(iterations: texts.count) { i in
            let r = (try? linter.lint(text: texts[i], format: "mjml", path: "a.mjml")) ?? []
            box.lock.lock(); box.got[i] = r; box.lock.unlock()
        }
        #expect(box.got == expected)
        #expect(expected.allSatisfy { $0.count == 4 })
    }

    /// Hostile nesting and delimiter floods: no stack overflow, no quadratic blow-up.
    @Test func pathologicalMarkdownIsSafe() throws {
        let root = try makeStyles(["Brand/Avoid.yml": avoidVery])
        let linter = try VoiceLinter(config: try VoiceConfig.styles(folder: root))
        let inputs = [
            String(repeating: "> ", count: 100_000) + "very\n",
            String(repeating: "*a ", count: 20_000) + "very",
            String(repeating: "[a ", count: 20_000) + "very",
            String(repeating: "` a ", count: 20_000) + "very",
            (0..<400).map { String(repeating: "  ", count: $0) + "- very\n" }.joined(),
        ]
        for text in inputs {
            let alerts = try linter.lint(text: text, format: "md", path: "x.md")
            #expect(!alerts.isEmpty)
        }
    }
}
