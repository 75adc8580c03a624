import Foundation
import TestSupport
import Testing

@testable import MJML

@Suite struct MJMLBehaviourTests {
    static func page(_ body: String, head: String = "") -> String {
        "<mjml><mj-head>\(head)</mj-head><mj-body>\(body)</mj-body></mjml>"
    }

    @Test func placeholdersAndPrivateUseCharactersPassThroughByteForByte() {
        let hole = "\u{E000}name\u{E001}", url = "https://x.test/\u{E002}?a=1&amp;b=\u{F8FF}"
        let colour = "\u{E010}", src = "https://img.test/\u{E011}.png", alt = "\u{E012} alt"
        let source = Self.page(
            """
            <mj-section background-color="\(colour)"><mj-column>
              <mj-text>Hello \(hole) &nbsp; <a href="\(url)">link</a></mj-text>
              <mj-image src="\(src)" alt="\(alt)" href="\(url)" />
              <mj-button href="\(url)" background-color="\(colour)">Go \(hole)</mj-button>
            </mj-column></mj-section>
            """)
        let doc = MJML.parse(source)
        let html = MJML.render(doc)
        for needle in [
            "Hello \(hole) &nbsp; <a href=\"\(url)\">link</a>", "src=\"\(src)\"", "alt=\"\(alt)\"",
            "href=\"\(url)\"", "background-color:\(colour);", "bgcolor=\"\(colour)\"", "Go \(hole)",
        ] {
            #expect(html.contains(needle), "missing in HTML: \(needle)")
        }
        let text = MJML.renderText(doc)
        #expect(text.contains("Hello \(hole)"))
        #expect(text.contains("\u{E002}") && text.contains("\u{F8FF}"))
        #expect(text.contains("Go \(hole) (https://x.test/\u{E002}?a=1&b=\u{F8FF})"))
    }

    @Test func textPartIsReadableWithLinks() {
        let doc = MJML.parse(
            Self.page(
                """
                <mj-section><mj-column>
                  <mj-text><h1>Spring   sale</h1><p>Up to <b>40%</b> off. <a href="https://a.test/s">See offers</a></p></mj-text>
                  <mj-button href="https://a.test/buy">Buy now</mj-button>
                  <mj-social><mj-social-element name="facebook" href="https://fb.test/acme">Facebook</mj-social-element></mj-social>
                </mj-column></mj-section>
                """))
        let text = MJML.renderText(doc)
        #expect(text.contains("Spring sale"))
        #expect(text.contains("Up to 40% off. See offers (https://a.test/s)"))
        #expect(text.contains("Buy now (https://a.test/buy)"))
        #expect(text.contains("Facebook (https://www.facebook.com/sharer/sharer.php?u=https://fb.test/acme)"))
        #expect(!text.contains("<"))
    }

    @Test func validationLevels() {
        let source = Self.page(
            """
            <mj-section foo="1"><mj-column><mj-text align="middle">x</mj-text><mj-bogus /></mj-column>
            <mj-text>misplaced</mj-text></mj-section>
            """)
        let soft = MJML.parse(source, options: .init(validation: .soft))
        #expect(soft.diagnostics.count == 4)
        #expect(soft.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(soft.diagnostics.contains { $0.message.contains("unknown tag <mj-bogus>") && $0.line == 1 })
        #expect(soft.diagnostics.contains { $0.message.contains("'foo'") })
        #expect(soft.diagnostics.contains { $0.message.contains("invalid value 'middle'") })
        #expect(soft.diagnostics.contains { $0.message.contains("cannot be used inside <mj-section>") && $0.line == 2 })
        let strict = MJML.parse(source, options: .init(validation: .strict))
        #expect(strict.hasErrors && strict.diagnostics.allSatisfy { $0.severity == .error })
        #expect(MJML.parse(source, options: .init(validation: .skip)).diagnostics.isEmpty)
    }

