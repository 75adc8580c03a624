/// The loop Outlook's layout tables share (section columns, wrapper sections, group columns):
/// each child gets a cell inside the conditional comment, and is drawn between the comment's
/// close and re-open; `mj-raw` and comments go outside the cells, as they are.
///
/// The caller writes the table around the loop; `openCell` writes a child's `<td …>` (or
/// `<tr><td …>`), `closeCell` what ends it, `child` draws it.
enum OutlookRow {
    static func render(
        _ node: MJMLNode, width: Double, _ r: inout Renderer, closeCell: StaticString,
        openCell: (MJMLNode, Placement, inout Renderer) -> Void,
        child: (MJMLNode, Placement, inout Renderer) -> Void
    ) {
        var place = Placement.children(of: node, width: width)
        for (i, c) in node.children.enumerated() where c.kind != .text {
            place.index = i
            if Renderer.isRaw(c) {
                r.out.endConditional()
                r.renderRaw(c)
                r.out.startConditional()
                continue
            }
            openCell(c, place, &r)
            r.out.endConditional()
            r.out.add("\n")
            child(c, place, &r)
            r.out.startConditional()
            r.out.add(closeCell)
        }
    }
}
