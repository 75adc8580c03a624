import Foundation
import Testing

@testable import MJML

/// Behaviour MJML 4 has and Tessera once lacked (issue 19), each on a small document of our own.
@Suite struct MJMLFidelityTests {
    static func page(_ body: String, head: String = "", root: String = "<mjml>") -> String {
        "\(root)<mj-head>\(head)</mj-head><mj-body>\(body)</mj-body></mjml>"
    }

    static func headOf(_ html: String) -> Substring {
        let start = html.range(of: "<head>")!.upperBound, end = html.range(of: "</head>")!.lowerBound
        return html[start..<end]
    }

    @Test func commentsInTheHeadAreKeptAtItsEndTrimmed() {
        let html = MJML.render(
            MJML.parse(
                Self.page(
                    "<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>",
                    head: "<!--   campaign: spring-2026\n --><mj-title>T</mj-title>")))
        let head = Self.headOf(html)
        #expect(head.contains("<!-- campaign: spring-2026 -->"))
        #expect(head.hasSuffix("<!-- campaign: spring-2026 -->"))
    }

    @Test func fluidHeightHeroWithoutBackgroundImage() {
        let doc = MJML.parse(
            Self.page(
                """
                <mj-hero mode="fluid-height" background-color="#102030" background-width="600px" background-height="300px">
                  <mj-text>Welcome</mj-text>
                </mj-hero>
                """), options: .init(validation: .strict))
        #expect(doc.diagnostics.isEmpty, "fluid-height is a valid mode: \(doc.diagnostics)")
        let html = MJML.render(doc)
        #expect(html.components(separatedBy: "width:0.01%").count - 1 == 2)
        #expect(html.contains("padding-bottom:50%"))
        #expect(!html.contains("background=\""), "no background attribute without a background image")
        #expect(!html.contains("height=\"0\""), "fluid height has no fixed height")
    }

    @Test func htmlAttributesReachElementsInsideNestedMarkup() {
        let html = MJML.render(
            MJML.parse(
                Self.page(
                    """
                    <mj-section css-class="card"><mj-column><mj-text><h2>Title</h2><p>Body</p></mj-text></mj-column></mj-section>
                    """,
                    head: """
                        <mj-html-attributes>
                          <mj-selector path=".card div > p"><mj-html-attribute name="data-p">1</mj-html-attribute></mj-selector>
                          <mj-selector path="meta"><mj-html-attribute name="data-meta">1</mj-html-attribute></mj-selector>
                        </mj-html-attributes>
                        """)))
        #expect(html.contains("<p data-p=\"1\">Body</p>"))
        #expect(!html.contains("data-meta"), "MJML applies mj-html-attributes to the body only")
    }

    @Test func htmlAttributesApplyBeforeInlining() {
        let html = MJML.render(
            MJML.parse(
                Self.page(
                    """
                    <mj-section><mj-column><mj-text css-class="lead">Hi</mj-text></mj-column></mj-section>
                    """,
                    head: """
                        <mj-html-attributes>
                          <mj-selector path=".lead div"><mj-html-attribute name="class">promo</mj-html-attribute></mj-selector>
                        </mj-html-attributes>
                        <mj-style inline="inline">.promo { letter-spacing: 2px; }</mj-style>
                        """)))
        #expect(html.contains("letter-spacing: 2px;"))
    }

    @Test func accordionLabelTakesTheElementsCascadedFont() {
        let html = MJML.render(
            MJML.parse(
                Self.page(
                    """
                    <mj-section><mj-column><mj-accordion><mj-accordion-element>
                      <mj-accordion-title>Q</mj-accordion-title><mj-accordion-text>A</mj-accordion-text>
                    </mj-accordion-element></mj-accordion></mj-column></mj-section>
                    """, head: "<mj-attributes><mj-all font-family=\"Georgia, serif\" /></mj-attributes>")))
        #expect(html.contains("<label class=\"mj-accordion-element\" style=\"font-size:13px;font-family:Georgia, serif;\">"))
    }

    @Test func owaDesktopRepeatsColumnWidthsForOutlookOnTheWeb() {
        let body = "<mj-section><mj-column><mj-text>a</mj-text></mj-column><mj-column><mj-text>b</mj-text></mj-column></mj-section>"
        let desktop = MJML.render(MJML.parse(Self.page(body, root: "<mjml owa=\"desktop\">")))
        #expect(desktop.contains("[owa] .mj-column-per-50 { width:50% !important; max-width: 50%; }"))
        #expect(!MJML.render(MJML.parse(Self.page(body))).contains("[owa] .mj-column"))
    }
}

