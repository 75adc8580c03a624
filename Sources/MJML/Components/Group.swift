/// `<mj-group>`: columns that stay side by side on mobile.
enum MJGroup: Component {
    static let tag = "mj-group"
    static let defaults = ["direction": "ltr"]
    static let parents: Set<String> = ["mj-section"]
    static let attributes = ["width", "vertical-align", "background-color", "direction"]

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        let padding = Double(node.paddingSide(.left) + node.paddingSide(.right))
        let groupWidth = ColumnLayout.innerWidth(node, place, less: padding)
        ColumnLayout.openDiv(node, place, &r)
        r.out.style("font-size", "0")
        r.out.style("line-height", "0")
        r.out.style("text-align", "left")
        r.out.style("display", "inline-block")
        r.out.style("width", "100%")
        r.out.style("direction", node.a(.direction))
        r.out.style("vertical-align", node.a(.verticalAlign))
        r.out.style("background-color", node.a(.backgroundColor))
        r.out.close()
        r.out.add("\n")
        let bg = node.a(.backgroundColor)
        r.out.startConditional()
        r.out.add("<table")
        r.out.attr("bgcolor", bg == "none" ? nil : bg)
        r.out.add(" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" ><tr>")
        OutlookRow.render(
            node, width: groupWidth, &r, closeCell: "</td>",
            openCell: { child, place, r in
                r.out.add("<td")
                r.out.style("align", child.a(.align))
                r.out.style("vertical-align", child.a(.verticalAlign))
                r.out.style("width", ColumnLayout.outlookWidth(child, place))
                r.out.close()
            },
            child: { child, place, r in
                MJColumn.render(child, place, &r, inGroup: true)
            })
        r.out.add("</tr></table>")
        r.out.endConditional()
        r.out.add("\n</div>\n")
    }
}
