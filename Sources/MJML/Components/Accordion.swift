/// `<mj-accordion>`: CSS-only expandable rows (checkbox + label), expanded where CSS is absent.
extension Renderer {
    mutating func renderAccordion(_ node: MJMLNode) {
        useComponentStyle("mj-accordion")
        out.add("<table cellspacing=\"0\" cellpadding=\"0\" class=\"mj-accordion\"")
        out.style("width", "100%")
        out.style("border-collapse", "collapse")
        out.style("border", node.a(.border))
        out.style("border-bottom", "none")
        out.style("font-family", node.a(.fontFamily))
        out.close()
        out.add("\n<tbody>\n")
        for child in node.children where child.kind != .text {
            if Renderer.isRaw(child) {
                renderRaw(child)
            } else if child.tag == "mj-accordion-element" {
                renderAccordionElement(child, accordion: node)
            }
        }
        out.add("</tbody>\n</table>\n")
    }

    private mutating func renderAccordionElement(_ node: MJMLNode, accordion: MJMLNode) {
        out.add("<tr")
        out.classAttr(node.a(.cssClass))
        out.add(">\n<td")
        out.style("padding", "0px")
        out.style("background-color", node.a(.backgroundColor))
        out.close()
        out.add("\n<label class=\"mj-accordion-element\"")
        out.style("font-size", "13px")
        out.style("font-family", node.attribute("font-family") ?? node.a(.fontFamily).flatMap { $0 == accordion.a(.fontFamily) ? nil : $0 })
        out.close()
        out.add("\n<!--[if !mso | IE]><!--><input class=\"mj-accordion-checkbox\" type=\"checkbox\" style=\"display:none;\" /><!--<![endif]-->\n<div>\n")
        let family = node.a(.fontFamily) ?? accordion.a(.fontFamily)
        let title = node.children.first { $0.tag == "mj-accordion-title" }
        let text = node.children.first { $0.tag == "mj-accordion-text" }
        var emptyTitle = MJMLNode(kind: .element, tag: "mj-accordion-title", line: node.line, column: node.column)
        var emptyText = MJMLNode(kind: .element, tag: "mj-accordion-text", line: node.line, column: node.column)
        if title == nil { Cascade.resolveLeaf(&emptyTitle, passedFrom: node) }
        if text == nil { Cascade.resolveLeaf(&emptyText, passedFrom: node) }
        renderAccordionTitle(title ?? emptyTitle, element: node, family: family)
        renderAccordionText(text ?? emptyText, element: node, family: family)
        for child in node.children where Renderer.isRaw(child) { renderRaw(child) }
        out.add("</div>\n</label>\n</td>\n</tr>\n")
    }

    private mutating func renderAccordionTitle(_ node: MJMLNode, element: MJMLNode, family: String?) {
        out.add("<div class=\"mj-accordion-title\">\n<table cellspacing=\"0\" cellpadding=\"0\"")
        out.style("width", "100%")
        out.style("border-bottom", node.a(.border) ?? element.a(.border))
        out.close()
        out.add("\n<tbody>\n<tr>\n")
        let iconLeft = (node.a(.iconPosition) ?? element.a(.iconPosition)) == "left"
        if iconLeft { accordionIcons(node, element) }
        out.add("<td")
        out.classAttr(node.a(.cssClass))
        out.style("width", "100%")
        out.style("background-color", node.a(.backgroundColor))
        out.style("color", node.a(.color))
        out.style("font-size", node.a(.fontSize))
        out.style("font-family", node.a(.fontFamily) ?? family)
        out.style("font-weight", node.a(.fontWeight))
        out.style("padding-bottom", node.a(.paddingBottom))
        out.style("padding-left", node.a(.paddingLeft))
        out.style("padding-right", node.a(.paddingRight))
        out.style("padding-top", node.a(.paddingTop))
        out.style("padding", node.a(.padding))
        out.close()
        out.add(node.content.trimmingASCIISpace())
        out.add("</td>\n")
        if !iconLeft { accordionIcons(node, element) }
        out.add("</tr>\n</tbody>\n</table>\n</div>\n")
    }

    private mutating func accordionIcons(_ node: MJMLNode, _ element: MJMLNode) {
        func v(_ k: Attr) -> String? { node.a(k) ?? element.a(k) }
        out.add("<!--[if !mso | IE]><!--><td class=\"mj-accordion-ico\"")
        out.style("padding", "16px")
        out.style("background", node.a(.backgroundColor))
        out.style("vertical-align", v(.iconAlign))
        out.close()
        for (url, alt, cls) in [(Attr.iconWrappedUrl, Attr.iconWrappedAlt, "mj-accordion-more"),
                                (Attr.iconUnwrappedUrl, Attr.iconUnwrappedAlt, "mj-accordion-less")] {
            out.add("<img")
            out.attr("src", v(url))
            out.attr("alt", v(alt))
            out.add(" class=\"")
            out.add(cls)
            out.add("\"")
            out.style("display", "none")
            out.style("width", v(.iconWidth))
            out.style("height", v(.iconHeight))
            out.closeVoid()
        }
        out.add("</td><!--<![endif]-->\n")
    }

    private mutating func renderAccordionText(_ node: MJMLNode, element: MJMLNode, family: String?) {
        out.add("<div class=\"mj-accordion-content\">\n<table cellspacing=\"0\" cellpadding=\"0\"")
        out.style("width", "100%")
        out.style("border-bottom", node.a(.border) ?? element.a(.border))
        out.close()
        out.add("\n<tbody>\n<tr>\n<td")
        out.classAttr(node.a(.cssClass))
        out.style("background", node.a(.backgroundColor))
        out.style("font-size", node.a(.fontSize))
        out.style("font-family", node.a(.fontFamily) ?? family)
        out.style("font-weight", node.a(.fontWeight))
        out.style("letter-spacing", node.a(.letterSpacing))
        out.style("line-height", node.a(.lineHeight))
        out.style("color", node.a(.color))
        out.style("padding-bottom", node.a(.paddingBottom))
        out.style("padding-left", node.a(.paddingLeft))
        out.style("padding-right", node.a(.paddingRight))
        out.style("padding-top", node.a(.paddingTop))
        out.style("padding", node.a(.padding))
        out.close()
        out.add(node.content.trimmingASCIISpace())
        out.add("</td>\n</tr>\n</tbody>\n</table>\n</div>\n")
    }
}
