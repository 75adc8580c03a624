/// `<mj-button>`: a bulletproof button (a table cell with the background, a link or p inside).
extension Renderer {
    mutating func renderButton(_ node: MJMLNode) {
        let href = node.a(.href)
        let bg = node.a(.backgroundColor)
        out.openPresentationTable()
        out.style("border-collapse", "separate")
        out.style("width", node.a(.width))
        out.style("line-height", "100%")
        out.close()
        out.add("\n<tbody>\n<tr>\n<td align=\"center\"")
        out.attr("bgcolor", bg == "none" ? nil : bg)
        out.attr("role", "presentation")
        out.attr("valign", node.a(.verticalAlign))
        out.style("border", node.a(.border))
        out.style("border-bottom", node.a(.borderBottom))
        out.style("border-left", node.a(.borderLeft))
        out.style("border-radius", node.a(.borderRadius))
        out.style("border-right", node.a(.borderRight))
        out.style("border-top", node.a(.borderTop))
        out.style("cursor", "auto")
        out.style("font-style", node.a(.fontStyle))
        out.style("height", node.a(.height))
        out.style("mso-padding-alt", node.a(.innerPadding))
        out.style("text-align", node.a(.textAlign))
        out.style("background", bg)
        out.close()
        out.add("\n")
        if let href {
            out.add("<a")
            out.attr("href", href)
            out.attr("rel", node.a(.rel))
            out.attr("name", node.a(.name))
            out.attr("title", node.a(.title))
            out.attr("target", node.a(.target))
        } else {
            out.add("<p")
            out.attr("name", node.a(.name))
            out.attr("title", node.a(.title))
        }
        out.style("display", "inline-block")
        out.style("width", buttonContentWidth(node))
        out.style("background", bg)
        out.style("color", node.a(.color))
        out.style("font-family", node.a(.fontFamily))
        out.style("font-size", node.a(.fontSize))
        out.style("font-style", node.a(.fontStyle))
        out.style("font-weight", node.a(.fontWeight))
        out.style("line-height", node.a(.lineHeight))
        out.style("letter-spacing", node.a(.letterSpacing))
        out.style("margin", "0")
        out.style("text-decoration", node.a(.textDecoration))
        out.style("text-transform", node.a(.textTransform))
        out.style("padding", node.a(.innerPadding))
        out.style("mso-padding-alt", "0px")
        out.style("border-radius", node.a(.borderRadius))
        out.close()
        out.add(node.content.trimmingASCIISpace())
        out.add(href != nil ? "</a>\n" : "</p>\n")
        out.add("</td>\n</tr>\n</tbody>\n</table>\n")
    }

    /// A pixel width less the inner padding and borders; other widths leave the link unsized.
    func buttonContentWidth(_ node: MJMLNode) -> String? {
        guard let w = parseSize(node.a(.width), keepFloat: false), !w.isPercent else { return nil }
        let inner = node.paddingSide(.left, .innerPadding) + node.paddingSide(.right, .innerPadding)
        let borders = node.borderSide(.left) + node.borderSide(.right)
        return fmt(w.value - Double(inner + borders)) + "px"
    }
}
