/// `<mj-accordion-element>`: one row of an accordion: its title and its text.
enum MJAccordionElement: Component {
    static let tag = "mj-accordion-element"
    static let parents: Set<String> = ["mj-accordion"]
    static let attributes = [
        "background-color", "border", "font-family", "icon-align", "icon-height", "icon-width", "icon-position",
        "icon-wrapped-url", "icon-wrapped-alt", "icon-unwrapped-url", "icon-unwrapped-alt",
    ]

    static func passedToChildren(of node: MJMLNode) -> Cascade.Pairs? {
        PassedAttributes.pick(
            node,
            [
                .border, .iconAlign, .iconWidth, .iconHeight, .iconPosition,
                .iconWrappedUrl, .iconWrappedAlt, .iconUnwrappedUrl, .iconUnwrappedAlt,
            ])
    }

    static func render(_ node: MJMLNode, accordion: MJMLNode, _ r: inout Renderer) {
        r.out.add("<tr")
        r.out.classAttr(node.a(.cssClass))
        r.out.add(">\n<td")
        r.out.style("padding", "0px")
        r.out.style("background-color", node.a(.backgroundColor))
        r.out.close()
        r.out.add("\n<label class=\"mj-accordion-element\"")
        r.out.style("font-size", "13px")
        // The element's own cascade (its attribute, mj-all, mj-attributes, mj-class): the
        // accordion's font reaches the title and text, not the label.
        r.out.style("font-family", node.a(.fontFamily))
        r.out.close()
        r.out.add(
            "\n<!--[if !mso | IE]><!--><input class=\"mj-accordion-checkbox\" type=\"checkbox\" style=\"display:none;\" /><!--<![endif]-->\n<div>\n")
        let family = node.a(.fontFamily) ?? accordion.a(.fontFamily)
        let title = node.children.first { $0.tag == "mj-accordion-title" }
        let text = node.children.first { $0.tag == "mj-accordion-text" }
        var emptyTitle = MJMLNode(kind: .element, tag: "mj-accordion-title", line: node.line, column: node.column)
        var emptyText = MJMLNode(kind: .element, tag: "mj-accordion-text", line: node.line, column: node.column)
        if title == nil { Cascade.resolveLeaf(&emptyTitle, passedFrom: node) }
        if text == nil { Cascade.resolveLeaf(&emptyText, passedFrom: node) }
        MJAccordionTitle.render(title ?? emptyTitle, element: node, family: family, &r)
        MJAccordionText.render(text ?? emptyText, element: node, family: family, &r)
        for child in node.children where Renderer.isRaw(child) { r.renderRaw(child) }
        r.out.add("</div>\n</label>\n</td>\n</tr>\n")
    }
}
