/// `<mj-carousel>`: radio buttons + CSS selectors switch images; Outlook sees the first image.
enum MJCarousel: Component {
    static let tag = "mj-carousel"
    static let defaults = [
        "align": "center", "border-radius": "6px", "icon-width": "44px",
        "left-icon": "https://i.imgur.com/xTh3hln.png", "right-icon": "https://i.imgur.com/os7o9kz.png",
        "thumbnails": "visible", "tb-border": "2px solid transparent", "tb-border-radius": "6px",
        "tb-hover-border-color": "#fead0d", "tb-selected-border-color": "#ccc",
    ]
    static let parents = CommonAttributes.contentParents
    static let attributes = [
        "align", "border-radius", "container-background-color", "icon-width", "left-icon", "right-icon",
        "thumbnails", "tb-border", "tb-border-radius", "tb-hover-border-color", "tb-selected-border-color",
        "tb-width", "padding",
    ]
    static let role = ComponentRole.content

    static func passedToChildren(of node: MJMLNode) -> Cascade.Pairs? {
        PassedAttributes.pick(node, [.tbBorder, .tbBorderRadius])
    }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        let images = node.children.filter { $0.tag == MJCarouselImage.tag }
        let id = r.nextID()
        let width = place.containerWidth
        if !images.isEmpty { r.extraStyles.append(style(node, id: id, count: images.count)) }
        r.out.add("<!--[if !mso]><!-->\n<div class=\"mj-carousel\">")
        for (i, image) in images.enumerated() {
            r.out.add("<input")
            r.out.attr("class", "mj-carousel-radio mj-carousel-\(id)-radio mj-carousel-\(id)-radio-\(i + 1)")
            if i == 0 { r.out.attr("checked", "checked") }
            r.out.attr("type", "radio")
            r.out.attr("name", "mj-carousel-radio-\(id)")
            r.out.attr("id", "mj-carousel-\(id)-radio-\(i + 1)")
            r.out.style("display", "none")
            r.out.style("mso-hide", "all")
            r.out.closeVoid()
            _ = image
        }
        r.out.add("\n<div")
        r.out.attr("class", "mj-carousel-content mj-carousel-\(id)-content")
        r.out.style("display", "table")
        r.out.style("width", "100%")
        r.out.style("table-layout", "fixed")
        r.out.style("text-align", "center")
        r.out.style("font-size", "0px")
        r.out.close()
        if node.a(.thumbnails) == "visible" {
            let tbWidth = node.a(.tbWidth) ?? (fmt(min(width / Double(images.count), 110)) + "px")
            for (i, image) in images.enumerated() { MJCarouselImage.thumbnail(image, node, id: id, index: i, width: tbWidth, &r) }
        }
        r.out.add("\n<table")
        r.out.attr("border", "0")
        r.out.attr("cellpadding", "0")
        r.out.attr("cellspacing", "0")
        r.out.attr("width", "100%")
        r.out.attr("role", "presentation")
        r.out.attr("class", "mj-carousel-main")
        r.out.style("caption-side", "top")
        r.out.style("display", "table-caption")
        r.out.style("table-layout", "fixed")
        r.out.style("width", "100%")
        r.out.close()
        r.out.add("\n<tbody>\n<tr>\n")
        controls(node, id: id, direction: "previous", icon: node.a(.leftIcon), count: images.count, &r)
        r.out.add("<td style=\"padding:0px;\">\n<div class=\"mj-carousel-images\">\n")
        for (i, image) in images.enumerated() { MJCarouselImage.render(image, node, index: i, width: width, &r) }
        r.out.add("</div>\n</td>\n")
        controls(node, id: id, direction: "next", icon: node.a(.rightIcon), count: images.count, &r)
        r.out.add("</tr>\n</tbody>\n</table>\n</div>\n</div>\n<!--<![endif]-->\n")
        if let first = images.first {
            r.out.add("<!--[if mso]>")
            MJCarouselImage.render(first, node, index: 0, width: width, &r)
            r.out.add("<![endif]-->\n")
        }
    }

    private static func controls(_ node: MJMLNode, id: String, direction: String, icon: String?, count: Int, _ r: inout Renderer) {
        r.out.add("<td class=\"mj-carousel-\(id)-icons-cell\" style=\"font-size:0px;display:none;mso-hide:all;padding:0px;\">\n")
        r.out.add("<div class=\"mj-carousel-\(direction)-icons\" style=\"display:none;mso-hide:all;\">")
        let iconWidth = node.a(.iconWidth)
        for i in 0..<count {
            r.out.add("<label for=\"mj-carousel-\(id)-radio-\(i + 1)\" class=\"mj-carousel-\(direction) mj-carousel-\(direction)-\(i + 1)\"><img")
            r.out.attr("src", icon)
            r.out.attr("alt", direction)
            r.out.attr("width", parseInt(iconWidth).map { String($0) })
            r.out.style("display", "block")
            r.out.style("width", iconWidth)
            r.out.style("height", "auto")
            r.out.closeVoid()
            r.out.add("</label>")
        }
        r.out.add("</div>\n</td>\n")
    }

    private static func style(_ node: MJMLNode, id: String, count n: Int) -> String {
        func rep(_ k: Int) -> String { String(repeating: "+ * ", count: k) }
        var s = ".mj-carousel { -webkit-user-select: none; -moz-user-select: none; user-select: none; }\n"
        s += ".mj-carousel-\(id)-icons-cell { display: table-cell !important; width: \(node.a(.iconWidth) ?? "44px") !important; }\n"
        s += ".mj-carousel-radio, .mj-carousel-next, .mj-carousel-previous { display: none !important; }\n"
        s += ".mj-carousel-thumbnail, .mj-carousel-next, .mj-carousel-previous { touch-action: manipulation; }\n"
        s +=
            (0..<n).map { ".mj-carousel-\(id)-radio:checked \(rep($0))+ .mj-carousel-content .mj-carousel-image" }
            .joined(separator: ", ") + " { display: none !important; }\n"
        s +=
            (0..<n).map { ".mj-carousel-\(id)-radio-\($0 + 1):checked \(rep(n - $0 - 1))+ .mj-carousel-content .mj-carousel-image-\($0 + 1)" }
            .joined(separator: ", ") + " { display: block !important; }\n"
        var nav = [".mj-carousel-previous-icons", ".mj-carousel-next-icons"]
        nav += (0..<n).map {
            ".mj-carousel-\(id)-radio-\($0 + 1):checked \(rep(n - $0 - 1))+ .mj-carousel-content .mj-carousel-next-\(($0 + 1) % n + 1)"
        }
        nav += (0..<n).map {
            ".mj-carousel-\(id)-radio-\($0 + 1):checked \(rep(n - $0 - 1))+ .mj-carousel-content .mj-carousel-previous-\(($0 + n - 1) % n + 1)"
        }
        s += nav.joined(separator: ", ") + " { display: block !important; }\n"
        s +=
            (0..<n).map {
                ".mj-carousel-\(id)-radio-\($0 + 1):checked \(rep(n - $0 - 1))+ .mj-carousel-content .mj-carousel-\(id)-thumbnail-\($0 + 1)"
            }
            .joined(separator: ", ") + " { border-color: \(node.a(.tbSelectedBorderColor) ?? "#cccccc") !important; }\n"
        s +=
            (0..<n).map { ".mj-carousel-\(id)-radio-\($0 + 1):checked \(rep(n - $0 - 1))+ .mj-carousel-content .mj-carousel-\(id)-thumbnail" }
            .joined(separator: ", ") + " { display: inline-block !important; }\n"
        s += ".mj-carousel-image img + div, .mj-carousel-thumbnail img + div { display: none !important; }\n"
        s +=
            (0..<n).map { ".mj-carousel-\(id)-thumbnail:hover \(rep(n - $0 - 1))+ .mj-carousel-main .mj-carousel-image" }
            .joined(separator: ", ") + " { display: none !important; }\n"
        s += ".mj-carousel-thumbnail:hover { border-color: \(node.a(.tbHoverBorderColor) ?? "#fead0d") !important; }\n"
        s +=
            (0..<n).map { ".mj-carousel-\(id)-thumbnail-\($0 + 1):hover \(rep(n - $0 - 1))+ .mj-carousel-main .mj-carousel-image-\($0 + 1)" }
            .joined(separator: ", ") + " { display: block !important; }\n"
        s += ".mj-carousel noinput { display:block !important; }\n"
        s += ".mj-carousel noinput .mj-carousel-image-1 { display: block !important;  }\n"
        s += ".mj-carousel noinput .mj-carousel-arrows, .mj-carousel noinput .mj-carousel-thumbnails { display: none !important; }\n"
        s += "[owa] .mj-carousel-thumbnail { display: none !important; }\n"
        s +=
            "@media screen, yahoo {\n.mj-carousel-\(id)-icons-cell, .mj-carousel-previous-icons, .mj-carousel-next-icons { display: none !important; }\n"
        s +=
            ".mj-carousel-\(id)-radio-1:checked \(rep(n - 1))+ .mj-carousel-content .mj-carousel-\(id)-thumbnail-1 { border-color: transparent; }\n}\n"
        return s
    }
}
