/// `<mj-divider>`: a bordered p, with an Outlook table of the computed pixel width.
enum MJDivider: Component {
    static let tag = "mj-divider"
    static let defaults = [
        "border-color": "#000000", "border-style": "solid", "border-width": "4px",
        "padding": "10px 25px", "width": "100%", "align": "center",
    ]
    static let parents = CommonAttributes.contentParents
    static let attributes =
        CommonAttributes.padding + [
            "border-color", "border-style", "border-width", "width", "align", "container-background-color",
        ]
    static let role = ComponentRole.content

    static func text(of node: MJMLNode) -> String? { "----------" }

    static func outlookWidth(_ node: MJMLNode, _ place: Placement) -> String {
        let padding = node.paddingSide(.left) + node.paddingSide(.right)
        let container = Double(Int(place.containerWidth))
        let width = node.a(.width) ?? "100%"
        guard let w = parseSize(width, keepFloat: false) else { return fmt(container - Double(padding)) + "px" }
        if w.isPercent { return fmt((container - Double(padding)) * w.value / 100) + "px" }
        return width
    }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        let border = [node.a(.borderStyle), node.a(.borderWidth), node.a(.borderColor)]
            .compactMap { $0 }.joined(separator: " ")
        let margin: String
        switch node.a(.align) {
        case "left": margin = "0px"
        case "right": margin = "0px 0px 0px auto"
        default: margin = "0px auto"
        }
        r.out.add("<p")
        r.out.style("border-top", border)
        r.out.style("font-size", "1px")
        r.out.style("margin", margin)
        r.out.style("width", node.a(.width))
        r.out.close()
        r.out.add("\n</p>\n")
        let tableWidth = outlookWidth(node, place)
        r.out.startConditional()
        r.out.add("<table align=\"")
        r.out.add(node.a(.align) ?? "center")
        r.out.add("\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\"")
        r.out.add(" role=\"presentation\" width=\"")
        r.out.add(tableWidth)
        r.out.add("\"")
        r.out.style("border-top", border)
        r.out.style("font-size", "1px")
        r.out.style("margin", margin)
        r.out.style("width", tableWidth)
        r.out.close()
        r.out.add("<tr><td style=\"height:0;line-height:0;\"> &nbsp;\n</td></tr></table>")
        r.out.endConditional()
        r.out.add("\n")
    }
}
