/// `<mj-text>`: the author's HTML in a styled div (optionally in a fixed-height Outlook cell).
extension Renderer {
    mutating func renderText(_ node: MJMLNode) {
        let height = node.a(.height)
        if let height {
            out.startConditional()
            out.add("<table role=\"presentation\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\"><tr><td height=\"")
            out.add(height)
            out.add("\" style=\"vertical-align:top;height:")
            out.add(height)
            out.add(";\">")
            out.endConditional()
        }
        out.open("div")
        out.style("font-family", node.a(.fontFamily))
        out.style("font-size", node.a(.fontSize))
        out.style("font-style", node.a(.fontStyle))
        out.style("font-weight", node.a(.fontWeight))
        out.style("letter-spacing", node.a(.letterSpacing))
        out.style("line-height", node.a(.lineHeight))
        out.style("text-align", node.a(.align))
        out.style("text-decoration", node.a(.textDecoration))
        out.style("text-transform", node.a(.textTransform))
        out.style("color", node.a(.color))
        out.style("height", height)
        out.close()
        out.add(node.content.trimmingASCIISpace())
        out.add("</div>\n")
        if height != nil {
            out.startConditional()
            out.add("</td></tr></table>")
            out.endConditional()
        }
    }
}