@Suite struct MJMLOutputFormatTests {
    static let source = MJMLFidelityTests.page(
        """
        <mj-section><mj-column>
          <mj-text>Hello   <b>you</b> <a href="u">there</a>
          <pre>  keep
            this</pre></mj-text>
        </mj-column></mj-section>
        """, head: "<mj-style>.x   {  color: red ;  }\n.y { margin: 0 }</mj-style>")

    @Test func minifiedOutputHasNoWhitespaceBetweenBlocks() {
        let doc = MJML.parse(Self.source)
        let plain = MJML.render(doc)
        let html = MJML.render(doc, options: .init(format: .minified))
        #expect(html.utf8.count < plain.utf8.count)
        #expect(!html.contains("</div>\n"))
        #expect(!html.contains("<![endif]-->\n"))
        #expect(html.contains("Hello <b>you</b> <a href=\"u\">there</a>"), "a space between inline elements stays")
        #expect(html.contains("<pre>  keep\n    this</pre>"), "pre keeps its whitespace")
        #expect(html.contains(".x{color:red;}"))
        #expect(!html.contains("<tr> <td"), "no whitespace between tags in conditional comments either")
    }

    @Test func beautifiedOutputIsIndentedByNesting() {
        let doc = MJML.parse(Self.source)
        let html = MJML.render(doc, options: .init(format: .beautified))
        let lines = html.split(separator: "\n")
        #expect(lines.contains("  <head>"))
        #expect(lines.contains("  </head>"))
        #expect(lines.contains { $0.hasPrefix("    <div aria-roledescription") })
        #expect(html.contains("<pre>  keep\n    this</pre>"), "pre keeps its whitespace")
        // Only whitespace at line starts changes.
        let squeeze = { (s: String) in s.split(separator: "\n").map { $0.drop { $0 == " " } }.filter { !$0.isEmpty }.joined(separator: "\n") }
        #expect(squeeze(html) == squeeze(MJML.render(doc)))
    }
}

@Suite struct MJMLInlinerFidelityTests {
    static func render(_ css: String, _ text: String) -> String {
        MJML.render(
            MJML.parse(
                MJMLFidelityTests.page(
                    "<mj-section><mj-column><mj-text css-class=\"box\">\(text)</mj-text></mj-column></mj-section>",
                    head: "<mj-style inline=\"inline\">\(css)</mj-style>")))
    }

    @Test func whatCannotBeInlinedIsKeptInTheHead() {
        let html = Self.render(
            """
            a:hover { color: red; }
            .box a, .box a:visited { text-decoration: none; }
            @media (max-width: 480px) { .box a { color: blue !important; } }
            """, "<a href=\"u\">x</a>")
        let head = MJMLFidelityTests.headOf(html)
        #expect(head.contains("a:hover { color: red; }"))
        #expect(head.contains(".box a:visited { text-decoration: none; }"))
        #expect(head.contains("@media (max-width: 480px) { .box a { color: blue !important; } }"))
        #expect(html.contains("<a href=\"u\" style=\"text-decoration: none;\">x</a>"))
        #expect(!html.contains("style=\"color: red;"))
    }

    @Test func siblingCombinatorsAreInlined() {
        let html = Self.render(
            "h3 + p { color: #111111; } h3 ~ span { color: #222222; } .box div > h3 { margin: 0; }",
            "<h3>T</h3><p>first</p><p>second</p><span>s</span>")
        #expect(html.contains("<h3 style=\"margin: 0;\">T</h3>"))
        #expect(html.contains("<p style=\"color: #111111;\">first</p><p>second</p>"))
        #expect(html.contains("<span style=\"color: #222222;\">s</span>"))
    }

    @Test func siblingsAreThoseOfTheSameParent() {
        let html = Self.render(
            "h3 + p { color: #111111; } h3 ~ em { color: #222222; }",
            "<div><h3>T</h3></div><p>not adjacent</p><div><em>cousin</em></div>")
        #expect(html.contains("<p>not adjacent</p>"))
        #expect(html.contains("<em>cousin</em>"))
    }
}
