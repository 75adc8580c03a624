/// `<mj-table>`: the author's rows inside a styled table.
extension Renderer {
    mutating func renderTable(_ node: MJMLNode) {
        let width = node.a(.width) ?? "100%"
        let widthAttr: String
        if width == "auto" {
            widthAttr = width
        } else if let w = parseSize(width, keepFloat: false) {
            widthAttr = w.isPercent ? width : fmt(w.value)
        } else {
            widthAttr = width
        }
        out.add("<table")
        out.attr("cellpadding", node.a(.cellpadding))
        out.attr("cellspacing", node.a(.cellspacing))
        out.attr("role", node.a(.role))
        out.attr("width", widthAttr)
        out.attr("border", "0")
        out.style("color", node.a(.color))
        out.style("font-family", node.a(.fontFamily))
        out.style("font-size", node.a(.fontSize))
        out.style("line-height", node.a(.lineHeight))
        out.style("table-layout", node.a(.tableLayout))
        out.style("width", node.a(.width))
        out.style("border", node.a(.border))
        if let cs = node.a(.cellspacing), cs != "0", !cs.isEmpty { out.style("border-collapse", "separate") }
        out.close()
        out.add(node.content.trimmingASCIISpace())
        out.add("</table>\n")
    }
}
