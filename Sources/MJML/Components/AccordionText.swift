/// `<mj-accordion-text>`: the content an accordion element reveals.
enum MJAccordionText: Component {
    static let tag = "mj-accordion-text"
    static let defaults = ["font-size": "13px", "line-height": "1", "padding": "16px"]
    static let parents: Set<String> = ["mj-accordion-element"]
    static let attributes =
        CommonAttributes.padding + [
            "background-color", "color", "font-family", "font-size", "font-weight", "letter-spacing", "line-height",
        ]
    static let isEndingTag = true

    static func text(of node: MJMLNode) -> String? { HTMLToText.convert(node.content) }

    static func render(_ node: MJMLNode, element: MJMLNode, family: String?, _ r: inout Renderer) {
        r.out.add("<div class=\"mj-accordion-content\">\n<table cellspacing=\"0\" cellpadding=\"0\"")
        r.out.style("width", "100%")
        r.out.style("border-bottom", node.a(.border) ?? element.a(.border))
        r.out.close()
        r.out.add("\n<tbody>\n<tr>\n<td")
        r.out.classAttr(node.a(.cssClass))
        r.out.style("background", node.a(.backgroundColor))
        r.out.style("font-size", node.a(.fontSize))
        r.out.style("font-family", node.a(.fontFamily) ?? family)
        r.out.style("font-weight", node.a(.fontWeight))
        r.out.style("letter-spacing", node.a(.letterSpacing))
        r.out.style("line-height", node.a(.lineHeight))
        r.out.style("color", node.a(.color))
        r.out.sidePaddingsAlphabetical(node)
        r.out.style("padding", node.a(.padding))
        r.out.close()
        r.out.add(node.content.trimmingASCIISpace())
        r.out.add("</td>\n</tr>\n</tbody>\n</table>\n</div>\n")
    }
}
