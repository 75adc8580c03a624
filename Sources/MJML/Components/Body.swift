/// `<mj-body>`: the preview text, then the article div holding every section.
enum MJBody: Component {
    static let tag = "mj-body"
    static let defaults = ["width": "600px"]
    static let parents: Set<String> = ["mjml"]
    static let attributes = ["width", "background-color"]

    /// The body is drawn by the document (`Renderer.renderDocument`), with its lang and dir.
    static func render(_ body: MJMLNode, lang: String, dir: String, _ r: inout Renderer) {
        let bg = body.a(.backgroundColor)
        r.bodyBackground = bg
        if !r.head.preview.isEmpty {
            r.out.add(
                "<div style=\"display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;\">")
            r.out.add(r.head.preview)
            r.out.add("</div>\n")
        }
        r.out.add("<div")
        if !r.head.title.isEmpty { r.out.attr("aria-label", r.head.title) }
        r.out.add(" aria-roledescription=\"email\"")
        r.out.classAttr(body.a(.cssClass))
        r.out.attr("role", "article")
        r.out.attr("lang", lang)
        r.out.attr("dir", dir)
        r.out.style("background-color", bg)
        r.out.close()
        r.out.add("\n")
        let width = parseSize(body.a(.width), keepFloat: false)?.value ?? 600
        var place = Placement.children(of: body, width: width)
        for (i, child) in body.children.enumerated() where child.kind != .text {
            place.index = i
            r.renderBodyChild(child, place)
        }
        r.out.add("</div>\n")
    }
}
