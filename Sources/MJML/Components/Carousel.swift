/// `<mj-carousel>`: radio buttons + CSS selectors switch images; Outlook sees the first image.
extension Renderer {
    mutating func renderCarousel(_ node: MJMLNode, _ place: Placement) {
        let images = node.children.filter { $0.tag == "mj-carousel-image" }
        let id = nextID()
        let width = place.containerWidth
        if !images.isEmpty { extraStyles.append(carouselStyle(node, id: id, count: images.count)) }
        out.add("<!--[if !mso]><!-->\n<div class=\"mj-carousel\">")
        for (i, image) in images.enumerated() {
            out.add("<input")
            out.attr("class", "mj-carousel-radio mj-carousel-\(id)-radio mj-carousel-\(id)-radio-\(i + 1)")
            if i == 0 { out.attr("checked", "checked") }
            out.attr("type", "radio")
            out.attr("name", "mj-carousel-radio-\(id)")
            out.attr("id", "mj-carousel-\(id)-radio-\(i + 1)")
            out.style("display", "none")
            out.style("mso-hide", "all")
            out.closeVoid()
            _ = image
        }
        out.add("\n<div")
        out.attr("class", "mj-carousel-content mj-carousel-\(id)-content")
        out.style("display", "table")
        out.style("width", "100%")
        out.style("table-layout", "fixed")
        out.style("text-align", "center")
        out.style("font-size", "0px")
        out.close()
        if node.a(.thumbnails) == "visible" {
            let tbWidth = node.a(.tbWidth) ?? (fmt(min(width / Double(images.count), 110)) + "px")
            for (i, image) in images.enumerated() { carouselThumbnail(image, node, id: id, index: i, width: tbWidth) }
        }
        out.add("\n<table")
        out.attr("border", "0")
        out.attr("cellpadding", "0")
        out.attr("cellspacing", "0")
        out.attr("width", "100%")
        out.attr("role", "presentation")
        out.attr("class", "mj-carousel-main")
        out.style("caption-side", "top")
        out.style("display", "table-caption")
        out.style("table-layout", "fixed")
        out.style("width", "100%")
        out.close()
        out.add("\n<tbody>\n<tr>\n")
        carouselControls(node, id: id, direction: "previous", icon: node.a(.leftIcon), count: images.count)
        out.add("<td style=\"padding:0px;\">\n<div class=\"mj-carousel-images\">\n")
        for (i, image) in images.enumerated() { carouselImage(image, node, index: i, width: width) }
        out.add("</div>\n</td>\n")
        carouselControls(node, id: id, direction: "next", icon: node.a(.rightIcon), count: images.count)
        out.add("</tr>\n</tbody>\n</table>\n</div>\n</div>\n<!--<![endif]-->\n")
        if let first = images.first {
            out.add("<!--[if mso]>")
            carouselImage(first, node, index: 0, width: width)
            out.add("<![endif]-->\n")
        }
    }

    private mutating func carouselThumbnail(_ image: MJMLNode, _ node: MJMLNode, id: String, index: Int, width: String) {
        out.add("<a")
        out.attr("href", "#\(index + 1)")
        out.attr("target", image.a(.target))
        var cls = "mj-carousel-thumbnail mj-carousel-\(id)-thumbnail mj-carousel-\(id)-thumbnail-\(index + 1)"
        if let c = image.a(.cssClass), !c.isEmpty {
            cls += " " + c.split(separator: " ").map { $0 + "-thumbnail" }.joined(separator: " ")
        }
        out.attr("class", cls)
        out.style("border", image.a(.tbBorder) ?? node.a(.tbBorder))
        out.style("border-radius", image.a(.tbBorderRadius) ?? node.a(.tbBorderRadius))
        out.style("display", "inline-block")
        out.style("overflow", "hidden")
        out.style("width", width)
        out.close()
        out.add("<label for=\"mj-carousel-\(id)-radio-\(index + 1)\"><img")
        out.attr("src", image.a(.thumbnailsSrc) ?? image.a(.src))
        out.attr("alt", image.a(.alt))
        out.attr("width", parseInt(width).map { String($0) })
        out.style("display", "block")
        out.style("width", "100%")
        out.style("height", "auto")
        out.closeVoid()
        out.add("</label></a>")
    }

    private mutating func carouselControls(_ node: MJMLNode, id: String, direction: String, icon: String?, count: Int) {
        out.add("<td class=\"mj-carousel-\(id)-icons-cell\" style=\"font-size:0px;display:none;mso-hide:all;padding:0px;\">\n")
        out.add("<div class=\"mj-carousel-\(direction)-icons\" style=\"display:none;mso-hide:all;\">")
        let iconWidth = node.a(.iconWidth)
        for i in 0..<count {
            out.add("<label for=\"mj-carousel-\(id)-radio-\(i + 1)\" class=\"mj-carousel-\(direction) mj-carousel-\(direction)-\(i + 1)\"><img")
            out.attr("src", icon)
            out.attr("alt", direction)
            out.attr("width", parseInt(iconWidth).map { String($0) })
            out.style("display", "block")
            out.style("width", iconWidth)
            out.style("height", "auto")
            out.closeVoid()
            out.add("</label>")
        }
        out.add("</div>\n</td>\n")
    }

