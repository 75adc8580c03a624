import Foundation
import Testing

@testable import MJML

/// Input an author or an attacker can shape to multiply work: each case must finish (quickly,
/// though no test times it) with the right output or an error naming the limit.
@Suite struct MJMLHostileInputTests {
    static func page(_ body: String, head: String = "") -> String {
        "<mjml><mj-head>\(head)</mj-head><mj-body>\(body)</mj-body></mjml>"
    }

    /// A scratch folder of files, removed afterwards by the caller.
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mjml-hostile-\(UUID().uuidString)")
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// Nine levels of ten includes each (10^9 files if expanded; the tenth level holds the
    /// text) stop at the expanded-size limit.
    static func fanOut() -> [String: String] {
        var files: [String: String] = ["l9.mjml": "<mj-text>leaf</mj-text>"]
        for level in 0..<9 {
            files["l\(level).mjml"] = String(repeating: "<mj-include path=\"l\(level + 1).mjml\" />\n", count: 10)
        }
        return files
    }

    @Test func includeFanOutStopsAtTheExpandedSizeLimit() throws {
        let dir = try Self.folder(Self.fanOut())
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = Self.page("<mj-section><mj-column><mj-include path=\"l0.mjml\" /></mj-column></mj-section>")
        let doc = MJML.parse(source, options: .init(includeRoot: dir.path, validation: .skip))
        let limit = doc.diagnostics.filter { $0.message.contains("more than 8388608 bytes (the limit MJMLParseOptions.maxIncludeBytes)") }
        #expect(limit.count == 1)
        #expect(MJML.render(doc).contains("leaf"))

        // The limit is an option: a small one stops sooner, with the same error naming it.
        let small = MJML.parse(source, options: .init(includeRoot: dir.path, validation: .skip, maxIncludeBytes: 1_000))
        #expect(small.diagnostics.filter { $0.message.contains("more than 1000 bytes") }.count == 1)
    }

    @Test func includeErrorsNameTheMainFile() throws {
        let dir = try Self.folder([:])
        let source = "<mjml>\n<mj-body>\n    <mj-include path=\"missing.mjml\" />\n</mj-body>\n</mjml>\n"
        let doc = MJML.parse(source, options: .init(includeRoot: dir.path, fileName: "main.mjml"))
        #expect(doc.diagnostics.map(\.description).contains { $0.hasPrefix("main.mjml:3:5: error: cannot read included file 'missing.mjml'") })
    }

    /// 20,000 attributes on one MJML tag and on one HTML tag that an inline rule and an
    /// `mj-html-attributes` selector both rewrite.
    @Test func twentyThousandAttributesOnOneTag() {
        let attributes = (0..<20_000).map { " data-a\($0)=\"\($0)\"" }.joined()
        let head = """
            <mj-style inline="inline">.x { color: red; }</mj-style>
            <mj-html-attributes><mj-selector path=".x"><mj-html-attribute name="data-a19999">changed</mj-html-attribute></mj-selector></mj-html-attributes>
            """
        let body =
            "<mj-section><mj-column><mj-text\(attributes) data-a0=\"again\" color=\"#123456\">Hello</mj-text></mj-column></mj-section>"
            + "<mj-raw><div\(attributes) class=\"x\">raw</div></mj-raw>"
        let doc = MJML.parse(Self.page(body, head: head), options: .init(validation: .skip))
        #expect(doc.diagnostics.map(\.message) == ["duplicate attribute 'data-a0'; the first one is used"])
        let html = MJML.render(doc)
        #expect(html.contains("color:#123456"))
        #expect(html.contains("data-a19998=\"19998\" data-a19999=\"changed\" class=\"x\" style=\"color: red;\">raw</div>"))
    }

    /// 5,000 class rules and a tag rule over 5,000 elements: each element gets its own rule's
    /// declaration after the tag rule's (cascade order kept).
    @Test func fiveThousandRulesByFiveThousandElements() {
        let n = 5_000
        let css = "p { margin: 0; }\n" + (0..<n).map { ".c\($0) { padding-left: \($0)px; }" }.joined(separator: "\n")
        let raw = (0..<n).map { "<p class=\"c\($0)\">\($0)</p>" }.joined()
        let doc = MJML.parse(Self.page("<mj-raw>\(raw)</mj-raw>", head: "<mj-style inline=\"inline\">\(css)</mj-style>"))
        let html = MJML.render(doc)
        for i in [0, 1, 2_500, n - 1] {
            #expect(html.contains("<p class=\"c\(i)\" style=\"margin: 0; padding-left: \(i)px;\">\(i)</p>"))
        }
        #expect(html.components(separatedBy: "style=\"margin: 0; padding-left: ").count == n + 1)
    }

    /// A long descendant chain whose leftmost part never matches, against a deep path: without
    /// memoised failures the matcher retries C(200, 8) ancestor combinations.
    @Test func longDescendantSelectorsOnDeepPaths() {
        let deep = String(repeating: "<div>", count: 200) + "<b>x</b>" + String(repeating: "</div>", count: 200)
        let css = "i div div div div div div div div b { color: red; }\n.y b { color: blue; }"
        let head = """
            <mj-style inline="inline">\(css)</mj-style>
            <mj-html-attributes><mj-selector path="i div div div div div div div div b"><mj-html-attribute name="data-x">1</mj-html-attribute></mj-selector></mj-html-attributes>
            """
        let html = MJML.render(MJML.parse(Self.page("<mj-raw>\(deep)</mj-raw>", head: head)))
        #expect(html.contains("<b>x</b>"))
    }
}
