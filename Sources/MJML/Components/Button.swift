/// `<mj-button>`: a bulletproof button (a table cell with the background, a link or p inside).
extension Renderer {
    mutating func renderButton(_ node: MJMLNode) {
        let href = node.a("href")
        let bg = node.a("background-color")
        out.openPresentationTable()
        out.style("border-collapse", "separate")
        out.style("width", node.a("width"))
        out.style("line-height", "100%")
        out.close()
        out.add("\n<tbody>\n<tr>\n<td align=\"center\"")
        out.attr("bgcolor", bg == "none" ? nil : bg)
        out.attr("role", "presentation")
        out.attr("valign", node.a("vertical-align"))
        out.style("border", node.a("border"))
        out.style("border-bottom", node.a("border-bottom"))
        out.style("border-left", node.a("border-left"))
        out.style("border-radius", node.a("border-radius"))
        out.style("border-right", node.a("border-right"))
        out.style("border-top", node.a("border-top"))
        out.style("cursor", "auto")
        out.style("font-style", node.a("font-style"))
        out.style("height", node.a("height"))
        out.style("mso-padding-alt", node.a("inner-padding"))
        out.style("text-align", node.a("text-align"))
        out.style("background", bg)
        out.close()
        out.add("\n")
        if let href {
            out.add("<a")
            out.attr("href", href)
            out.attr("rel", node.a("rel"))
            out.attr("name", node.a("name"))
            out.attr("title", node.a("title"))
            out.attr("target", node.a("target"))
        } else {
            out.add("<p")
            out.attr("name", node.a("name"))
            out.attr("title", node.a("title"))
        }
        out.style("display", "inline-block")
        out.style("width", buttonContentWidth(node))
        out.style("background", bg)
        out.style("color", node.a("color"))
        out.style("font-family", node.a("font-family"))
        out.style("font-size", node.a("font-size"))
        out.style("font-style", node.a("font-style"))
        out.style("font-weight", node.a("font-weight"))
        out.style("line-height", node.a("line-height"))
        out.style("letter-spacing", node.a("letter-spacing"))
        out.style("margin", "0")
        out.style("text-decoration", node.a("text-decoration"))
        out.style("text-transform", node.a("text-transform"))
        out.style("padding", node.a("inner-padding"))
        out.style("mso-padding-alt", "0px")
        out.style("border-radius", node.a("border-radius"))
        out.close()
        out.add(node.content.trimmingASCIISpace())
        out.add(href != nil ? "</a>\n" : "</p>\n")
        out.add("</td>\n</tr>\n</tbody>\n</table>\n")
    }

    /// A pixel width less the inner padding and borders; other widths leave the link unsized.
    func buttonContentWidth(_ node: MJMLNode) -> String? {
        guard let w = parseSize(node.a("width"), keepFloat: false), !w.isPercent else { return nil }
        let inner = node.paddingSide(.left, "inner-padding") + node.paddingSide(.right, "inner-padding")
        let borders = node.borderSide(.left) + node.borderSide(.right)
        return fmt(w.value - Double(inner + borders)) + "px"
    }
}