    @Test func includesResolveUnderTheRootOnly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mjml-include-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("parts"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "<mj-section><mj-column><mj-text>From include</mj-text></mj-column></mj-section>"
            .write(to: dir.appendingPathComponent("parts/header.mjml"), atomically: true, encoding: .utf8)
        try ".inc { color: red; }".write(to: dir.appendingPathComponent("parts/style.css"), atomically: true, encoding: .utf8)
        try "<p class=\"raw\">raw html</p>".write(to: dir.appendingPathComponent("parts/raw.html"), atomically: true, encoding: .utf8)
        let source = """
            <mjml><mj-head><mj-include path="parts/style.css" type="css" /></mj-head><mj-body>
            <mj-include path="parts/header" /><mj-include path="parts/raw.html" type="html" />
            <mj-include path="../../etc/passwd" type="html" /><mj-include path="/etc/hostname" type="html" />
            </mj-body></mjml>
            """
        let doc = MJML.parse(source, options: .init(includeRoot: dir.path))
        let html = MJML.render(doc)
        #expect(html.contains("From include"))
        #expect(html.contains(".inc { color: red; }"))
        #expect(html.contains("<p class=\"raw\">raw html</p>"))
        #expect(doc.diagnostics.filter { $0.message.contains("outside the include root") }.count == 2)
        #expect(!html.contains("root:"))
    }

    @Test func badInputNeverCrashes() {
        let cases: [String] = [
            "", "<", "<mjml", "<mjml><mj-body><mj-section><mj-column><mj-text>unclosed",
            "<mjml><mj-body><mj-section></mj-column></mj-body>", "<mj-text a=\"unterminated>",
            "<mjml><mj-body><mj-section><mj-column><mj-image width=\"-5px\" /><mj-divider width=\"abc%\" /></mj-column></mj-section></mj-body></mjml>",
            "<mjml><mj-body width=\"0px\"><mj-section><mj-group width=\"0%\"></mj-group><mj-column width=\"0\"></mj-column></mj-section></mj-body></mjml>",
            "<mjml><mj-body><mj-hero mode=\"fluid\" background-width=\"0px\" background-height=\"10px\"></mj-hero><mj-carousel></mj-carousel></mj-body></mjml>",
            String(decoding: [0xFF, 0xFE, 0x3C, 0x00, 0xC3, 0x28, 0x3C, 0x6D, 0x6A], as: UTF8.self),
        ]
        for c in cases {
            let doc = MJML.parse(c)
            _ = MJML.render(doc)
            _ = MJML.renderText(doc)
        }
        let unclosed = MJML.parse("<mjml><mj-body><mj-section><mj-column><mj-text>x")
        #expect(unclosed.diagnostics.contains { $0.message.contains("never closed") })
    }

    @Test func deepNestingIsReportedNotFatal() {
        let depth = 10_000
        let source =
            "<mjml><mj-body>" + String(repeating: "<mj-wrapper>", count: depth)
            + String(repeating: "</mj-wrapper>", count: depth) + "</mj-body></mjml>"
        let doc = MJML.parse(source)
        #expect(doc.diagnostics.contains { $0.severity == .error && $0.message.contains("nested deeper") })
        _ = MJML.render(doc)
        _ = MJML.renderText(doc)
    }

    @Test func tenMegabyteInput() {
        var bytes: [UInt8] = Array("<mjml><mj-body><mj-raw>".utf8)
        var rng = SplitMix(seed: 7)
        while bytes.count < 10_000_000 { bytes.append(UInt8(truncatingIfNeeded: rng.next() % 94 + 32)) }
        let doc = MJML.parse(bytes: bytes)
        let html = MJML.renderBytes(doc)
        #expect(html.count > 1_000_000)
        #expect(!doc.diagnostics.isEmpty)
    }

    @Test(.enabled(if: Corpus.has("mjml"), Comment(rawValue: Corpus.absentNote))) func fuzzMutatedCorpusInputs() throws {
        let dir = try #require(Corpus.folder("mjml"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".mjml") }.sorted()
        var rng = SplitMix(seed: 0x7E55E7A)
        var runs = 0
        for file in files {
            let original = Array(try Data(contentsOf: dir.appendingPathComponent(file)))
            for _ in 0..<4 {
                var b = original
                for _ in 0..<(1 + Int(rng.next() % 6)) where !b.isEmpty {
                    let i = Int(rng.next() % UInt64(b.count))
                    switch rng.next() % 6 {
                    case 0: b.remove(at: i)
                    case 1: b.insert([60, 62, 34, 39, 47, 61, 0, 0xFF][Int(rng.next() % 8)], at: i)
                    case 2: b.removeSubrange(i..<min(b.count, i + Int(rng.next() % 40)))
                    case 3: b.insert(contentsOf: b[i..<min(b.count, i + Int(rng.next() % 60))], at: Int(rng.next() % UInt64(b.count)))
                    case 4: b[i] = UInt8(truncatingIfNeeded: rng.next())
                    default: b = Array(b[..<i])
                    }
                }
                let doc = MJML.parse(bytes: b)
                _ = MJML.renderBytes(doc)
                _ = MJML.renderText(doc)
                runs += 1
            }
        }
        print("mjml-fuzz: \(runs) mutated inputs parsed and rendered")
        #expect(runs == files.count * 4)
    }

