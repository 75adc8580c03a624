/// `<mj-wrapper>`: a section (see `SectionLayout`) whose children are sections, one Outlook row each.
enum MJWrapper: Component {
    static let tag = "mj-wrapper"
    static let defaults = MJSection.defaults
    static let parents: Set<String> = ["mj-body"]
    static let attributes =
        CommonAttributes.padding + CommonAttributes.borders + CommonAttributes.background
        + ["full-width", "text-align", "direction", "gap"]
    static let role = ComponentRole.section

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        SectionLayout.render(node, place, &r) { r, width in renderRows(node, width, &r) }
    }

    private static func renderRows(_ node: MJMLNode, _ width: Double, _ r: inout Renderer) {
        r.out.startConditional()
        r.out.add("<table role=\"presentation\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\">")
        OutlookRow.render(
            node, width: SectionLayout.boxWidth(node, width), &r, closeCell: "</td></tr>",
            openCell: { child, _, r in
                r.out.add("<tr><td")
                r.out.attr("align", child.a(.align))
                r.out.classAttr(child.outlookClass)
                r.out.attr("width", fmt(width) + "px")
                r.out.add(" >")
            },
            child: { child, place, r in
                r.renderBodyChild(child, place)
            })
        r.out.add("</table>")
        r.out.endConditional()
        r.out.add("\n")
    }
}
