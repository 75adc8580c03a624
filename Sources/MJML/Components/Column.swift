/// `<mj-column>`: an inline-block div (its class carries the desktop width through a media
/// query) holding a table with one row per child.
enum MJColumn: Component {
    static let tag = "mj-column"
    static let defaults = ["direction": "ltr", "vertical-align": "top"]
    static let parents: Set<String> = ["mj-group", "mj-section"]
    static let attributes =
        CommonAttributes.padding + CommonAttributes.borders + [
            "width", "vertical-align", "background-color", "inner-background-color", "inner-border",
            "inner-border-top", "inner-border-right", "inner-border-bottom", "inner-border-left",
            "inner-border-radius", "direction", "mobile-width", "mobileWidth",
        ]

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        render(node, place, &r, inGroup: false)
    }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer, inGroup: Bool) {
        ColumnLayout.openDiv(node, place, &r)
        r.out.style("font-size", "0px")
        r.out.style("text-align", "left")
        r.out.style("direction", node.a(.direction))
        r.out.style("display", "inline-block")
        r.out.style("vertical-align", node.a(.verticalAlign))
        r.out.style("width", mobileWidth(node, place, inGroup: inGroup))
        r.out.close()
        r.out.add("\n")
        if hasGutter(node) {
            r.out.openPresentationTable()
            r.out.attr("width", "100%")
            r.out.style("border-collapse", hasRadius(node) ? "separate" : nil)
            r.out.close()
            r.out.add("<tbody><tr><td")
            tableStyles(node, gutter: false, &r)
            r.out.paddings(node)
            r.out.close()
            r.out.add("\n")
            renderTable(node, place, gutter: true, &r)
            r.out.add("</td></tr></tbody></table>\n")
        } else {
            renderTable(node, place, gutter: false, &r)
        }
        r.out.add("</div>\n")
    }

    /// Columns in a group keep their share on mobile (MJML passes them `mobileWidth`).
    private static func mobileWidth(_ node: MJMLNode, _ place: Placement, inGroup: Bool) -> String {
        guard inGroup || node.a(.mobileWidth) != nil || node.a(.mobileWidthFlag) != nil else { return "100%" }
        guard let width = node.a(.width), let w = parseSize(width) else {
            return "\(Int(100 / Double(place.nonRawSiblings)))%"
        }
        if w.isPercent { return width }
        return fmt(w.value / place.containerWidth * 100) + "%"
    }

    /// The width children of this column get: its share less paddings and borders.
    private static func childWidth(_ node: MJMLNode, _ place: Placement) -> Double {
        let paddings = Double(node.paddingSide(.left) + node.paddingSide(.right))
        let borders = Double(node.borderSide(.left) + node.borderSide(.right))
        let inner = Double(node.borderSide(.left, .innerBorder) + node.borderSide(.right, .innerBorder))
        return ColumnLayout.innerWidth(node, place, less: paddings + borders + inner)
    }

    private static func hasGutter(_ node: MJMLNode) -> Bool {
        node.a(.padding) != nil || node.a(.paddingBottom) != nil || node.a(.paddingLeft) != nil
            || node.a(.paddingRight) != nil || node.a(.paddingTop) != nil
    }

    private static func hasRadius(_ node: MJMLNode) -> Bool {
        node.a(.borderRadius) != nil || node.a(.innerBorderRadius) != nil
    }

    private static func tableStyles(_ node: MJMLNode, gutter: Bool, _ r: inout Renderer) {
        if gutter {
            r.out.style("background-color", node.a(.innerBackgroundColor))
            r.out.style("border", node.a(.innerBorder))
            r.out.style("border-bottom", node.a(.innerBorderBottom))
            r.out.style("border-left", node.a(.innerBorderLeft))
            r.out.style("border-radius", node.a(.innerBorderRadius))
            r.out.style("border-right", node.a(.innerBorderRight))
            r.out.style("border-top", node.a(.innerBorderTop))
        } else {
            r.out.style("background-color", node.a(.backgroundColor))
            r.out.borders(node)
            r.out.style("vertical-align", node.a(.verticalAlign))
        }
        r.out.style("border-collapse", hasRadius(node) ? "separate" : nil)
    }

    private static func renderTable(_ node: MJMLNode, _ place: Placement, gutter: Bool, _ r: inout Renderer) {
        r.out.openPresentationTable()
        r.out.attr("width", "100%")
        tableStyles(node, gutter: gutter, &r)
        r.out.close()
        r.out.add("\n<tbody>\n")
        ContentRows.render(node, Placement.children(of: node, width: childWidth(node, place)), &r)
        r.out.add("</tbody>\n</table>\n")
    }
}
