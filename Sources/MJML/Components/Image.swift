/// `<mj-image>`: a fixed-width image table (fluid on mobile when asked), optionally linked.
enum MJImage: Component {
    static let tag = "mj-image"
    static let defaults = [
        "alt": "", "align": "center", "border": "0", "height": "auto", "padding": "10px 25px",
        "target": "_blank", "font-size": "13px",
    ]
    static let parents = CommonAttributes.contentParents
    static let attributes =
        CommonAttributes.padding + CommonAttributes.borders + [
            "alt", "src", "srcset", "sizes", "href", "rel", "name", "title", "target", "align", "width", "height",
            "max-height", "container-background-color", "fluid-on-mobile", "full-width", "usemap", "font-size",
        ]
    static let role = ComponentRole.content

    static func text(of node: MJMLNode) -> String? {
        let alt = node.a(.alt) ?? ""
        if let href = node.a(.href) { return TextRenderer.link(alt, href) }
        return alt
    }

    static func headStyle(lowerBreakpoint lower: String) -> String {
        "@media only screen and (max-width:\(lower)) {\ntable.mj-full-width-mobile { width: 100% !important; }\ntd.mj-full-width-mobile { width: auto !important; }\n}\n"
    }

    static func contentWidth(_ node: MJMLNode, _ place: Placement) -> Double {
        let box =
            place.containerWidth - Double(node.paddingSide(.left) + node.paddingSide(.right))
            - Double(node.borderSide(.left) + node.borderSide(.right))
        if let w = parseInt(node.a(.width)) { return min(box, Double(w)) }
        return box
    }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        r.useComponentStyle(tag)
        let width = contentWidth(node, place)
        let widthCSS = fmt(width) + "px"
        let fullWidth = node.a(.fullWidth) == "full-width"
        let fluid = node.a(.fluidOnMobile) == "true"
        r.out.openPresentationTable()
        if fluid { r.out.attr("class", "mj-full-width-mobile") }
        r.out.style("min-width", fullWidth ? "100%" : nil)
        r.out.style("max-width", fullWidth ? "100%" : nil)
        r.out.style("width", fullWidth ? widthCSS : nil)
        r.out.style("border-collapse", "collapse")
        r.out.style("border-spacing", "0px")
        r.out.close()
        r.out.add("\n<tbody>\n<tr>\n<td")
        if fluid { r.out.attr("class", "mj-full-width-mobile") }
        r.out.style("width", fullWidth ? nil : widthCSS)
        r.out.close()
        r.out.add("\n")
        let href = node.a(.href)
        if let href {
            r.out.add("<a")
            r.out.attr("href", href)
            r.out.attr("target", node.a(.target))
            r.out.attr("rel", node.a(.rel))
            r.out.attr("name", node.a(.name))
            r.out.attr("title", node.a(.title))
            r.out.add(">\n")
        }
        r.out.add("<img")
        r.out.attr("alt", node.a(.alt))
        r.out.attr("src", node.a(.src))
        r.out.attr("srcset", node.a(.srcset))
        r.out.attr("sizes", node.a(.sizes))
        r.out.attr("title", node.a(.title))
        r.out.attr("usemap", node.a(.usemap))
        r.out.attr("width", fmt(width))
        if let h = node.a(.height) { r.out.attr("height", parseInt(h).map { String($0) } ?? h) }
        r.out.style("border", node.a(.border))
        r.out.style("border-left", node.a(.borderLeft))
        r.out.style("border-right", node.a(.borderRight))
        r.out.style("border-top", node.a(.borderTop))
        r.out.style("border-bottom", node.a(.borderBottom))
        r.out.style("border-radius", node.a(.borderRadius))
        r.out.style("display", "block")
        r.out.style("outline", "none")
        r.out.style("text-decoration", "none")
        r.out.style("height", node.a(.height))
        r.out.style("max-height", node.a(.maxHeight))
        r.out.style("min-width", fullWidth ? "100%" : nil)
        r.out.style("width", "100%")
        r.out.style("max-width", fullWidth ? "100%" : nil)
        r.out.style("font-size", node.a(.fontSize))
        r.out.closeVoid()
        r.out.add("\n")
        if href != nil { r.out.add("</a>\n") }
        r.out.add("</td>\n</tr>\n</tbody>\n</table>\n")
    }
}
