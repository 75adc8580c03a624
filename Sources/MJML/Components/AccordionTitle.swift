/// `<mj-accordion-title>`: the always-visible label of an accordion element, with its icons.
enum MJAccordionTitle: Component {
    static let tag = "mj-accordion-title"
    static let defaults = ["font-size": "13px", "padding": "16px"]
    static let parents: Set<String> = ["mj-accordion-element"]
    static let attributes = CommonAttributes.padding + ["background-color", "color", "font-family", "font-size", "font-weight"]
    static let isEndingTag = true

    static func text(of node: MJMLNode) -> String? { HTMLToText.convert(node.content) }

    static func render(_ node: MJMLNode, element: MJMLNode, family: String?, _ r: inout Renderer) {
        r.out.add("<div class=\"mj-accordion-title\">\n<table cellspacing=\"0\" cellpadding=\"0\"")
        r.out.style("width", "100%")
        r.out.style("border-bottom", node.a(.border) ?? element.a(.border))
        r.out.close()
        r.out.add("\n<tbody>\n<tr>\n")
        let iconLeft = (node.a(.iconPosition) ?? element.a(.iconPosition)) == "left"
        if iconLeft { icons(node, element, &r) }
        r.out.add("<td")
        r.out.classAttr(node.a(.cssClass))
        r.out.style("width", "100%")
        r.out.style("background-color", node.a(.backgroundColor))
        r.out.style("color", node.a(.color))
        r.out.style("font-size", node.a(.fontSize))
        r.out.style("font-family", node.a(.fontFamily) ?? family)
        r.out.style("font-weight", node.a(.fontWeight))
        r.out.sidePaddingsAlphabetical(node)
        r.out.style("padding", node.a(.padding))
        r.out.close()
        r.out.add(node.content.trimmingASCIISpace())
        r.out.add("</td>\n")
        if !iconLeft { icons(node, element, &r) }
        r.out.add("</tr>\n</tbody>\n</table>\n</div>\n")
    }

    private static func icons(_ node: MJMLNode, _ element: MJMLNode, _ r: inout Renderer) {
        func v(_ k: Attr) -> String? { node.a(k) ?? element.a(k) }
        r.out.add("<!--[if !mso | IE]><!--><td class=\"mj-accordion-ico\"")
        r.out.style("padding", "16px")
        r.out.style("background", node.a(.backgroundColor))
        r.out.style("vertical-align", v(.iconAlign))
        r.out.close()
        for (url, alt, cls) in [
            (Attr.iconWrappedUrl, Attr.iconWrappedAlt, "mj-accordion-more"),
            (Attr.iconUnwrappedUrl, Attr.iconUnwrappedAlt, "mj-accordion-less"),
        ] {
            r.out.add("<img")
            r.out.attr("src", v(url))
            r.out.attr("alt", v(alt))
            r.out.add(" class=\"")
            r.out.add(cls)
            r.out.add("\"")
            r.out.style("display", "none")
            r.out.style("width", v(.iconWidth))
            r.out.style("height", v(.iconHeight))
            r.out.closeVoid()
        }
        r.out.add("</td><!--<![endif]-->\n")
    }
}
