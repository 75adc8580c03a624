/// `<mj-divider>`: a bordered p, with an Outlook table of the computed pixel width.
extension Renderer {
    func dividerOutlookWidth(_ node: MJMLNode, _ place: Placement) -> String {
        let padding = node.paddingSide(.left) + node.paddingSide(.right)
        let container = Double(Int(place.containerWidth))
        let width = node.a(.width) ?? "100%"
        guard let w = parseSize(width, keepFloat: false) else { return fmt(container - Double(padding)) + "px" }
        if w.isPercent { return fmt((container - Double(padding)) * w.value / 100) + "px" }
        return width
    }

    mutating func renderDivider(_ node: MJMLNode) { renderDivider(node, Placement(containerWidth: 600)) }

    mutating func renderDivider(_ node: MJMLNode, _ place: Placement) {
        let border = [node.a(.borderStyle), node.a(.borderWidth), node.a(.borderColor)]
            .compactMap { $0 }.joined(separator: " ")
        let margin: String
        switch node.a(.align) {
        case "left": margin = "0px"
        case "right": margin = "0px 0px 0px auto"
        default: margin = "0px auto"
        }
        out.add("<p")
        out.style("border-top", border)
        out.style("font-size", "1px")
        out.style("margin", margin)
        out.style("width", node.a(.width))
        out.close()
        out.add("\n</p>\n")
        let outlookWidth = dividerOutlookWidth(node, place)
        out.startConditional()
        out.add("<table align=\"")
        out.add(node.a(.align) ?? "center")
        out.add("\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\"")
        out.add(" role=\"presentation\" width=\"")
        out.add(outlookWidth)
        out.add("\"")
        out.style("border-top", border)
        out.style("font-size", "1px")
        out.style("margin", margin)
        out.style("width", outlookWidth)
        out.close()
        out.add("<tr><td style=\"height:0;line-height:0;\"> &nbsp;\n</td></tr></table>")
        out.endConditional()
        out.add("\n")
    }
}
