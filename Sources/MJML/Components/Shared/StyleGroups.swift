/// Groups of declarations that several components write in the same order. MJML's output is
/// compared byte for byte, so each group keeps the order MJML writes it in; a component whose
/// order differs (the navbar link's paddings) writes its own.
extension HTMLBuffer {
    /// `padding`, then its sides clockwise: top, right, bottom, left. Hero's inner box passes
    /// its `inner-padding` attributes.
    mutating func paddings(
        _ node: MJMLNode, _ all: Attr = .padding, top: Attr = .paddingTop, right: Attr = .paddingRight,
        bottom: Attr = .paddingBottom, left: Attr = .paddingLeft
    ) {
        style("padding", node.a(all))
        style("padding-top", node.a(top))
        style("padding-right", node.a(right))
        style("padding-bottom", node.a(bottom))
        style("padding-left", node.a(left))
    }

    /// The padding sides in alphabetical order (bottom, left, right, top), without `padding`.
    mutating func sidePaddingsAlphabetical(_ node: MJMLNode) {
        style("padding-bottom", node.a(.paddingBottom))
        style("padding-left", node.a(.paddingLeft))
        style("padding-right", node.a(.paddingRight))
        style("padding-top", node.a(.paddingTop))
    }

    /// `border`, its sides and its radius, in alphabetical order.
    mutating func borders(_ node: MJMLNode) {
        style("border", node.a(.border))
        style("border-bottom", node.a(.borderBottom))
        style("border-left", node.a(.borderLeft))
        style("border-radius", node.a(.borderRadius))
        style("border-right", node.a(.borderRight))
        style("border-top", node.a(.borderTop))
    }

    /// Family, size, style, weight, letter spacing and line height.
    mutating func fontStyles(_ node: MJMLNode) {
        style("font-family", node.a(.fontFamily))
        style("font-size", node.a(.fontSize))
        style("font-style", node.a(.fontStyle))
        style("font-weight", node.a(.fontWeight))
        style("letter-spacing", node.a(.letterSpacing))
        style("line-height", node.a(.lineHeight))
    }
}
