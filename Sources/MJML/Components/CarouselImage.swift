/// `<mj-carousel-image>`: one image of a carousel, and its thumbnail.
enum MJCarouselImage: Component {
    static let tag = "mj-carousel-image"
    static let defaults = ["alt": "", "target": "_blank"]
    static let parents: Set<String> = ["mj-carousel"]
    static let attributes = [
        "alt", "href", "rel", "src", "target", "thumbnails-src", "title", "border-radius", "tb-border", "tb-border-radius",
    ]
    static let isEndingTag = true

    static func text(of node: MJMLNode) -> String? { node.a(.alt) ?? "" }

    static func render(_ image: MJMLNode, _ node: MJMLNode, index: Int, width: Double, _ r: inout Renderer) {
        r.out.add("<div")
        var cls = "mj-carousel-image mj-carousel-image-\(index + 1)"
        if let c = image.a(.cssClass), !c.isEmpty { cls += " " + c }
        r.out.attr("class", cls)
        if index > 0 {
            r.out.style("display", "none")
            r.out.style("mso-hide", "all")
        }
        r.out.close()
        if let href = image.a(.href) {
            r.out.add("<a")
            r.out.attr("href", href)
            r.out.attr("rel", image.a(.rel))
            r.out.attr("target", "_blank")
            r.out.add(">")
        }
        r.out.add("<img")
        r.out.attr("title", image.a(.title))
        r.out.attr("src", image.a(.src))
        r.out.attr("alt", image.a(.alt))
        r.out.attr("width", fmt(width))
        r.out.attr("border", "0")
        r.out.style("border-radius", image.a(.borderRadius) ?? node.a(.borderRadius))
        r.out.style("display", "block")
        r.out.style("width", fmt(width) + "px")
        r.out.style("max-width", "100%")
        r.out.style("height", "auto")
        r.out.closeVoid()
        if image.a(.href) != nil { r.out.add("</a>") }
        r.out.add("</div>\n")
    }

    static func thumbnail(_ image: MJMLNode, _ node: MJMLNode, id: String, index: Int, width: String, _ r: inout Renderer) {
        r.out.add("<a")
        r.out.attr("href", "#\(index + 1)")
        r.out.attr("target", image.a(.target))
        var cls = "mj-carousel-thumbnail mj-carousel-\(id)-thumbnail mj-carousel-\(id)-thumbnail-\(index + 1)"
        if let c = image.a(.cssClass), !c.isEmpty {
            cls += " " + c.split(separator: " ").map { $0 + "-thumbnail" }.joined(separator: " ")
        }
        r.out.attr("class", cls)
        r.out.style("border", image.a(.tbBorder) ?? node.a(.tbBorder))
        r.out.style("border-radius", image.a(.tbBorderRadius) ?? node.a(.tbBorderRadius))
        r.out.style("display", "inline-block")
        r.out.style("overflow", "hidden")
        r.out.style("width", width)
        r.out.close()
        r.out.add("<label for=\"mj-carousel-\(id)-radio-\(index + 1)\"><img")
        r.out.attr("src", image.a(.thumbnailsSrc) ?? image.a(.src))
        r.out.attr("alt", image.a(.alt))
        r.out.attr("width", parseInt(width).map { String($0) })
        r.out.style("display", "block")
        r.out.style("width", "100%")
        r.out.style("height", "auto")
        r.out.closeVoid()
        r.out.add("</label></a>")
    }
}
