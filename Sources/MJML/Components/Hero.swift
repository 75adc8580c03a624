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
        out.attr("src", node.a("background-url"))
        out.attr("xmlns:v", "urn:schemas-microsoft-com:vml")
        out.style("border", "0")
        out.style("height", node.a("background-height"))
        out.style("mso-position-horizontal", "center")
        out.style("position", "absolute")
        out.style("top", "0")
        out.style("width", node.a("background-width") ?? widthPx)
        out.style("z-index", "-3")
        out.closeVoid()
        out.endConditional()
        out.add("\n<div")
        out.attr("align", node.a("align"))
        out.classAttr(node.a("css-class"))
        out.style("margin", "0 auto")
        out.style("max-width", widthPx)
        out.close()
        out.add("\n")
        out.openPresentationTable()
        out.style("width", "100%")
        out.close()
        out.add("\n<tbody>\n<tr style=\"vertical-align:top;\">\n")
        if node.a("mode") == "fluid" {
            heroFluidCell(node)
            heroCell(node, height: nil, width)
            heroFluidCell(node)
        } else {
            let height = Double(parseInt(node.a("height")) ?? 0)
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
        if let h = parseSize(node.a("background-height")), let w = parseSize(node.a("background-width")), w.value != 0 {
            out.style("padding-bottom", fmt(h.value * 100 / w.value) + "%")
        }
        out.style("width", "0.01%")
        out.close()
        out.add("</td>\n")
    }

    private mutating func heroCell(_ node: MJMLNode, height: Double?, _ width: Double) {
        out.add("<td")
        out.attr("background", node.a("background-url"))
        if let height { out.attr("height", fmt(height)) }
        let bgColor = node.a("background-color") ?? "#ffffff"
        if let url = node.a("background-url") {
            out.style("background", "\(bgColor) url('\(url)') no-repeat \(node.a("background-position") ?? "center center") / cover")
        } else {
            out.style("background", bgColor)
        }
        out.style("background-position", node.a("background-position"))
        out.style("background-repeat", "no-repeat")
        out.style("padding", node.a("padding"))
        out.style("padding-top", node.a("padding-top"))
        out.style("padding-right", node.a("padding-right"))
        out.style("padding-bottom", node.a("padding-bottom"))
        out.style("padding-left", node.a("padding-left"))
        out.style("vertical-align", node.a("vertical-align"))
        if let height { out.style("height", fmt(height) + "px") }
        out.close()
        out.add("\n")
        heroContent(node, width)
        out.add("</td>\n")
    }

    private mutating func heroContent(_ node: MJMLNode, _ width: Double) {
        out.startConditional()
        out.add("<table")
        out.attr("align", node.a("align"))
        out.add(" border=\"0\" cellpadding=\"0\" cellspacing=\"0\"")
        out.attr("width", fmt(width))
        out.style("width", fmt(width) + "px")
        out.close()
        out.add("<tr><td")
        out.style("background-color", node.a("inner-background-color"))
        out.style("padding", node.a("inner-padding"))
        out.style("padding-top", node.a("inner-padding-top"))
        out.style("padding-right", node.a("inner-padding-right"))
        out.style("padding-bottom", node.a("inner-padding-bottom"))
        out.style("padding-left", node.a("inner-padding-left"))
        out.close()
        out.endConditional()
        out.add("\n<div")
        out.attr("align", node.a("align"))
        out.attr("class", "mj-hero-content")
        out.style("background-color", node.a("inner-background-color"))
        out.style("float", node.a("align"))
        out.style("margin", "0px auto")
        out.style("width", node.a("width"))
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
        var place = Placement.children(of: node, width: inner)
        for (i, child) in node.children.enumerated() where child.kind != .text {
            place.index = i
            if Renderer.isRaw(child) {
                renderRaw(child)
                continue
            }
            out.add("<tr>\n<td")
            out.attr("align", child.a("align"))
            out.attr("background", child.a("container-background-color"))
            out.classAttr(child.a("css-class"))
            out.style("background", child.a("container-background-color"))
            out.style("font-size", "0px")
            out.style("padding", child.a("padding"))
            out.style("padding-top", child.a("padding-top"))
            out.style("padding-right", child.a("padding-right"))
            out.style("padding-bottom", child.a("padding-bottom"))
            out.style("padding-left", child.a("padding-left"))
            out.style("word-break", "break-word")
            out.close()
            out.add("\n")
            renderLeaf(child, place)
            out.add("</td>\n</tr>\n")
        }
        out.add("</tbody>\n</table>\n</td>\n</tr>\n</tbody>\n</table>\n</div>\n")
        out.startConditional()
        out.add("</td></tr></table>")
        out.endConditional()
        out.add("\n")
    }
}
