/// `<mj-section>`: a row of the body (see `SectionLayout`) holding a row of columns or groups.
enum MJSection: Component {
    static let tag = "mj-section"
    static let defaults = [
        "background-repeat": "repeat", "background-size": "auto", "background-position": "top center",
        "direction": "ltr", "padding": "20px 0", "text-align": "center", "text-padding": "4px 4px 4px 0",
    ]
    static let parents: Set<String> = ["mj-body", "mj-wrapper"]
    static let attributes =
        CommonAttributes.padding + CommonAttributes.borders + CommonAttributes.background
        + ["full-width", "text-align", "direction", "text-padding"]
    static let role = ComponentRole.section

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        SectionLayout.render(node, place, &r) { r, width in renderColumns(node, width, &r) }
    }

    /// The Outlook row of columns/groups (any other child is drawn as a column, as MJML does).
    private static func renderColumns(_ node: MJMLNode, _ width: Double, _ r: inout Renderer) {
        r.out.startConditional()
        r.out.add("<table role=\"presentation\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\"><tr>")
        OutlookRow.render(
            node, width: SectionLayout.boxWidth(node, width), &r, closeCell: "</td>",
            openCell: { child, place, r in
                r.out.add("<td")
                r.out.classAttr(child.outlookClass)
                r.out.attr("align", child.a(.align))
                r.out.style("vertical-align", child.a(.verticalAlign))
                r.out.style("width", ColumnLayout.outlookWidth(child, place))
                r.out.close()
            },
            child: { child, place, r in
                if child.tag == MJGroup.tag { MJGroup.render(child, place, &r) } else { MJColumn.render(child, place, &r) }
            })
        r.out.add("</tr></table>")
        r.out.endConditional()
        r.out.add("\n")
    }
}
