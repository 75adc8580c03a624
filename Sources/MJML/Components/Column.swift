/// `<mj-column>`: an inline-block div (its class carries the desktop width through a media
/// query) holding a table with one row per child.
extension Renderer {
    /// The column's declared width, or an equal share of the section.
    func columnParsedWidth(_ node: MJMLNode, _ place: Placement) -> Size {
        if let w = parseSize(node.a(.width)) { return w }
        return Size(value: 100 / Double(place.nonRawSiblings), unit: .percent)
    }

    /// The width of the Outlook cell (`300px`).
    func columnOutlookWidth(_ node: MJMLNode, _ place: Placement) -> String {
        let w = columnParsedWidth(node, place)
        if w.isPercent { return fmt(place.containerWidth * w.value / 100) + "px" }
        return fmt(w.value) + "px"
    }

    /// `mj-column-per-50`, `mj-column-px-200`, registered as a media query.
    mutating func columnClass(_ node: MJMLNode, _ place: Placement, prefix: String = "mj-column") -> String {
        let w = columnParsedWidth(node, place)
        let number = fmt(w.value).replacingDots()
        let name = prefix + (w.isPercent ? "-per-" : "-px-") + number
        addMediaQuery(name, w.css)
        return name
    }

    /// Columns in a group keep their share on mobile (MJML passes them `mobileWidth`).
    func columnMobileWidth(_ node: MJMLNode, _ place: Placement, inGroup: Bool) -> String {
        guard inGroup || node.a(.mobileWidth) != nil || node.a(.mobileWidthFlag) != nil else { return "100%" }
        guard let width = node.a(.width), let w = parseSize(width) else {
            return "\(Int(100 / Double(place.nonRawSiblings)))%"
        }
        if w.isPercent { return width }
        return fmt(w.value / place.containerWidth * 100) + "%"
    }

    /// The width children of this column get: its share less paddings and borders.
    func columnChildWidth(_ node: MJMLNode, _ place: Placement) -> Double {
        let paddings = Double(node.paddingSide(.left) + node.paddingSide(.right))
        let borders = Double(node.borderSide(.left) + node.borderSide(.right))
        let inner = Double(node.borderSide(.left, .innerBorder) + node.borderSide(.right, .innerBorder))
        let all = paddings + borders + inner
        if let w = parseSize(node.a(.width)) {
            return w.isPercent ? place.containerWidth * w.value / 100 - all : w.value - all
        }
        return place.containerWidth / Double(place.nonRawSiblings) - all
    }

    func columnHasGutter(_ node: MJMLNode) -> Bool {
        node.a(.padding) != nil || node.a(.paddingBottom) != nil || node.a(.paddingLeft) != nil
            || node.a(.paddingRight) != nil || node.a(.paddingTop) != nil
    }

    mutating func renderColumn(_ node: MJMLNode, _ place: Placement, inGroup: Bool = false) {
        let className = columnClass(node, place)
        out.add("<div class=\"")
        out.add(className)
        out.add(" mj-outlook-group-fix")
        if let c = node.a(.cssClass), !c.isEmpty {
            out.add(" ")
            out.add(c)
        }
        out.add("\"")
        out.style("font-size", "0px")
        out.style("text-align", "left")
        out.style("direction", node.a(.direction))
        out.style("display", "inline-block")
        out.style("vertical-align", node.a(.verticalAlign))
        out.style("width", columnMobileWidth(node, place, inGroup: inGroup))
        out.close()
        out.add("\n")
        if columnHasGutter(node) {
            out.openPresentationTable()
            out.attr("width", "100%")
            out.style("border-collapse", columnHasRadius(node) ? "separate" : nil)
            out.close()
            out.add("<tbody><tr><td")
            columnTableStyles(node, gutter: false)
            out.style("padding", node.a(.padding))
            out.style("padding-top", node.a(.paddingTop))
            out.style("padding-right", node.a(.paddingRight))
            out.style("padding-bottom", node.a(.paddingBottom))
            out.style("padding-left", node.a(.paddingLeft))
            out.close()
            out.add("\n")
            renderColumnTable(node, place, gutter: true)
            out.add("</td></tr></tbody></table>\n")
        } else {
            renderColumnTable(node, place, gutter: false)
        }
        out.add("</div>\n")
    }

    private mutating func columnTableStyles(_ node: MJMLNode, gutter: Bool) {
        if gutter {
            out.style("background-color", node.a(.innerBackgroundColor))
            out.style("border", node.a(.innerBorder))
            out.style("border-bottom", node.a(.innerBorderBottom))
            out.style("border-left", node.a(.innerBorderLeft))
            out.style("border-radius", node.a(.innerBorderRadius))
            out.style("border-right", node.a(.innerBorderRight))
            out.style("border-top", node.a(.innerBorderTop))
        } else {
            out.style("background-color", node.a(.backgroundColor))
            out.style("border", node.a(.border))
            out.style("border-bottom", node.a(.borderBottom))
            out.style("border-left", node.a(.borderLeft))
            out.style("border-radius", node.a(.borderRadius))
            out.style("border-right", node.a(.borderRight))
            out.style("border-top", node.a(.borderTop))
            out.style("vertical-align", node.a(.verticalAlign))
        }
        out.style("border-collapse", columnHasRadius(node) ? "separate" : nil)
    }

    func columnHasRadius(_ node: MJMLNode) -> Bool {
        node.a(.borderRadius) != nil || node.a(.innerBorderRadius) != nil
    }

    private mutating func renderColumnTable(_ node: MJMLNode, _ place: Placement, gutter: Bool) {
        out.openPresentationTable()
        out.attr("width", "100%")
        columnTableStyles(node, gutter: gutter)
        out.close()
        out.add("\n<tbody>\n")
        renderLeafRows(node, Placement.children(of: node, width: columnChildWidth(node, place)))
        out.add("</tbody>\n</table>\n")
    }

    /// One `<tr><td>` row per leaf child (mj-text, mj-image…) of a column or hero: the cell
    /// carries the child's alignment, container background and padding. Heroes also write the
    /// background as an attribute (`outlookBackground`), as MJML does.
    mutating func renderLeafRows(_ node: MJMLNode, _ childPlace: Placement, outlookBackground: Bool = false) {
        var childPlace = childPlace
        for (i, child) in node.children.enumerated() where child.kind != .text {
            childPlace.index = i
            if Renderer.isRaw(child) {
                renderRaw(child)
                continue
            }
            out.add("<tr>\n<td")
            out.attr("align", child.a(.align))
            if outlookBackground { out.attr("background", child.a(.containerBackgroundColor)) }
            out.classAttr(child.a(.cssClass))
            out.style("background", child.a(.containerBackgroundColor))
            out.style("font-size", "0px")
            out.style("padding", child.a(.padding))
            out.style("padding-top", child.a(.paddingTop))
            out.style("padding-right", child.a(.paddingRight))
            out.style("padding-bottom", child.a(.paddingBottom))
            out.style("padding-left", child.a(.paddingLeft))
            out.style("word-break", "break-word")
            out.close()
            out.add("\n")
            renderLeaf(child, childPlace)
            out.add("</td>\n</tr>\n")
        }
    }
}