    private mutating func carouselImage(_ image: MJMLNode, _ node: MJMLNode, index: Int, width: Double) {
        out.add("<div")
        var cls = "mj-carousel-image mj-carousel-image-\(index + 1)"
        if let c = image.a(.cssClass), !c.isEmpty { cls += " " + c }
        out.attr("class", cls)
        if index > 0 {
            out.style("display", "none")
            out.style("mso-hide", "all")
        }
        out.close()
        if let href = image.a(.href) {
            out.add("<a")
            out.attr("href", href)
            out.attr("rel", image.a(.rel))
            out.attr("target", "_blank")
            out.add(">")
        }
        out.add("<img")
        out.attr("title", image.a(.title))
        out.attr("src", image.a(.src))
        out.attr("alt", image.a(.alt))
        out.attr("width", fmt(width))
        out.attr("border", "0")
        out.style("border-radius", image.a(.borderRadius) ?? node.a(.borderRadius))
        out.style("display", "block")
        out.style("width", fmt(width) + "px")
        out.style("max-width", "100%")
        out.style("height", "auto")
        out.closeVoid()
        if image.a(.href) != nil { out.add("</a>") }
        out.add("</div>\n")
    }

    private func carouselStyle(_ node: MJMLNode, id: String, count n: Int) -> String {
        func rep(_ k: Int) -> String { String(repeating: "+ * ", count: k) }
        var s = ".mj-carousel { -webkit-user-select: none; -moz-user-select: none; user-select: none; }\n"
        s += ".mj-carousel-\(id)-icons-cell { display: table-cell !important; width: \(node.a(.iconWidth) ?? "44px") !important; }\n"
        s += ".mj-carousel-radio, .mj-carousel-next, .mj-carousel-previous { display: none !important; }\n"
        s += ".mj-carousel-thumbnail, .mj-carousel-next, .mj-carousel-previous { touch-action: manipulation; }\n"
        s += (0..<n).map { ".mj-carousel-\(id)-radio:checked \(rep($0))+ .mj-carousel-content .mj-carousel-image" }
            .joined(separator: ", ") + " { display: none !important; }\n"
        s += (0..<n).map { ".mj-carousel-\(id)-radio-\($0 + 1):checked \(rep(n - $0 - 1))+ .mj-carousel-content .mj-carousel-image-\($0 + 1)" }
            .joined(separator: ", ") + " { display: block !important; }\n"
        var nav = [".mj-carousel-previous-icons", ".mj-carousel-next-icons"]
        nav += (0..<n).map { ".mj-carousel-\(id)-radio-\($0 + 1):checked \(rep(n - $0 - 1))+ .mj-carousel-content .mj-carousel-next-\(($0 + 1) % n + 1)" }
        nav += (0..<n).map { ".mj-carousel-\(id)-radio-\($0 + 1):checked \(rep(n - $0 - 1))+ .mj-carousel-content .mj-carousel-previous-\(($0 + n - 1) % n + 1)" }
        s += nav.joined(separator: ", ") + " { display: block !important; }\n"
        s += (0..<n).map { ".mj-carousel-\(id)-radio-\($0 + 1):checked \(rep(n - $0 - 1))+ .mj-carousel-content .mj-carousel-\(id)-thumbnail-\($0 + 1)" }
            .joined(separator: ", ") + " { border-color: \(node.a(.tbSelectedBorderColor) ?? "#cccccc") !important; }\n"
        s += (0..<n).map { ".mj-carousel-\(id)-radio-\($0 + 1):checked \(rep(n - $0 - 1))+ .mj-carousel-content .mj-carousel-\(id)-thumbnail" }
            .joined(separator: ", ") + " { display: inline-block !important; }\n"
        s += ".mj-carousel-image img + div, .mj-carousel-thumbnail img + div { display: none !important; }\n"
        s += (0..<n).map { ".mj-carousel-\(id)-thumbnail:hover \(rep(n - $0 - 1))+ .mj-carousel-main .mj-carousel-image" }
            .joined(separator: ", ") + " { display: none !important; }\n"
        s += ".mj-carousel-thumbnail:hover { border-color: \(node.a(.tbHoverBorderColor) ?? "#fead0d") !important; }\n"
        s += (0..<n).map { ".mj-carousel-\(id)-thumbnail-\($0 + 1):hover \(rep(n - $0 - 1))+ .mj-carousel-main .mj-carousel-image-\($0 + 1)" }
            .joined(separator: ", ") + " { display: block !important; }\n"
        s += ".mj-carousel noinput { display:block !important; }\n"
        s += ".mj-carousel noinput .mj-carousel-image-1 { display: block !important;  }\n"
        s += ".mj-carousel noinput .mj-carousel-arrows, .mj-carousel noinput .mj-carousel-thumbnails { display: none !important; }\n"
        s += "[owa] .mj-carousel-thumbnail { display: none !important; }\n"
        s += "@media screen, yahoo {\n.mj-carousel-\(id)-icons-cell, .mj-carousel-previous-icons, .mj-carousel-next-icons { display: none !important; }\n"
        s += ".mj-carousel-\(id)-radio-1:checked \(rep(n - 1))+ .mj-carousel-content .mj-carousel-\(id)-thumbnail-1 { border-color: transparent; }\n}\n"
        return s
    }
}
