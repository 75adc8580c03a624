/// `<mj-button>`: a bulletproof button (a table cell with the background, a link or p inside).
enum MJButton: Component {
    static let tag = "mj-button"
    static let defaults = [
        "align": "center", "background-color": "#414141", "border": "none", "border-radius": "3px",
        "color": "#ffffff", "font-family": CommonAttributes.ubuntu, "font-size": "13px", "font-weight": "normal",
        "inner-padding": "10px 25px", "line-height": "120%", "padding": "10px 25px", "target": "_blank",
        "text-decoration": "none", "text-transform": "none", "vertical-align": "middle",
    ]
    static let parents = CommonAttributes.contentParents
    static let attributes =
        CommonAttributes.padding + CommonAttributes.borders + CommonAttributes.font + [
            "align", "background-color", "container-background-color", "height", "href", "inner-padding", "name",
            "rel", "target", "title", "vertical-align", "width", "text-align",
        ]
    static let isEndingTag = true
    static let role = ComponentRole.content

    static func text(of node: MJMLNode) -> String? { TextRenderer.link(HTMLToText.convert(node.content), node.a(.href)) }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        let href = node.a(.href)
        let bg = node.a(.backgroundColor)
        r.out.openPresentationTable()
        r.out.style("border-collapse", "separate")
        r.out.style("width", node.a(.width))
        r.out.style("line-height", "100%")
        r.out.close()
        r.out.add("\n<tbody>\n<tr>\n<td align=\"center\"")
        r.out.attr("bgcolor", bg == "none" ? nil : bg)
        r.out.attr("role", "presentation")
        r.out.attr("valign", node.a(.verticalAlign))
        r.out.borders(node)
        r.out.style("cursor", "auto")
        r.out.style("font-style", node.a(.fontStyle))
        r.out.style("height", node.a(.height))
        r.out.style("mso-padding-alt", node.a(.innerPadding))
        r.out.style("text-align", node.a(.textAlign))
        r.out.style("background", bg)
        r.out.close()
        r.out.add("\n")
        if let href {
            r.out.openLink(href, rel: node.a(.rel))
            r.out.attr("name", node.a(.name))
            r.out.attr("title", node.a(.title))
            r.out.attr("target", node.a(.target))
        } else {
            r.out.add("<p")
            r.out.attr("name", node.a(.name))
            r.out.attr("title", node.a(.title))
        }
        r.out.style("display", "inline-block")
        r.out.style("width", contentWidth(node))
        r.out.style("background", bg)
        r.out.style("color", node.a(.color))
        r.out.style("font-family", node.a(.fontFamily))
        r.out.style("font-size", node.a(.fontSize))
        r.out.style("font-style", node.a(.fontStyle))
        r.out.style("font-weight", node.a(.fontWeight))
        r.out.style("line-height", node.a(.lineHeight))
        r.out.style("letter-spacing", node.a(.letterSpacing))
        r.out.style("margin", "0")
        r.out.style("text-decoration", node.a(.textDecoration))
        r.out.style("text-transform", node.a(.textTransform))
        r.out.style("padding", node.a(.innerPadding))
        r.out.style("mso-padding-alt", "0px")
        r.out.style("border-radius", node.a(.borderRadius))
        r.out.close()
        r.out.add(node.content.trimmingASCIISpace())
        r.out.add(href != nil ? "</a>\n" : "</p>\n")
        r.out.add("</td>\n</tr>\n</tbody>\n</table>\n")
    }

    /// A pixel width less the inner padding and borders; other widths leave the link unsized.
    static func contentWidth(_ node: MJMLNode) -> String? {
        guard let w = parseSize(node.a(.width), keepFloat: false), !w.isPercent else { return nil }
        let inner = node.paddingSide(.left, .innerPadding) + node.paddingSide(.right, .innerPadding)
        let borders = node.borderSide(.left) + node.borderSide(.right)
        return fmt(w.value - Double(inner + borders)) + "px"
    }
}
