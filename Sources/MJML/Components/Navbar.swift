/// `<mj-navbar>`: inline links (`mj-navbar-link`), with an optional CSS-only hamburger menu.
enum MJNavbar: Component {
    static let tag = "mj-navbar"
    static let defaults = [
        "align": "center", "ico-align": "center", "ico-open": "&#9776;", "ico-close": "&#8855;",
        "ico-color": "#000000", "ico-font-size": "30px", "ico-font-family": CommonAttributes.ubuntu,
        "ico-text-transform": "uppercase", "ico-padding": "10px", "ico-text-decoration": "none",
        "ico-line-height": "30px",
    ]
    static let parents = CommonAttributes.contentParents
    static let attributes = [
        "align", "base-url", "hamburger", "ico-align", "ico-close", "ico-color", "ico-font-family", "ico-font-size",
        "ico-line-height", "ico-open", "ico-padding", "ico-padding-top", "ico-padding-right", "ico-padding-bottom",
        "ico-padding-left", "ico-text-decoration", "ico-text-transform", "padding", "container-background-color",
    ]
    static let role = ComponentRole.content

    /// One line per link.
    static func text(of node: MJMLNode) -> String? { TextRenderer.lines(of: node) }

    static func passedToChildren(of node: MJMLNode) -> Cascade.Pairs? {
        PassedAttributes.index(node, .baseUrl).map { [(Attr.navbarBaseUrl.rawValue, $0)] }
    }

    static func headStyle(lowerBreakpoint lower: String) -> String {
        """
        noinput.mj-menu-checkbox { display:block!important; max-height:none!important; visibility:visible!important; }
        @media only screen and (max-width:\(lower)) {
        .mj-menu-checkbox[type="checkbox"] ~ .mj-inline-links { display:none!important; }
        .mj-menu-checkbox[type="checkbox"]:checked ~ .mj-inline-links,
        .mj-menu-checkbox[type="checkbox"] ~ .mj-menu-trigger { display:block!important; max-width:none!important; max-height:none!important; font-size:inherit!important; }
        .mj-menu-checkbox[type="checkbox"] ~ .mj-inline-links > a { display:block!important; }
        .mj-menu-checkbox[type="checkbox"]:checked ~ .mj-menu-trigger .mj-menu-icon-close { display:block!important; }
        .mj-menu-checkbox[type="checkbox"]:checked ~ .mj-menu-trigger .mj-menu-icon-open { display:none!important; }
        }

        """
    }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        r.useComponentStyle(tag)
        if node.a(.hamburger) == "hamburger" { hamburger(node, &r) }
        r.out.add("<div class=\"mj-inline-links\">\n")
        r.out.startConditional()
        r.out.add("<table role=\"presentation\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" align=\"")
        r.out.add(node.a(.align) ?? "center")
        r.out.add("\"><tr>")
        r.out.endConditional()
        r.out.add("\n")
        for child in node.children where child.kind != .text {
            if Renderer.isRaw(child) {
                r.renderRaw(child)
            } else if child.tag == MJNavbarLink.tag {
                MJNavbarLink.render(child, place, &r)
            }
        }
        r.out.startConditional()
        r.out.add("</tr></table>")
        r.out.endConditional()
        r.out.add("\n</div>\n")
    }

    private static func hamburger(_ node: MJMLNode, _ r: inout Renderer) {
        let key = r.nextID()
        r.out.add("<!--[if !mso]><!--><input type=\"checkbox\" id=\"")
        r.out.add(key)
        r.out.add("\" class=\"mj-menu-checkbox\" style=\"display:none !important; max-height:0; visibility:hidden;\" /><!--<![endif]-->\n")
        r.out.add("<div class=\"mj-menu-trigger\" style=\"display:none;max-height:0px;max-width:0px;font-size:0px;overflow:hidden;\">\n<label")
        r.out.attr("for", key)
        r.out.attr("class", "mj-menu-label")
        r.out.attr("align", node.a(.icoAlign))
        r.out.style("display", "block")
        r.out.style("cursor", "pointer")
        r.out.style("mso-hide", "all")
        r.out.style("-moz-user-select", "none")
        r.out.style("user-select", "none")
        r.out.style("color", node.a(.icoColor))
        r.out.style("font-size", node.a(.icoFontSize))
        r.out.style("font-family", node.a(.icoFontFamily))
        r.out.style("text-transform", node.a(.icoTextTransform))
        r.out.style("text-decoration", node.a(.icoTextDecoration))
        r.out.style("line-height", node.a(.icoLineHeight))
        r.out.style("padding-top", node.a(.icoPaddingTop))
        r.out.style("padding-right", node.a(.icoPaddingRight))
        r.out.style("padding-bottom", node.a(.icoPaddingBottom))
        r.out.style("padding-left", node.a(.icoPaddingLeft))
        r.out.style("padding", node.a(.icoPadding))
        r.out.close()
        r.out.add("\n<span class=\"mj-menu-icon-open\" style=\"mso-hide:all;\">")
        r.out.add(node.a(.icoOpen) ?? "&#9776;")
        r.out.add("</span>\n<span class=\"mj-menu-icon-close\" style=\"display:none;mso-hide:all;\">")
        r.out.add(node.a(.icoClose) ?? "&#8855;")
        r.out.add("</span>\n</label>\n</div>\n")
    }
}
