/// `<mj-accordion>`: CSS-only expandable rows (`mj-accordion-element`: checkbox + label),
/// expanded where CSS is absent.
enum MJAccordion: Component {
    static let tag = "mj-accordion"
    static let defaults = [
        "border": "2px solid black", "font-family": CommonAttributes.ubuntu, "icon-align": "middle",
        "icon-wrapped-url": "https://i.imgur.com/bIXv1bk.png", "icon-wrapped-alt": "+",
        "icon-unwrapped-url": "https://i.imgur.com/w4uTygT.png", "icon-unwrapped-alt": "-",
        "icon-position": "right", "icon-height": "32px", "icon-width": "32px", "padding": "10px 25px",
    ]
    static let parents = CommonAttributes.contentParents
    static let attributes =
        CommonAttributes.padding + [
            "border", "container-background-color", "font-family", "icon-align", "icon-height", "icon-width",
            "icon-position", "icon-wrapped-url", "icon-wrapped-alt", "icon-unwrapped-url", "icon-unwrapped-alt",
        ]
    static let role = ComponentRole.content

    static func passedToChildren(of node: MJMLNode) -> Cascade.Pairs? {
        PassedAttributes.pick(
            node,
            [
                .border, .iconAlign, .iconWidth, .iconHeight, .iconPosition,
                .iconWrappedUrl, .iconWrappedAlt, .iconUnwrappedUrl, .iconUnwrappedAlt,
            ])
    }

    static func headStyle(lowerBreakpoint: String) -> String {
        """
        noinput.mj-accordion-checkbox { display:block!important; }
        @media yahoo, only screen and (min-width:0) {
        .mj-accordion-element { display:block; }
        input.mj-accordion-checkbox, .mj-accordion-less { display:none!important; }
        input.mj-accordion-checkbox + * .mj-accordion-title { cursor:pointer; touch-action:manipulation; -webkit-user-select:none; -moz-user-select:none; user-select:none; }
        input.mj-accordion-checkbox + * .mj-accordion-content { overflow:hidden; display:none; }
        input.mj-accordion-checkbox + * .mj-accordion-more { display:block!important; }
        input.mj-accordion-checkbox:checked + * .mj-accordion-content { display:block; }
        input.mj-accordion-checkbox:checked + * .mj-accordion-more { display:none!important; }
        input.mj-accordion-checkbox:checked + * .mj-accordion-less { display:block!important; }
        }
        .moz-text-html input.mj-accordion-checkbox + * .mj-accordion-title { cursor: auto; touch-action: auto; -webkit-user-select: auto; -moz-user-select: auto; user-select: auto; }
        .moz-text-html input.mj-accordion-checkbox + * .mj-accordion-content { overflow: hidden; display: block; }
        .moz-text-html input.mj-accordion-checkbox + * .mj-accordion-ico { display: none; }
        @goodbye { @gmail }

        """
    }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        r.useComponentStyle(tag)
        r.out.add("<table cellspacing=\"0\" cellpadding=\"0\" class=\"mj-accordion\"")
        r.out.style("width", "100%")
        r.out.style("border-collapse", "collapse")
        r.out.style("border", node.a(.border))
        r.out.style("border-bottom", "none")
        r.out.style("font-family", node.a(.fontFamily))
        r.out.close()
        r.out.add("\n<tbody>\n")
        for child in node.children where child.kind != .text {
            if Renderer.isRaw(child) {
                r.renderRaw(child)
            } else if child.tag == MJAccordionElement.tag {
                MJAccordionElement.render(child, accordion: node, &r)
            }
        }
        r.out.add("</tbody>\n</table>\n")
    }
}
