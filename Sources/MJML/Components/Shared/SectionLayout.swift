/// What `<mj-section>` and `<mj-wrapper>` share: the Outlook table around a centred div, the
/// full-width variant, the background (CSS and Outlook's VML) and the content box.
enum SectionLayout {
    /// `inner` writes the children row(s) at the given width.
    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer, inner: (inout Renderer, Double) -> Void) {
        let width = place.containerWidth
        if node.a(.fullWidth) == "full-width" {
            renderFullWidth(node, width, &r) { r in inner(&r, width) }
            return
        }
        outlookWrap(node, width, &r) { r in
            if hasBackgroundURL(node) {
                vmlBackground(node, width, fullWidth: false, &r) { r in
                    r.out.endConditional()
                    box(node, width, fullWidth: false, &r) { r in inner(&r, width) }
                    r.out.startConditional()
                }
            } else {
                r.out.endConditional()
                box(node, width, fullWidth: false, &r) { r in inner(&r, width) }
                r.out.startConditional()
            }
        }
    }

    /// The full-width variant: an outer 100% table carries the background.
    private static func renderFullWidth(_ node: MJMLNode, _ width: Double, _ r: inout Renderer, inner: (inout Renderer) -> Void) {
        r.out.openPresentationTable()
        r.out.attr("align", "center")
        r.out.classAttr(node.a(.cssClass))
        r.out.attr("background", node.a(.backgroundUrl))
        backgroundStyles(node, &r)
        r.out.style("border-radius", node.a(.borderRadius))
        r.out.style("width", "100%")
        r.out.close()
        r.out.add("<tbody><tr><td>")
        if hasBackgroundURL(node) {
            r.out.startConditional()
            vmlBackground(node, width, fullWidth: true, &r) { r in
                r.out.endConditional()
                fullWidthInner(node, width, &r, inner: inner)
                r.out.startConditional()
            }
            r.out.endConditional()
        } else {
            fullWidthInner(node, width, &r, inner: inner)
        }
        r.out.add("</td></tr></tbody></table>\n")
    }

    private static func fullWidthInner(_ node: MJMLNode, _ width: Double, _ r: inout Renderer, inner: (inout Renderer) -> Void) {
        outlookWrap(node, width, &r) { r in
            r.out.endConditional()
            box(node, width, fullWidth: true, &r, inner: inner)
            r.out.startConditional()
        }
    }

    static func hasBackgroundURL(_ node: MJMLNode) -> Bool { node.a(.backgroundUrl) != nil }

    /// `<!--[if mso | IE]><table ...><tr><td ...>` CONTENT `</td></tr></table><![endif]-->`
    private static func outlookWrap(_ node: MJMLNode, _ width: Double, _ r: inout Renderer, content: (inout Renderer) -> Void) {
        r.out.startConditional()
        r.out.add("<table align=\"center\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\"")
        r.out.classAttr(node.outlookClass)
        r.out.add(" role=\"presentation\" style=\"width:")
        r.out.add(fmt(width))
        r.out.add("px;\" width=\"")
        r.out.add(fmt(width))
        r.out.add("\"")
        r.out.attr("bgcolor", node.a(.backgroundColor))
        r.out.add("><tr><td style=\"line-height:0px;font-size:0px;mso-line-height-rule:exactly;\">")
        content(&r)
        r.out.add("</td></tr></table>")
        r.out.endConditional()
        r.out.add("\n")
    }

    /// The div + table + td that hold a section's content.
    private static func box(_ node: MJMLNode, _ width: Double, fullWidth: Bool, _ r: inout Renderer, inner: (inout Renderer) -> Void) {
        let hasBG = hasBackgroundURL(node)
        r.out.open("div")
        if !fullWidth {
            r.out.classAttr(node.a(.cssClass))
            backgroundStyles(node, &r)
        }
        r.out.style("margin", "0px auto")
        r.out.style("border-radius", node.a(.borderRadius))
        r.out.style("overflow", node.a(.borderRadius) != nil ? "hidden" : nil)
        r.out.style("max-width", fmt(width) + "px")
        r.out.close()
        r.out.add("\n")
        if hasBG { r.out.add("<div style=\"line-height:0;font-size:0;\">") }
        r.out.openPresentationTable()
        r.out.attr("align", "center")
        if !fullWidth {
            r.out.attr("background", node.a(.backgroundUrl))
            backgroundStyles(node, &r)
        }
        r.out.style("width", "100%")
        r.out.style("border-collapse", node.a(.borderRadius) != nil ? "separate" : nil)
        r.out.close()
        r.out.add("\n<tbody>\n<tr>\n")
        boxCell(node, &r)
        inner(&r)
        r.out.add("</td>\n</tr>\n</tbody>\n</table>\n")
        if hasBG { r.out.add("</div>\n") }
        r.out.add("</div>\n")
    }

    /// The cell that carries the borders and paddings.
    private static func boxCell(_ node: MJMLNode, _ r: inout Renderer) {
        r.out.add("<td")
        r.out.style("border", node.a(.border))
        r.out.style("border-bottom", node.a(.borderBottom))
        r.out.style("border-left", node.a(.borderLeft))
        r.out.style("border-right", node.a(.borderRight))
        r.out.style("border-top", node.a(.borderTop))
        r.out.style("border-radius", node.a(.borderRadius))
        r.out.style("direction", node.a(.direction))
        r.out.style("font-size", "0px")
        r.out.style("padding", node.a(.padding))
        r.out.sidePaddingsAlphabetical(node)
        r.out.style("text-align", node.a(.textAlign))
        r.out.close()
        r.out.add("\n")
    }

    /// The section's content width: its container less horizontal padding and borders.
    static func boxWidth(_ node: MJMLNode, _ width: Double) -> Double {
        width - Double(node.paddingSide(.left) + node.paddingSide(.right))
            - Double(node.borderSide(.left) + node.borderSide(.right))
    }

    /// `background`, `background-position`… when a background image is set, else the colour.
    private static func backgroundStyles(_ node: MJMLNode, _ r: inout Renderer) {
        if hasBackgroundURL(node) {
            r.out.style("background", background(node))
            r.out.style("background-position", backgroundPositionString(node))
            r.out.style("background-repeat", node.a(.backgroundRepeat))
            r.out.style("background-size", node.a(.backgroundSize))
        } else {
            r.out.style("background", node.a(.backgroundColor))
            r.out.style("background-color", node.a(.backgroundColor))
        }
    }

    private static func background(_ node: MJMLNode) -> String? {
        var parts: [String] = []
        if let c = node.a(.backgroundColor) { parts.append(c) }
        if let url = node.a(.backgroundUrl) {
            parts.append("url('\(url)')")
            parts.append("\(backgroundPositionString(node)) / \(node.a(.backgroundSize) ?? "auto")")
            parts.append(node.a(.backgroundRepeat) ?? "repeat")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    private static func backgroundPosition(_ node: MJMLNode) -> (x: String, y: String) {
        let parts = (node.a(.backgroundPosition) ?? "top center").split(separator: " ").map(String.init)
        func isH(_ s: String) -> Bool { s == "left" || s == "right" || s == "center" }
        func isV(_ s: String) -> Bool { s == "top" || s == "bottom" || s == "center" }
        var x = "center", y = "top"
        if parts.count >= 2 {
            if isV(parts[0]) && isH(parts[1]) { x = parts[1]; y = parts[0] } else { x = parts[0]; y = parts[1] }
        } else if parts.count == 1 {
            if isV(parts[0]) { x = "center"; y = parts[0] } else { x = parts[0]; y = "center" }
        }
        return (node.a(.backgroundPositionX) ?? x, node.a(.backgroundPositionY) ?? y)
    }

    private static func backgroundPositionString(_ node: MJMLNode) -> String {
        let p = backgroundPosition(node)
        return "\(p.x) \(p.y)"
    }

    /// Outlook's VML rectangle that paints a background image behind the content.
    private static func vmlBackground(
        _ node: MJMLNode, _ width: Double, fullWidth: Bool, _ r: inout Renderer,
        content: (inout Renderer) -> Void
    ) {
        r.out.add("<v:rect")
        r.out.attr("xmlns:v", "urn:schemas-microsoft-com:vml")
        r.out.attr("fill", "true")
        r.out.attr("stroke", "false")
        if fullWidth { r.out.style("mso-width-percent", "1000") } else { r.out.style("width", fmt(width) + "px") }
        r.out.close()
        vmlFill(node, &r)
        r.out.add("<v:textbox inset=\"0,0,0,0\" style=\"mso-fit-shape-to-text:true\">")
        content(&r)
        r.out.add("</v:textbox></v:rect>")
    }

    private static func vmlFill(_ node: MJMLNode, _ r: inout Renderer) {
        let (position, origin) = vmlFillPosition(node)
        r.out.add("<v:fill")
        r.out.attr("origin", origin)
        r.out.attr("position", position)
        r.out.attr("src", node.a(.backgroundUrl))
        r.out.attr("color", node.a(.backgroundColor))
        let size = node.a(.backgroundSize)
        let repeatMode = node.a(.backgroundRepeat)
        let vmlType = (repeatMode == "no-repeat" && size != "auto") ? "frame" : "tile"
        switch size {
        case "cover", "contain": r.out.attr("size", "1,1")
        case "auto", nil: break
        case let s?: r.out.attr("size", s.replacingSpaces(with: ","))
        }
        r.out.attr("type", vmlType)
        switch size {
        case "cover": r.out.attr("aspect", "atleast")
        case "contain": r.out.attr("aspect", "atmost")
        case "auto", nil: break
        case let s?: if !s.contains(" ") { r.out.attr("aspect", "atmost") }
        }
        r.out.add(" />")
    }

    private static func vmlFillPosition(_ node: MJMLNode) -> (String, String) {
        if node.a(.backgroundSize) == "auto" { return ("0.5, 0", "0.5, 0") }
        let (px, py) = backgroundPosition(node)
        let repeatMode = node.a(.backgroundRepeat) == "repeat"
        func axis(_ v: String, _ named: [String: String], _ fallback: String) -> Double {
            let p = named[v] ?? (v.hasSuffix("%") ? v : fallback)
            if let n = parseFloatJS(p), p.hasSuffix("%") {
                return repeatMode ? n * 0.01 : (n - 50) * 0.01
            }
            return repeatMode ? 0.5 : 0
        }
        let x = axis(px, ["left": "0%", "center": "50%", "right": "100%"], "50%")
        let y = axis(py, ["top": "0%", "center": "50%", "bottom": "100%"], "0%")
        let s = "\(fmt(x)), \(fmt(y))"
        return (s, s)
    }
}

extension String {
    func replacingSpaces(with r: String) -> String {
        split(separator: " ", omittingEmptySubsequences: false).joined(separator: r)
    }
}
