/// `<mj-group>`: columns that stay side by side on mobile.
extension Renderer {
    mutating func renderGroup(_ node: MJMLNode, _ place: Placement) {
        let className = columnClass(node, place)
        let padding = Double(node.paddingSide(.left) + node.paddingSide(.right))
        let groupWidth: Double
        if let w = parseSize(node.a(.width)) {
            groupWidth = w.isPercent ? place.containerWidth * w.value / 100 - padding : w.value - padding
        } else {
            groupWidth = place.containerWidth / Double(place.nonRawSiblings) - padding
        }
        out.add("<div class=\"")
        out.add(className)
        out.add(" mj-outlook-group-fix")
        if let c = node.a(.cssClass), !c.isEmpty {
            out.add(" ")
            out.add(c)
        }
        out.add("\"")
        out.style("font-size", "0")
        out.style("line-height", "0")
        out.style("text-align", "left")
        out.style("display", "inline-block")
        out.style("width", "100%")
        out.style("direction", node.a(.direction))
        out.style("vertical-align", node.a(.verticalAlign))
        out.style("background-color", node.a(.backgroundColor))
        out.close()
        out.add("\n")
        let bg = node.a(.backgroundColor)
        out.startConditional()
        out.add("<table")
        out.attr("bgcolor", bg == "none" ? nil : bg)
        out.add(" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" ><tr>")
        var childPlace = Placement.children(of: node, width: groupWidth)
        for (i, child) in node.children.enumerated() where child.kind != .text {
            childPlace.index = i
            if Renderer.isRaw(child) {
                out.endConditional()
                renderRaw(child)
                out.startConditional()
                continue
            }
            out.add("<td")
            out.style("align", child.a(.align))
            out.style("vertical-align", child.a(.verticalAlign))
            out.style("width", columnOutlookWidth(child, childPlace))
            out.close()
            out.endConditional()
            out.add("\n")
            var mobile = child
            if mobile.a(.mobileWidthFlag) == nil { mobile.set(.mobileWidthFlag, "mobileWidth") }
            renderColumn(mobile, childPlace)
            out.startConditional()
            out.add("</td>")
        }
        out.add("</tr></table>")
        out.endConditional()
        out.add("\n</div>\n")
    }
}
