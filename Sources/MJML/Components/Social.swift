/// `<mj-social>`: social links (`mj-social-element`), inline (horizontal) or stacked.
enum MJSocial: Component {
    static let tag = "mj-social"
    static let defaults = [
        "align": "center", "border-radius": "3px", "color": "#333333", "font-family": CommonAttributes.ubuntu,
        "font-size": "13px", "icon-size": "20px", "line-height": "22px", "mode": "horizontal",
        "padding": "10px 25px", "text-decoration": "none",
    ]
    static let parents = CommonAttributes.contentParents
    static let attributes =
        CommonAttributes.padding + CommonAttributes.font + [
            "align", "border-radius", "container-background-color", "icon-height", "icon-size", "icon-padding",
            "inner-padding", "mode", "text-padding",
        ]
    static let role = ComponentRole.content

    /// One line per link.
    static func text(of node: MJMLNode) -> String? { TextRenderer.lines(of: node) }

    static func passedToChildren(of node: MJMLNode) -> Cascade.Pairs? {
        var out = PassedAttributes.pick(
            node,
            [
                .borderRadius, .color, .fontFamily, .fontSize, .fontWeight, .fontStyle,
                .iconSize, .iconHeight, .iconPadding, .textPadding, .lineHeight, .textDecoration,
            ])
        if let p = PassedAttributes.index(node, .innerPadding) { out.append((Attr.padding.rawValue, p)) }
        return out
    }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        let elements = node.children.filter { $0.kind != .text }
        if node.a(.mode) == "vertical" {
            r.out.openPresentationTable()
            r.out.style("margin", "0px")
            r.out.close()
            r.out.add("\n<tbody>\n")
            for child in elements {
                if Renderer.isRaw(child) { r.renderRaw(child) } else { MJSocialElement.render(child, place, &r) }
            }
            r.out.add("</tbody>\n</table>\n")
            return
        }
        r.out.startConditional()
        r.out.add("<table")
        r.out.attr("align", node.a(.align))
        r.out.add(" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" ><tr>")
        r.out.endConditional()
        r.out.add("\n")
        for child in elements {
            if Renderer.isRaw(child) {
                r.renderRaw(child)
                continue
            }
            r.out.startConditional()
            r.out.add("<td>")
            r.out.endConditional()
            r.out.add("\n<table")
            r.out.attr("align", node.a(.align))
            r.out.add(
                " border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" style=\"float:none;display:inline-table;\">\n<tbody>\n")
            MJSocialElement.render(child, place, &r)
            r.out.add("</tbody>\n</table>\n")
            r.out.startConditional()
            r.out.add("</td>")
            r.out.endConditional()
            r.out.add("\n")
        }
        r.out.startConditional()
        r.out.add("</tr></table>")
        r.out.endConditional()
        r.out.add("\n")
    }
}
