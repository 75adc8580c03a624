/// `<mj-section>` (and the section-like half of `<mj-wrapper>`): the Outlook table around a
/// centred div, optional VML background, and the row of columns or groups.
extension Renderer {
    mutating func renderSection(_ node: MJMLNode, _ place: Placement) {
        renderSectionLike(node, place) { r, width in r.renderSectionColumns(node, width) }
    }

    /// Shared by mj-section and mj-wrapper; `inner` writes the children row(s).
    mutating func renderSectionLike(_ node: MJMLNode, _ place: Placement, inner: (inout Renderer, Double) -> Void) {
        let fullWidth = node.a(.fullWidth) == "full-width"
        let width = place.containerWidth
        if fullWidth {
            renderFullWidthSection(node, width) { r in inner(&r, width) }
        } else {
            renderOutlookWrap(node, width) { r in
                if r.hasBackgroundURL(node) {
                    r.renderVMLBackground(node, width, fullWidth: false) { r in
                        r.out.endConditional()
                        r.renderSectionBox(node, width, fullWidth: false) { r in inner(&r, width) }
                        r.out.startConditional()
                    }
                } else {
                    r.out.endConditional()
                    r.renderSectionBox(node, width, fullWidth: false) { r in inner(&r, width) }
                    r.out.startConditional()
                }
            }
        }
    }

    /// The full-width variant: an outer 100% table carries the background.
    mutating func renderFullWidthSection(_ node: MJMLNode, _ width: Double, inner: (inout Renderer) -> Void) {
        out.openPresentationTable()
        out.attr("align", "center")
        out.classAttr(node.a(.cssClass))
        out.attr("background", node.a(.backgroundUrl))
        sectionBackgroundStyles(node)
        out.style("border-radius", node.a(.borderRadius))
        out.style("width", "100%")
        out.close()
        out.add("<tbody><tr><td>")
        if hasBackgroundURL(node) {
            out.startConditional()
            renderVMLBackground(node, width, fullWidth: true) { r in
                r.out.endConditional()
                r.renderFullWidthInner(node, width, inner: inner)
                r.out.startConditional()
            }
            out.endConditional()
        } else {
            renderFullWidthInner(node, width, inner: inner)
        }
        out.add("</td></tr></tbody></table>\n")
    }

    private mutating func renderFullWidthInner(_ node: MJMLNode, _ width: Double, inner: (inout Renderer) -> Void) {
        renderOutlookWrap(node, width) { r in
            r.out.endConditional()
            r.renderSectionBox(node, width, fullWidth: true, inner: inner)
            r.out.startConditional()
        }
    }

    func hasBackgroundURL(_ node: MJMLNode) -> Bool { node.a(.backgroundUrl) != nil }

    /// `<!--[if mso | IE]><table ...><tr><td ...>` CONTENT `</td></tr></table><![endif]-->`
    mutating func renderOutlookWrap(_ node: MJMLNode, _ width: Double, content: (inout Renderer) -> Void) {
        out.startConditional()
        out.add("<table align=\"center\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\"")
        out.classAttr(node.outlookClass)
        out.add(" role=\"presentation\" style=\"width:")
        out.add(fmt(width))
        out.add("px;\" width=\"")
        out.add(fmt(width))
        out.add("\"")
        out.attr("bgcolor", node.a(.backgroundColor))
        out.add("><tr><td style=\"line-height:0px;font-size:0px;mso-line-height-rule:exactly;\">")
        content(&self)
        out.add("</td></tr></table>")
        out.endConditional()
        out.add("\n")
    }

    /// The div + table + td that hold a section's content.
    mutating func renderSectionBox(_ node: MJMLNode, _ width: Double, fullWidth: Bool, inner: (inout Renderer) -> Void) {
        let hasBG = hasBackgroundURL(node)
        out.open("div")
        if !fullWidth { out.classAttr(node.a(.cssClass)) }
        if !fullWidth { sectionBackgroundStyles(node) }
        out.style("margin", "0px auto")
        out.style("border-radius", node.a(.borderRadius))
        out.style("overflow", node.a(.borderRadius) != nil ? "hidden" : nil)
        out.style("max-width", fmt(width) + "px")
        out.close()
        out.add("\n")
        if hasBG { out.add("<div style=\"line-height:0;font-size:0;\">") }
        out.openPresentationTable()
        out.attr("align", "center")
        if !fullWidth { out.attr("background", node.a(.backgroundUrl)) }
        if !fullWidth { sectionBackgroundStyles(node) }
        out.style("width", "100%")
        out.style("border-collapse", node.a(.borderRadius) != nil ? "separate" : nil)
        out.close()
        out.add("\n<tbody>\n<tr>\n<td")
        out.style("border", node.a(.border))
        out.style("border-bottom", node.a(.borderBottom))
        out.style("border-left", node.a(.borderLeft))
        out.style("border-right", node.a(.borderRight))
        out.style("border-top", node.a(.borderTop))
        out.style("border-radius", node.a(.borderRadius))
        out.style("direction", node.a(.direction))
        out.style("font-size", "0px")
        out.style("padding", node.a(.padding))
        out.style("padding-bottom", node.a(.paddingBottom))
        out.style("padding-left", node.a(.paddingLeft))
        out.style("padding-right", node.a(.paddingRight))
        out.style("padding-top", node.a(.paddingTop))
        out.style("text-align", node.a(.textAlign))
        out.close()
        out.add("\n")
        inner(&self)
        out.add("</td>\n</tr>\n</tbody>\n</table>\n")
        if hasBG { out.add("</div>\n") }
        out.add("</div>\n")
    }

