/// `<mj-wrapper>`: a section whose children are sections (one Outlook row each).
extension Renderer {
    mutating func renderWrapper(_ node: MJMLNode, _ place: Placement) {
        renderSectionLike(node, place) { r, width in r.renderWrapperChildren(node, width) }
    }

    private mutating func renderWrapperChildren(_ node: MJMLNode, _ width: Double) {
        let box = boxWidth(node, width)
        var place = Placement.children(of: node, width: box)
        out.startConditional()
        out.add("<table role=\"presentation\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\">")
        for (i, child) in node.children.enumerated() where child.kind != .text {
            place.index = i
            if Renderer.isRaw(child) {
                out.endConditional()
                renderRaw(child)
                out.startConditional()
                continue
            }
            out.add("<tr><td")
            out.attr("align", child.a(.align))
            out.classAttr(child.outlookClass)
            out.attr("width", fmt(width) + "px")
            out.add(" >")
            out.endConditional()
            out.add("\n")
            renderBodyChild(child, place)
            out.startConditional()
            out.add("</td></tr>")
        }
        out.add("</table>")
        out.endConditional()
        out.add("\n")
    }
}
