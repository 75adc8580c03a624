/// `<mj-hero>`: a full-width band with a background image (VML for Outlook), fixed-height or fluid.
extension Renderer {
    mutating func renderHero(_ node: MJMLNode, _ place: Placement) {
        let width = place.containerWidth
        let widthPx = fmt(width) + "px"
        out.startConditional()
        out.add("<table align=\"center\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" style=\"width:")
        out.add(widthPx)
        out.add(";\" width=\"")
        out.add(fmt(width))
        out.add("\" ><tr><td style=\"line-height:0;font-size:0;mso-line-height-rule:exactly;\"><v:image")
        out.attr("src", node.a(.backgroundUrl))
        out.attr("xmlns:v", "urn:schemas-microsoft-com:vml")
        out.style("border", "0")
        out.style("height", node.a(.backgroundHeight))
        out.style("mso-position-horizontal", "center")
        out.style("position", "absolute")
        out.style("top", "0")
        out.style("width", node.a(.backgroundWidth) ?? widthPx)
        out.style("z-index", "-3")
        out.closeVoid()
        out.endConditional()
        out.add("\n<div")
        out.attr("align", node.a(.align))
        out.classAttr(node.a(.cssClass))
        out.style("margin", "0 auto")
        out.style("max-width", widthPx)
        out.close()
        out.add("\n")
        out.openPresentationTable()
        out.style("width", "100%")
        out.close()
        out.add("\n<tbody>\n<tr style=\"vertical-align:top;\">\n")
        if node.a(.mode) == "fluid" {
            heroFluidCell(node)
            heroCell(node, height: nil, width)
            heroFluidCell(node)
        } else {
            let height = Double(parseInt(node.a(.height)) ?? 0)
                - Double(node.paddingSide(.top) + node.paddingSide(.bottom))
            heroCell(node, height: height, width)
        }
        out.add("</tr>\n</tbody>\n</table>\n</div>\n")
        out.startConditional()
        out.add("</td></tr></table>")
        out.endConditional()
        out.add("\n")
    }

    private mutating func heroFluidCell(_ node: MJMLNode) {
        out.add("<td")
        out.style("mso-padding-bottom-alt", "0")
        if let h = parseInt(node.a(.backgroundHeight)), let w = parseInt(node.a(.backgroundWidth)), w != 0 {
            // MJML: Math.round(height / width * 10000) / 100
            let ratio = (Double(h) / Double(w) * 10000).rounded(.toNearestOrAwayFromZero) / 100
            out.style("padding-bottom", fmt(ratio) + "%")
        }
        out.style("width", "0.01%")
        out.close()
        out.add("</td>\n")
    }

    private mutating func heroCell(_ node: MJMLNode, height: Double?, _ width: Double) {
        out.add("<td")
        out.attr("background", node.a(.backgroundUrl))
        if let height { out.attr("height", fmt(height)) }
        let bgColor = node.a(.backgroundColor) ?? "#ffffff"
        if let url = node.a(.backgroundUrl) {
            out.style("background", "\(bgColor) url('\(url)') no-repeat \(node.a(.backgroundPosition) ?? "center center") / cover")
        } else {
            out.style("background", bgColor)
        }
        out.style("background-position", node.a(.backgroundPosition))
        out.style("background-repeat", "no-repeat")
        out.style("padding", node.a(.padding))
        out.style("padding-top", node.a(.paddingTop))
        out.style("padding-right", node.a(.paddingRight))
        out.style("padding-bottom", node.a(.paddingBottom))
        out.style("padding-left", node.a(.paddingLeft))
        out.style("vertical-align", node.a(.verticalAlign))
        if let height { out.style("height", fmt(height) + "px") }
        out.close()
        out.add("\n")
        heroContent(node, width)
        out.add("</td>\n")
    }

    private mutating func heroContent(_ node: MJMLNode, _ width: Double) {
        out.startConditional()
        out.add("<table")
        out.attr("align", node.a(.align))
        out.add(" border=\"0\" cellpadding=\"0\" cellspacing=\"0\"")
        out.attr("width", fmt(width))
        out.style("width", fmt(width) + "px")
        out.close()
        out.add("<tr><td")
        out.style("background-color", node.a(.innerBackgroundColor))
        out.style("padding", node.a(.innerPadding))
        out.style("padding-top", node.a(.innerPaddingTop))
        out.style("padding-right", node.a(.innerPaddingRight))
        out.style("padding-bottom", node.a(.innerPaddingBottom))
        out.style("padding-left", node.a(.innerPaddingLeft))
        out.close()
        out.endConditional()
        out.add("\n<div")
        out.attr("align", node.a(.align))
        out.attr("class", "mj-hero-content")
        out.style("background-color", node.a(.innerBackgroundColor))
        out.style("float", node.a(.align))
        out.style("margin", "0px auto")
        out.style("width", node.a(.width))
        out.close()
        out.add("\n")
        out.openPresentationTable()
        out.style("width", "100%")
        out.style("margin", "0px")
        out.close()
        out.add("\n<tbody>\n<tr>\n<td>\n")
        out.openPresentationTable()
        out.style("width", "100%")
        out.style("margin", "0px")
        out.close()
        out.add("\n<tbody>\n")
        let inner = width - Double(node.paddingSide(.left) + node.paddingSide(.right))
        renderLeafRows(node, Placement.children(of: node, width: inner), outlookBackground: true)
        out.add("</tbody>\n</table>\n</td>\n</tr>\n</tbody>\n</table>\n</div>\n")
        out.startConditional()
        out.add("</td></tr></table>")
        out.endConditional()
        out.add("\n")
    }
}
