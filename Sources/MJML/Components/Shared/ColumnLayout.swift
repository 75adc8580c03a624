/// What `<mj-column>` and `<mj-group>` share: the width they take in their section, the class
/// that carries it through a media query, and the inline-block div that opens them.
enum ColumnLayout {
    /// The declared width, or an equal share of the section.
    static func parsedWidth(_ node: MJMLNode, _ place: Placement) -> Size {
        if let w = parseSize(node.a(.width)) { return w }
        return Size(value: 100 / Double(place.nonRawSiblings), unit: .percent)
    }

    /// The width of the Outlook cell (`300px`).
    static func outlookWidth(_ node: MJMLNode, _ place: Placement) -> String {
        let w = parsedWidth(node, place)
        if w.isPercent { return fmt(place.containerWidth * w.value / 100) + "px" }
        return fmt(w.value) + "px"
    }

    /// The width left for the children: the share less `less` (paddings, borders).
    static func innerWidth(_ node: MJMLNode, _ place: Placement, less: Double) -> Double {
        if let w = parseSize(node.a(.width)) {
            return w.isPercent ? place.containerWidth * w.value / 100 - less : w.value - less
        }
        return place.containerWidth / Double(place.nonRawSiblings) - less
    }

    /// `mj-column-per-50`, `mj-column-px-200`, registered as a media query.
    static func className(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) -> String {
        let w = parsedWidth(node, place)
        let name = "mj-column" + (w.isPercent ? "-per-" : "-px-") + fmt(w.value).replacingDots()
        r.addMediaQuery(name, w.css)
        return name
    }

    /// `<div class="mj-column-per-50 mj-outlook-group-fix CSS-CLASS"`, left open for styles.
    static func openDiv(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        let name = className(node, place, &r)
        r.out.add("<div class=\"")
        r.out.add(name)
        r.out.add(" mj-outlook-group-fix")
        if let c = node.a(.cssClass), !c.isEmpty {
            r.out.add(" ")
            r.out.add(c)
        }
        r.out.add("\"")
    }
}
