/// One `<tr><td>` row per content child (mj-text, mj-image…) of a column or hero: the cell
/// carries the child's alignment, container background and padding. Heroes also write the
/// background as an attribute (`outlookBackground`), as MJML does.
enum ContentRows {
    static func render(_ node: MJMLNode, _ childPlace: Placement, _ r: inout Renderer, outlookBackground: Bool = false) {
        var childPlace = childPlace
        for (i, child) in node.children.enumerated() where child.kind != .text {
            childPlace.index = i
            if Renderer.isRaw(child) {
                r.renderRaw(child)
                continue
            }
            r.out.add("<tr>\n<td")
            r.out.attr("align", child.a(.align))
            if outlookBackground { r.out.attr("background", child.a(.containerBackgroundColor)) }
            r.out.classAttr(child.a(.cssClass))
            r.out.style("background", child.a(.containerBackgroundColor))
            r.out.style("font-size", "0px")
            r.out.style("padding", child.a(.padding))
            r.out.style("padding-top", child.a(.paddingTop))
            r.out.style("padding-right", child.a(.paddingRight))
            r.out.style("padding-bottom", child.a(.paddingBottom))
            r.out.style("padding-left", child.a(.paddingLeft))
            r.out.style("word-break", "break-word")
            r.out.close()
            r.out.add("\n")
            r.renderContent(child, childPlace)
            r.out.add("</td>\n</tr>\n")
        }
    }
}
