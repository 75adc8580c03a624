/// `<mj-navbar>` and `<mj-navbar-link>`: inline links, with an optional CSS-only hamburger menu.
extension Renderer {
    mutating func renderNavbar(_ node: MJMLNode) {
        useComponentStyle("mj-navbar")
        if node.a(.hamburger) == "hamburger" { renderHamburger(node) }
        out.add("<div class=\"mj-inline-links\">\n")
        out.startConditional()
        out.add("<table role=\"presentation\" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" align=\"")
        out.add(node.a(.align) ?? "center")
        out.add("\"><tr>")
        out.endConditional()
        out.add("\n")
        for child in node.children where child.kind != .text {
            if Renderer.isRaw(child) {
                renderRaw(child)
            } else if child.tag == "mj-navbar-link" {
                renderNavbarLink(child)
            }
        }
        out.startConditional()
        out.add("</tr></table>")
        out.endConditional()
        out.add("\n</div>\n")
    }

    private mutating func renderHamburger(_ node: MJMLNode) {
        let key = nextID()
        out.add("<!--[if !mso]><!--><input type=\"checkbox\" id=\"")
        out.add(key)
        out.add("\" class=\"mj-menu-checkbox\" style=\"display:none !important; max-height:0; visibility:hidden;\" /><!--<![endif]-->\n")
        out.add("<div class=\"mj-menu-trigger\" style=\"display:none;max-height:0px;max-width:0px;font-size:0px;overflow:hidden;\">\n<label")
        out.attr("for", key)
        out.attr("class", "mj-menu-label")
        out.attr("align", node.a(.icoAlign))
        out.style("display", "block")
        out.style("cursor", "pointer")
        out.style("mso-hide", "all")
        out.style("-moz-user-select", "none")
        out.style("user-select", "none")
        out.style("color", node.a(.icoColor))
        out.style("font-size", node.a(.icoFontSize))
        out.style("font-family", node.a(.icoFontFamily))
        out.style("text-transform", node.a(.icoTextTransform))
        out.style("text-decoration", node.a(.icoTextDecoration))
        out.style("line-height", node.a(.icoLineHeight))
        out.style("padding-top", node.a(.icoPaddingTop))
        out.style("padding-right", node.a(.icoPaddingRight))
        out.style("padding-bottom", node.a(.icoPaddingBottom))
        out.style("padding-left", node.a(.icoPaddingLeft))
        out.style("padding", node.a(.icoPadding))
        out.close()
        out.add("\n<span class=\"mj-menu-icon-open\" style=\"mso-hide:all;\">")
        out.add(node.a(.icoOpen) ?? "&#9776;")
        out.add("</span>\n<span class=\"mj-menu-icon-close\" style=\"display:none;mso-hide:all;\">")
        out.add(node.a(.icoClose) ?? "&#8855;")
        out.add("</span>\n</label>\n</div>\n")
    }

    private mutating func renderNavbarLink(_ node: MJMLNode) {
        out.startConditional()
        out.add("<td")
        out.classAttr(node.outlookClass)
        navbarPadding(node)
        out.close()
        out.endConditional()
        out.add("\n<a")
        var cls = "mj-link"
        if let c = node.a(.cssClass), !c.isEmpty { cls += " " + c }
        out.attr("class", cls)
        var href = node.a(.href)
        if let base = node.a(.navbarBaseUrl), let h = href { href = base + h }
        out.attr("href", href)
        out.attr("rel", node.a(.rel))
        out.attr("target", node.a(.target))
        out.attr("name", node.a(.name))
        out.style("display", "inline-block")
        out.style("color", node.a(.color))
        out.style("font-family", node.a(.fontFamily))
        out.style("font-size", node.a(.fontSize))
        out.style("font-style", node.a(.fontStyle))
        out.style("font-weight", node.a(.fontWeight))
        out.style("letter-spacing", node.a(.letterSpacing))
        out.style("line-height", node.a(.lineHeight))
        out.style("text-decoration", node.a(.textDecoration))
        out.style("text-transform", node.a(.textTransform))
        navbarPadding(node)
        out.close()
        out.add(node.content.trimmingASCIISpace())
        out.add("</a>\n")
        out.startConditional()
        out.add("</td>")
        out.endConditional()
        out.add("\n")
    }

    private mutating func navbarPadding(_ node: MJMLNode) {
        out.style("padding", node.a(.padding))
        out.style("padding-top", node.a(.paddingTop))
        out.style("padding-left", node.a(.paddingLeft))
        out.style("padding-right", node.a(.paddingRight))
        out.style("padding-bottom", node.a(.paddingBottom))
    }

    /// Deterministic 16-hex-digit ids for inputs and labels (MJML uses random ones).
    mutating func nextID() -> String {
        idCounter &+= 1
        var x = idCounter &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 48, count: 16)
        for i in 0..<16 {
            bytes[15 - i] = hex[Int(x & 0xF)]
            x >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