    /// The section's content width: its container less horizontal padding and borders.
    func boxWidth(_ node: MJMLNode, _ width: Double) -> Double {
        width - Double(node.paddingSide(.left) + node.paddingSide(.right))
            - Double(node.borderSide(.left) + node.borderSide(.right))
    }

    /// The Outlook row of columns/groups inside a section.
    mutating func renderSectionColumns(_ node: MJMLNode, _ width: Double) {
        let box = boxWidth(node, width)
        var place = Placement.children(of: node, width: box)
        out.startConditional()
        out.add("<table role=\"presentation\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\"><tr>")
        for (i, child) in node.children.enumerated() where child.kind != .text {
            place.index = i
            if Renderer.isRaw(child) {
                out.endConditional()
                renderRaw(child)
                out.startConditional()
                continue
            }
            out.add("<td")
            out.classAttr(child.outlookClass)
            out.attr("align", child.a(.align))
            out.style("vertical-align", child.a(.verticalAlign))
            out.style("width", columnOutlookWidth(child, place))
            out.close()
            out.endConditional()
            out.add("\n")
            switch child.tag {
            case "mj-group": renderGroup(child, place)
            default: renderColumn(child, place)
            }
            out.startConditional()
            out.add("</td>")
        }
        out.add("</tr></table>")
        out.endConditional()
        out.add("\n")
    }

    /// `background`, `background-position`… when a background image is set, else the colour.
    mutating func sectionBackgroundStyles(_ node: MJMLNode) {
        if hasBackgroundURL(node) {
            out.style("background", sectionBackground(node))
            out.style("background-position", backgroundPositionString(node))
            out.style("background-repeat", node.a(.backgroundRepeat))
            out.style("background-size", node.a(.backgroundSize))
        } else {
            out.style("background", node.a(.backgroundColor))
            out.style("background-color", node.a(.backgroundColor))
        }
    }

    func sectionBackground(_ node: MJMLNode) -> String? {
        var parts: [String] = []
        if let c = node.a(.backgroundColor) { parts.append(c) }
        if let url = node.a(.backgroundUrl) {
            parts.append("url('\(url)')")
            parts.append("\(backgroundPositionString(node)) / \(node.a(.backgroundSize) ?? "auto")")
            parts.append(node.a(.backgroundRepeat) ?? "repeat")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    func backgroundPosition(_ node: MJMLNode) -> (x: String, y: String) {
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

    func backgroundPositionString(_ node: MJMLNode) -> String {
        let p = backgroundPosition(node)
        return "\(p.x) \(p.y)"
    }

    /// Outlook's VML rectangle that paints a background image behind the content.
    mutating func renderVMLBackground(_ node: MJMLNode, _ width: Double, fullWidth: Bool, content: (inout Renderer) -> Void) {
        out.add("<v:rect")
        out.attr("xmlns:v", "urn:schemas-microsoft-com:vml")
        out.attr("fill", "true")
        out.attr("stroke", "false")
        if fullWidth { out.style("mso-width-percent", "1000") } else { out.style("width", fmt(width) + "px") }
        out.close()
        let (position, origin) = vmlFillPosition(node)
        out.add("<v:fill")
        out.attr("origin", origin)
        out.attr("position", position)
        out.attr("src", node.a(.backgroundUrl))
        out.attr("color", node.a(.backgroundColor))
        let size = node.a(.backgroundSize)
        let repeatMode = node.a(.backgroundRepeat)
        let vmlType = (repeatMode == "no-repeat" && size != "auto") ? "frame" : "tile"
        switch size {
        case "cover", "contain": out.attr("size", "1,1")
        case "auto", nil: break
        case let s?: out.attr("size", s.replacingSpaces(with: ","))
        }
        out.attr("type", vmlType)
        switch size {
        case "cover": out.attr("aspect", "atleast")
        case "contain": out.attr("aspect", "atmost")
        case "auto", nil: break
        case let s?: if !s.contains(" ") { out.attr("aspect", "atmost") }
        }
        out.add(" />")
        out.add("<v:textbox inset=\"0,0,0,0\" style=\"mso-fit-shape-to-text:true\">")
        content(&self)
        out.add("</v:textbox></v:rect>")
    }

    func vmlFillPosition(_ node: MJMLNode) -> (String, String) {
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