    @Test func documentsAreReusableAcrossThreads() async {
        let doc = MJML.parse(Self.page("<mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section>"))
        let expected = MJML.render(doc)
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { MJML.render(doc) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
    }
}

/// Deterministic PRNG for the fuzz test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct MJMLIncludeHeadTests {
    @Test func fullDocumentIncludeBringsItsHead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mjml-include-head-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        <mjml><mj-head><mj-attributes><mj-text color="#ff0000" /></mj-attributes><mj-style>.inc{x:1}</mj-style></mj-head>
        <mj-body><mj-section><mj-column><mj-text>Included</mj-text></mj-column></mj-section></mj-body></mjml>
        """.write(to: dir.appendingPathComponent("part.mjml"), atomically: true, encoding: .utf8)
        let doc = MJML.parse(
            "<mjml><mj-body><mj-include path=\"part.mjml\" /></mj-body></mjml>",
            options: .init(includeRoot: dir.path))
        let html = MJML.render(doc)
        #expect(html.contains("color:#ff0000;\">Included</div>"))
        #expect(html.contains(".inc{x:1}"))
    }

    @Test func rawFileStartGoesBeforeTheDoctype() {
        let html = MJML.render(MJML.parse("<mjml><mj-body><mj-raw position=\"file-start\">{% raw %}</mj-raw></mj-body></mjml>"))
        #expect(html.hasPrefix("{% raw %}<!doctype html>"))
    }
}

@Suite struct MJMLInlineCSSTests {
    static let source = """
        <mjml><mj-head>
          <mj-style inline="inline">
            .box a { color: #111111; text-decoration: underline; }
            #main { padding: 1px; }
            p.note, td > span.x { font-weight: bold; }
            a:hover { color: red; }
            @media (max-width: 480px) { .box a { color: blue; } }
          </mj-style>
          <mj-style>.kept { color: green; }</mj-style>
        </mj-head><mj-body><mj-section><mj-column>
          <mj-text css-class="box"><a href="u" style="color:#222222">own wins</a> <p class="note" id="main">n</p></mj-text>
        </mj-column></mj-section></mj-body></mjml>
        """

    @Test func inlineRulesAreAppliedOwnDeclarationsWin() {
        let html = MJML.render(MJML.parse(Self.source))
        #expect(html.contains("<a href=\"u\" style=\"text-decoration: underline; color: #222222;\">own wins</a>"))
        #expect(html.contains("padding: 1px;") && html.contains("font-weight: bold;"))
        // Pseudo-classes and media queries cannot be inlined: kept in the head, on no element.
        #expect(html.contains("a:hover { color: red; }") && !html.contains("style=\"color: red"))
        #expect(html.contains("@media (max-width: 480px) { .box a { color: blue; } }") && !html.contains("style=\"color: blue"))
        #expect(html.contains(".kept { color: green; }"))
        #expect(!html.contains(".box a { color: #111111"))  // inline rules leave the head
    }

    @Test func inliningCanBeTurnedOff() {
        let html = MJML.render(MJML.parse(Self.source), options: .init(inlineCSS: false))
        #expect(html.contains(".box a { color: #111111"))
        #expect(html.contains("style=\"color:#222222\""))
    }
}

@Suite struct MJMLParserTests {
    @Test func voidHTMLElementsDoNotSwallowSiblings() {
        let doc = MJML.parse("<mjml><mj-body><mj-section><mj-column><br><mj-text>kept</mj-text></mj-column></mj-section></mj-body></mjml>")
        #expect(MJML.render(doc).contains(">kept</div>"))
    }

    @Test func positionsAreLineAndColumn() {
        let doc = MJML.parse("<mjml>\n  <mj-body>\n    <mj-bogus />\n  </mj-body>\n</mjml>")
        let d = doc.diagnostics.first { $0.message.contains("mj-bogus") }
        #expect(d?.line == 3 && d?.column == 5)
    }
}
