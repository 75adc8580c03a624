/// `<mj-image>`: a fixed-width image table (fluid on mobile when asked), optionally linked.
extension Renderer {
    func imageContentWidth(_ node: MJMLNode, _ place: Placement) -> Double {
        let box = place.containerWidth - Double(node.paddingSide(.left) + node.paddingSide(.right))
            - Double(node.borderSide(.left) + node.borderSide(.right))
        if let w = parseInt(node.a(.width)) { return min(box, Double(w)) }
        return box
    }

    mutating func renderImage(_ node: MJMLNode, _ place: Placement) {
        useComponentStyle("mj-image")
        let width = imageContentWidth(node, place)
        let widthCSS = fmt(width) + "px"
        let fullWidth = node.a(.fullWidth) == "full-width"
        let fluid = node.a(.fluidOnMobile) == "true"
        out.openPresentationTable()
        if fluid { out.attr("class", "mj-full-width-mobile") }
        out.style("min-width", fullWidth ? "100%" : nil)
        out.style("max-width", fullWidth ? "100%" : nil)
        out.style("width", fullWidth ? widthCSS : nil)
        out.style("border-collapse", "collapse")
        out.style("border-spacing", "0px")
        out.close()
        out.add("\n<tbody>\n<tr>\n<td")
        if fluid { out.attr("class", "mj-full-width-mobile") }
        out.style("width", fullWidth ? nil : widthCSS)
        out.close()
        out.add("\n")
        let href = node.a(.href)
        if let href {
            out.add("<a")
            out.attr("href", href)
            out.attr("target", node.a(.target))
            out.attr("rel", node.a(.rel))
            out.attr("name", node.a(.name))
            out.attr("title", node.a(.title))
            out.add(">\n")
        }
        out.add("<img")
        out.attr("alt", node.a(.alt))
        out.attr("src", node.a(.src))
        out.attr("srcset", node.a(.srcset))
        out.attr("sizes", node.a(.sizes))
        out.attr("title", node.a(.title))
        out.attr("usemap", node.a(.usemap))
        out.attr("width", fmt(width))
        if let h = node.a(.height) { out.attr("height", parseInt(h).map { String($0) } ?? h) }
        out.style("border", node.a(.border))
        out.style("border-left", node.a(.borderLeft))
        out.style("border-right", node.a(.borderRight))
        out.style("border-top", node.a(.borderTop))
        out.style("border-bottom", node.a(.borderBottom))
        out.style("border-radius", node.a(.borderRadius))
        out.style("display", "block")
        out.style("outline", "none")
        out.style("text-decoration", "none")
        out.style("height", node.a(.height))
        out.style("max-height", node.a(.maxHeight))
        out.style("min-width", fullWidth ? "100%" : nil)
        out.style("width", "100%")
        out.style("max-width", fullWidth ? "100%" : nil)
        out.style("font-size", node.a(.fontSize))
        out.closeVoid()
        out.add("\n")
        if href != nil { out.add("</a>\n") }
        out.add("</td>\n</tr>\n</tbody>\n</table>\n")
    }
}
