/// `<mj-hero>`: a full-width band with a background image (VML for Outlook), fixed-height or fluid.
enum MJHero: Component {
    static let tag = "mj-hero"
    static let defaults = [
        "mode": "fixed-height", "height": "0px", "background-position": "center center",
        "padding": "0px", "background-color": "#ffffff", "vertical-align": "top",
    ]
    static let parents: Set<String> = ["mj-body", "mj-wrapper"]
    static let attributes =
        CommonAttributes.padding + CommonAttributes.background + [
            "mode", "height", "background-width", "background-height", "width", "vertical-align", "align",
            "inner-padding", "inner-padding-top", "inner-padding-right", "inner-padding-bottom", "inner-padding-left",
            "inner-background-color", "border-radius", "container-background-color",
        ]
    static let role = ComponentRole.section

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        let width = place.containerWidth
        let widthPx = fmt(width) + "px"
        r.out.startConditional()
        r.out.add("<table align=\"center\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" style=\"width:")
        r.out.add(widthPx)
        r.out.add(";\" width=\"")
        r.out.add(fmt(width))
        r.out.add("\" ><tr><td style=\"line-height:0;font-size:0;mso-line-height-rule:exactly;\"><v:image")
        r.out.attr("src", node.a(.backgroundUrl))
        r.out.attr("xmlns:v", "urn:schemas-microsoft-com:vml")
        r.out.style("border", "0")
        r.out.style("height", node.a(.backgroundHeight))
        r.out.style("mso-position-horizontal", "center")
        r.out.style("position", "absolute")
        r.out.style("top", "0")
        r.out.style("width", node.a(.backgroundWidth) ?? widthPx)
        r.out.style("z-index", "-3")
        r.out.closeVoid()
        r.out.endConditional()
        r.out.add("\n<div")
        r.out.attr("align", node.a(.align))
        r.out.classAttr(node.a(.cssClass))
        r.out.style("margin", "0 auto")
        r.out.style("max-width", widthPx)
        r.out.close()
        r.out.add("\n")
        r.out.openPresentationTable()
        r.out.style("width", "100%")
        r.out.close()
        r.out.add("\n<tbody>\n<tr style=\"vertical-align:top;\">\n")
        if node.a(.mode) == "fluid-height" {
            fluidCell(node, &r)
            cell(node, height: nil, width, &r)
            fluidCell(node, &r)
        } else {
            let height =
                Double(parseInt(node.a(.height)) ?? 0)
                - Double(node.paddingSide(.top) + node.paddingSide(.bottom))
            cell(node, height: height, width, &r)
        }
        r.out.add("</tr>\n</tbody>\n</table>\n</div>\n")
        r.out.startConditional()
        r.out.add("</td></tr></table>")
        r.out.endConditional()
        r.out.add("\n")
    }

    private static func fluidCell(_ node: MJMLNode, _ r: inout Renderer) {
        r.out.add("<td")
        r.out.style("mso-padding-bottom-alt", "0")
        if let h = parseInt(node.a(.backgroundHeight)), let w = parseInt(node.a(.backgroundWidth)), w != 0 {
            // MJML: Math.round(height / width * 10000) / 100
            let ratio = (Double(h) / Double(w) * 10000).rounded(.toNearestOrAwayFromZero) / 100
            r.out.style("padding-bottom", fmt(ratio) + "%")
        }
        r.out.style("width", "0.01%")
        r.out.close()
        r.out.add("</td>\n")
    }

    private static func cell(_ node: MJMLNode, height: Double?, _ width: Double, _ r: inout Renderer) {
        r.out.add("<td")
        r.out.attr("background", node.a(.backgroundUrl))
        if let height { r.out.attr("height", fmt(height)) }
        let bgColor = node.a(.backgroundColor) ?? "#ffffff"
        if let url = node.a(.backgroundUrl) {
            r.out.style("background", "\(bgColor) url('\(url)') no-repeat \(node.a(.backgroundPosition) ?? "center center") / cover")
        } else {
            r.out.style("background", bgColor)
        }
        r.out.style("background-position", node.a(.backgroundPosition))
        r.out.style("background-repeat", "no-repeat")
        r.out.style("border-radius", node.a(.borderRadius))
        r.out.paddings(node)
        r.out.style("vertical-align", node.a(.verticalAlign))
        if let height { r.out.style("height", fmt(height) + "px") }
        r.out.close()
        r.out.add("\n")
        content(node, width, &r)
        r.out.add("</td>\n")
    }

    private static func content(_ node: MJMLNode, _ width: Double, _ r: inout Renderer) {
        r.out.startConditional()
        r.out.add("<table")
        r.out.attr("align", node.a(.align))
        r.out.add(" border=\"0\" cellpadding=\"0\" cellspacing=\"0\"")
        r.out.attr("width", fmt(width))
        r.out.style("width", fmt(width) + "px")
        r.out.close()
        r.out.add("<tr><td")
        r.out.style("background-color", node.a(.innerBackgroundColor))
        r.out.paddings(node, .innerPadding, top: .innerPaddingTop, right: .innerPaddingRight, bottom: .innerPaddingBottom, left: .innerPaddingLeft)
        r.out.close()
        r.out.endConditional()
        r.out.add("\n<div")
        r.out.attr("align", node.a(.align))
        r.out.attr("class", "mj-hero-content")
        r.out.style("background-color", node.a(.innerBackgroundColor))
        r.out.style("float", node.a(.align))
        r.out.style("margin", "0px auto")
        r.out.style("width", node.a(.width))
        r.out.close()
        r.out.add("\n")
        r.out.openPresentationTable()
        r.out.style("width", "100%")
        r.out.style("margin", "0px")
        r.out.close()
        r.out.add("\n<tbody>\n<tr>\n<td>\n")
        r.out.openPresentationTable()
        r.out.style("width", "100%")
        r.out.style("margin", "0px")
        r.out.close()
        r.out.add("\n<tbody>\n")
        let inner = width - Double(node.paddingSide(.left) + node.paddingSide(.right))
        ContentRows.render(node, Placement.children(of: node, width: inner), &r, outlookBackground: true)
        r.out.add("</tbody>\n</table>\n</td>\n</tr>\n</tbody>\n</table>\n</div>\n")
        r.out.startConditional()
        r.out.add("</td></tr></table>")
        r.out.endConditional()
        r.out.add("\n")
    }
}
