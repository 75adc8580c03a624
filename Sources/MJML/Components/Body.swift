extension Renderer {
    /// `<mj-body>`: the preview text, then the article div holding every section.
    mutating func renderBody(_ body: MJMLNode, lang: String, dir: String) {
        let bg = body.a(.backgroundColor)
        bodyBackground = bg
        if !head.preview.isEmpty {
            out.add("<div style=\"display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;\">")
            out.add(head.preview)
            out.add("</div>\n")
        }
        out.add("<div")
        if !head.title.isEmpty { out.attr("aria-label", head.title) }
        out.add(" aria-roledescription=\"email\"")
        out.classAttr(body.a(.cssClass))
        out.attr("role", "article")
        out.attr("lang", lang)
        out.attr("dir", dir)
        out.style("background-color", bg)
        out.close()
        out.add("\n")
        let width = parseSize(body.a(.width), keepFloat: false)?.value ?? 600
        var place = Placement.children(of: body, width: width)
        for (i, child) in body.children.enumerated() where child.kind != .text {
            place.index = i
            renderBodyChild(child, place)
        }
        out.add("</div>\n")
    }

    /// Children of mj-body and mj-wrapper.
    mutating func renderBodyChild(_ node: MJMLNode, _ place: Placement) {
        switch node.tag {
        case "mj-section": renderSection(node, place)
        case "mj-wrapper": renderWrapper(node, place)
        case "mj-hero": renderHero(node, place)
        default:
            if Renderer.isRaw(node) { renderRaw(node) } else { renderLeaf(node, place) }
        }
    }
}
