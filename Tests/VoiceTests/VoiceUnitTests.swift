import Foundation
import Testing

@testable import Voice

/// A scratch styles folder with the given rule files (`Style/Rule.yml` → YAML).
func makeStyles(_ rules: [String: String], vocab: [String: [String]] = [:]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("voice-unit-\(UUID().uuidString)")
    for (path, yaml) in rules {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try yaml.write(to: url, atomically: true, encoding: .utf8)
    }
    for (name, words) in vocab {
        let dir = root.appendingPathComponent("config/vocabularies/\(name)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try words.joined(separator: "\n").write(to: dir.appendingPathComponent("accept.txt"), atomically: true, encoding: .utf8)
    }
    return root
}

let avoidVery = """
    extends: existence
    message: "Avoid '%s'."
    level: error
    ignorecase: true
    tokens:
      - very
      - simply
    """

@Suite struct VoiceUnitTests {
    func linter(_ rules: [String: String]) throws -> VoiceLinter {
        try VoiceLinter(config: try VoiceConfig.styles(folder: try makeStyles(rules)))
    }

    @Test func mjmlCopyIsLintedWithLiquidMasked() throws {
        let l = try linter(["Brand/Avoid.yml": avoidVery])
        let mjml = """
            <mj-section><mj-column>
              <mj-image src="a.png" alt="A very happy customer" />
              <mj-text><p>Hi {{ name | default: "very" }}, this is <b>very</b> good.</p>
              {% comment %}very hidden{% endcomment %}</mj-text>
              <mj-button href="https://x">Simply buy</mj-button>
              <mj-divider border-color="very" />
            </mj-column></mj-section>
            """
        let alerts = try l.lint(text: mjml, format: "mjml", path: "b.mjml")
        let got = alerts.map { "\($0.line):\($0.column):\($0.match)" }
        #expect(got == ["2:32:very", "3:59:very", "5:31:Simply"])
    }

    @Test func mjmlFrontMatterCopyIsLinted() throws {
        let l = try linter(["Brand/Avoid.yml": avoidVery])
        let mjml = "---\nid: very-welcome\nsubject: \"Hi {{ name }}, a very good offer\"\nwhen: very\n---\n<mj-text>Simply</mj-text>\n"
        let got = try l.lint(text: mjml, format: "mjml", path: "b.mjml").map { "\($0.line):\($0.column):\($0.match)" }
        #expect(got == ["3:28:very", "6:10:Simply"])
    }

    @Test func htmlLiquidIsMaskedAndPositionsAreInCharacters() throws {
        let l = try linter(["Brand/Avoid.yml": avoidVery])
        let html = "<p>Café — {{ very }} and {% if x %}très very{% endif %}</p>"
        let alerts = try l.lint(text: html, format: "html", path: "a.html")
        #expect(alerts.map { "\($0.line):\($0.column)" } == ["1:41"])
    }

    @Test func markdownScopesAndInlineCode() throws {
        let l = try linter([
            "Brand/Avoid.yml": avoidVery,
            "Brand/Head.yml": """
            extends: existence
            message: "No '%s' in headings."
            scope: heading
            tokens: [Draft]
            """,
        ])
        let md = "# Draft title\n\nThis is `very` fine, very.\n\n- a very list\n"
        let got = try l.lint(text: md, format: "md", path: "a.md").map { "\($0.line):\($0.column):\($0.check)" }
        #expect(got == ["1:3:Brand.Head", "3:22:Brand.Avoid", "5:5:Brand.Avoid"])
    }

    @Test func unknownKeyIsAnErrorWithFileAndLine() throws {
        let root = try makeStyles(["Brand/Bad.yml": "extends: existence\nmessage: x\ntokenz:\n  - a\n"])
        #expect {
            try VoiceLinter(config: try VoiceConfig.styles(folder: root))
        } throws: { e in
            guard let v = e as? VoiceError else { return false }
            return v.path.hasSuffix("Brand/Bad.yml") && v.line == 3 && v.message.contains("tokenz")
        }
    }

    @Test func badRegexIsAnErrorWithFileAndLine() throws {
        let root = try makeStyles(["Brand/Bad.yml": "extends: occurrence\nmessage: x\nmax: 1\ntoken: '(unclosed'\n"])
        #expect {
            try VoiceLinter(config: try VoiceConfig.styles(folder: root))
        } throws: { e in
            (e as? VoiceError).map { $0.line == 4 && $0.description.contains("Bad.yml:4") } ?? false
        }
    }

    @Test func configErrorsNameTheLine() throws {
        #expect(throws: VoiceError.self) {
            try VoiceConfig.parse("StylesPath = s\n[*]\nMinAlertLevel = error\n", path: "x.ini", folder: URL(fileURLWithPath: "/"))
        }
    }

    @Test func goFormatMatchesVale() {
        #expect(GoFormat.message("Use '%s' instead of '%s'.", [.string("a")]) == "Use 'a' instead of ''.")
        #expect(GoFormat.message("%s %s %s", [.string("a")]) == "a  %!s(MISSING)")
        #expect(GoFormat.message("Too many (%d).", [.int(3)]) == "Too many (3).")
        #expect(GoFormat.message("Too many (%s).", [.int(3)]) == "Too many (%!s(int=3)).")
        #expect(GoFormat.message("%[2]s then %[1]s", [.string("a"), .string("b")]) == "b then a")
        #expect(GoFormat.message("100%% sure: %s\nok", [.string("x")]) == "100% sure: x ok")
    }

    @Test func jsonOutputHasValesShape() {
        let a = Alert(
            path: "t.md", line: 8, span: (8, 13), check: "Test.Test", message: "'FooBar' <b> & more", severity: .error,
            action: AlertAction(name: "suggest", params: ["CamelToSnake.tengo"]), match: "FooBar")
        let json = AlertFormatter.json([FileAlerts(path: "t.md", alerts: [a])])
        #expect(
            json == """
                {
                  "t.md": [
                    {
                      "Action": {
                        "Name": "suggest",
                        "Params": [
                          "CamelToSnake.tengo"
                        ]
                      },
                      "Span": [
                        8,
                        13
                      ],
                      "Check": "Test.Test",
                      "Description": "",
                      "Link": "",
                      "Message": "'FooBar' \\u003cb\\u003e \\u0026 more",
                      "Severity": "error",
                      "Match": "FooBar",
                      "Line": 8
                    }
                  ]
                }

                """)
        #expect(AlertFormatter.json([]) == "{}\n")
        #expect(AlertFormatter.line([FileAlerts(path: "t.md", alerts: [a])]) == "t.md:8:8:Test.Test:'FooBar' <b> & more\n")
    }

    @Test func sarifIsValidJSON() throws {
        let a = Alert(path: "t.md", line: 2, span: (3, 6), check: "X.Y", message: "m", severity: .warning, match: "abcd")
        let data = Data(AlertFormatter.sarif([FileAlerts(path: "t.md", alerts: [a])]).utf8)
        let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(obj?["version"] as? String == "2.1.0")
    }

    @Test func vocabularyFeedsValeTerms() throws {
        let root = try makeStyles([:], vocab: ["Brand": ["MyBrand", "Tessera"]])
        var cfg = try VoiceConfig.styles(folder: root, basedOn: ["Vale"], vocab: ["Brand"])
        cfg.minAlertLevel = .suggestion
        let l = try VoiceLinter(config: cfg)
        let got = try l.lint(text: "Try mybrand with tessera today.", format: "txt", path: "a.txt").map(\.message)
        #expect(got == ["Use 'MyBrand' instead of 'mybrand'.", "Use 'Tessera' instead of 'tessera'."])
    }

    @Test func valeOffCommentsInsideABlock() throws {
        let l = try linter(["Brand/Avoid.yml": avoidVery])
        let md = "*Note*: <!-- vale off -->very<!-- vale on --> and very.\n"
        #expect(try l.lint(text: md, format: "md", path: "a.md").map(\.column) == [51])
    }
}
