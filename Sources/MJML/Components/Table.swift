/// `<mj-table>`: the author's rows inside a styled table.
enum MJTable: Component {
    static let tag = "mj-table"
    static let defaults = [
        "align": "left", "border": "none", "cellpadding": "0", "cellspacing": "0", "color": "#000000",
        "font-family": CommonAttributes.ubuntu, "font-size": "13px", "line-height": "22px", "padding": "10px 25px",
        "table-layout": "auto", "width": "100%",
    ]
    static let parents = CommonAttributes.contentParents
    static let attributes =
        CommonAttributes.padding + CommonAttributes.font + [
            "align", "border", "cellpadding", "cellspacing", "container-background-color", "role", "table-layout", "width",
        ]
    static let isEndingTag = true
    static let role = ComponentRole.content

    static func text(of node: MJMLNode) -> String? { HTMLToText.convert(node.content) }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        let width = node.a(.width) ?? "100%"
        let widthAttr: String
        if width == "auto" {
            widthAttr = width
        } else if let w = parseSize(width, keepFloat: false) {
            widthAttr = w.isPercent ? width : fmt(w.value)
        } else {
            widthAttr = width
        }
        r.out.add("<table")
        r.out.attr("cellpadding", node.a(.cellpadding))
        r.out.attr("cellspacing", node.a(.cellspacing))
        r.out.attr("role", node.a(.role))
        r.out.attr("width", widthAttr)
        r.out.attr("border", "0")
        r.out.style("color", node.a(.color))
        r.out.style("font-family", node.a(.fontFamily))
        r.out.style("font-size", node.a(.fontSize))
        r.out.style("line-height", node.a(.lineHeight))
        r.out.style("table-layout", node.a(.tableLayout))
        r.out.style("width", node.a(.width))
        r.out.style("border", node.a(.border))
        if let cs = node.a(.cellspacing), cs != "0", !cs.isEmpty { r.out.style("border-collapse", "separate") }
        r.out.close()
        r.out.add(node.content.trimmingASCIISpace())
        r.out.add("</table>\n")
    }
}
