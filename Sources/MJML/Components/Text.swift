/// `<mj-text>`: the author's HTML in a styled div (optionally in a fixed-height Outlook cell).
enum MJText: Component {
    static let tag = "mj-text"
    static let defaults = [
        "align": "left", "color": "#000000", "font-family": CommonAttributes.ubuntu, "font-size": "13px",
        "line-height": "1", "padding": "10px 25px",
    ]
    static let parents = CommonAttributes.contentParents
    static let attributes = CommonAttributes.padding + CommonAttributes.font + ["align", "container-background-color", "height"]
    static let isEndingTag = true
    static let role = ComponentRole.content

    static func text(of node: MJMLNode) -> String? { HTMLToText.convert(node.content) }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        let height = node.a(.height)
        if let height {
            r.out.startConditional()
            r.out.add("<table role=\"presentation\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\"><tr><td height=\"")
            r.out.add(height)
            r.out.add("\" style=\"vertical-align:top;height:")
            r.out.add(height)
            r.out.add(";\">")
            r.out.endConditional()
        }
        r.out.open("div")
        r.out.fontStyles(node)
        r.out.style("text-align", node.a(.align))
        r.out.style("text-decoration", node.a(.textDecoration))
        r.out.style("text-transform", node.a(.textTransform))
        r.out.style("color", node.a(.color))
        r.out.style("height", height)
        r.out.close()
        r.out.add(node.content.trimmingASCIISpace())
        r.out.add("</div>\n")
        if height != nil {
            r.out.startConditional()
            r.out.add("</td></tr></table>")
            r.out.endConditional()
        }
    }
}
