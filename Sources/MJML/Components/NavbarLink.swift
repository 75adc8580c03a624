/// `<mj-navbar-link>`: one link of an `mj-navbar`.
enum MJNavbarLink: Component {
    static let tag = "mj-navbar-link"
    static let defaults = [
        "color": "#000000", "font-family": CommonAttributes.ubuntu, "font-size": "13px", "font-weight": "normal",
        "line-height": "22px", "padding": "15px 10px", "target": "_blank", "text-decoration": "none",
        "text-transform": "uppercase",
    ]
    static let parents: Set<String> = ["mj-navbar"]
    static let attributes = CommonAttributes.padding + CommonAttributes.font + ["href", "name", "rel", "target", "title"]
    static let isEndingTag = true

    static func text(of node: MJMLNode) -> String? { TextRenderer.link(HTMLToText.convert(node.content), href(node)) }

    /// `href` under the navbar's `base-url`.
    static func href(_ node: MJMLNode) -> String? {
        guard let href = node.a(.href) else { return nil }
        return (node.a(.navbarBaseUrl) ?? "") + href
    }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        r.out.startConditional()
        r.out.add("<td")
        r.out.classAttr(node.outlookClass)
        padding(node, &r)
        r.out.close()
        r.out.endConditional()
        r.out.add("\n<a")
        var cls = "mj-link"
        if let c = node.a(.cssClass), !c.isEmpty { cls += " " + c }
        r.out.attr("class", cls)
        r.out.attr("href", href(node))
        r.out.attr("rel", node.a(.rel))
        r.out.attr("target", node.a(.target))
        r.out.attr("name", node.a(.name))
        r.out.style("display", "inline-block")
        r.out.style("color", node.a(.color))
        r.out.fontStyles(node)
        r.out.style("text-decoration", node.a(.textDecoration))
        r.out.style("text-transform", node.a(.textTransform))
        padding(node, &r)
        r.out.close()
        r.out.add(node.content.trimmingASCIISpace())
        r.out.add("</a>\n")
        r.out.startConditional()
        r.out.add("</td>")
        r.out.endConditional()
        r.out.add("\n")
    }

    private static func padding(_ node: MJMLNode, _ r: inout Renderer) {
        r.out.style("padding", node.a(.padding))
        r.out.style("padding-top", node.a(.paddingTop))
        r.out.style("padding-left", node.a(.paddingLeft))
        r.out.style("padding-right", node.a(.paddingRight))
        r.out.style("padding-bottom", node.a(.paddingBottom))
    }
}
