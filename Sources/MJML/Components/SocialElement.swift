/// `<mj-social-element>`: one icon + label pair of an `mj-social`.
enum MJSocialElement: Component {
    static let tag = "mj-social-element"
    static let defaults = [
        "alt": "", "align": "left", "icon-position": "left", "color": "#000", "border-radius": "3px",
        "font-family": CommonAttributes.ubuntu, "font-size": "13px", "line-height": "1", "padding": "4px",
        "text-padding": "4px 4px 4px 0", "target": "_blank", "text-decoration": "none",
        "vertical-align": "middle",
    ]
    static let parents: Set<String> = ["mj-social"]
    static let attributes =
        CommonAttributes.padding + CommonAttributes.font + [
            "align", "alt", "background-color", "border-radius", "href", "icon-height", "icon-size", "icon-padding",
            "icon-position", "name", "rel", "sizes", "src", "srcset", "target", "text-padding", "title", "vertical-align",
        ]
    static let isEndingTag = true

    static func text(of node: MJMLNode) -> String? {
        let label = HTMLToText.convert(node.content)
        return TextRenderer.link(label.isEmpty ? (node.a(.name) ?? "") : label, href(node))
    }

    /// The link: the network's share URL around `href`, or `href` itself.
    static func href(_ node: MJMLNode) -> String? {
        guard let href = node.a(.href) else { return nil }
        if let share = SocialNetworks.find(node.a(.name) ?? "")?.shareURL { return share.replacingFirst("[[URL]]", with: href) }
        return href
    }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        guard node.tag == tag else { return }
        let network = SocialNetworks.find(node.a(.name) ?? "")
        let link = href(node)
        let iconSize = node.a(.iconSize) ?? network.map { _ in "20px" }
        let iconHeight = node.a(.iconHeight)
        let src = node.a(.src) ?? network.map { SocialNetworks.iconBase + $0.icon }
        let bg = node.a(.backgroundColor) ?? network?.background
        let content = node.content.trimmingASCIISpace()
        let iconLeft = node.a(.iconPosition) != "right"

        r.out.add("<tr")
        r.out.classAttr(node.a(.cssClass))
        r.out.add(">\n")
        if iconLeft {
            icon(node, &r, href: link, src: src, bg: bg, size: iconSize, height: iconHeight)
            if !content.isEmpty { label(node, &r, href: link, content) }
        } else {
            label(node, &r, href: link, content)
            icon(node, &r, href: link, src: src, bg: bg, size: iconSize, height: iconHeight)
        }
        r.out.add("</tr>\n")
    }

    private static func icon(_ node: MJMLNode, _ r: inout Renderer, href: String?, src: String?, bg: String?, size: String?, height: String?) {
        r.out.add("<td")
        r.out.paddings(node)
        r.out.style("vertical-align", node.a(.verticalAlign))
        r.out.close()
        r.out.add("\n")
        r.out.openPresentationTable()
        r.out.style("background", bg)
        r.out.style("border-radius", node.a(.borderRadius))
        r.out.style("width", size)
        r.out.close()
        r.out.add("\n<tbody>\n<tr>\n<td")
        r.out.style("padding", node.a(.iconPadding))
        r.out.style("font-size", "0")
        r.out.style("height", height ?? size)
        r.out.style("vertical-align", "middle")
        r.out.style("width", size)
        r.out.close()
        r.out.add("\n")
        if let href {
            r.out.openLink(href, rel: node.a(.rel))
            r.out.attr("target", node.a(.target))
            r.out.add(">\n")
        }
        r.out.add("<img")
        r.out.attr("alt", node.a(.alt))
        r.out.attr("title", node.a(.title))
        r.out.attr("src", src)
        r.out.attr("width", parseInt(size).map { String($0) })
        r.out.attr("sizes", node.a(.sizes))
        r.out.attr("srcset", node.a(.srcset))
        r.out.style("border-radius", node.a(.borderRadius))
        r.out.style("display", "block")
        r.out.closeVoid()
        r.out.add("\n")
        if href != nil { r.out.add("</a>\n") }
        r.out.add("</td>\n</tr>\n</tbody>\n</table>\n</td>\n")
    }

    private static func label(_ node: MJMLNode, _ r: inout Renderer, href: String?, _ content: String) {
        r.out.add("<td")
        r.out.style("vertical-align", "middle")
        r.out.style("padding", node.a(.textPadding))
        r.out.style("text-align", node.a(.align))
        r.out.close()
        r.out.add("\n")
        if let href {
            r.out.openLink(href, rel: node.a(.rel))
            r.out.attr("target", node.a(.target))
        } else {
            r.out.add("<span")
        }
        r.out.style("color", node.a(.color))
        r.out.style("font-size", node.a(.fontSize))
        r.out.style("font-weight", node.a(.fontWeight))
        r.out.style("font-style", node.a(.fontStyle))
        r.out.style("font-family", node.a(.fontFamily))
        r.out.style("line-height", node.a(.lineHeight))
        r.out.style("text-decoration", node.a(.textDecoration))
        r.out.close()
        r.out.add(content)
        r.out.add(href != nil ? "</a>\n" : "</span>\n")
        r.out.add("</td>\n")
    }
}

/// MJML's built-in social networks (icons hosted by Mailjet).
enum SocialNetworks {
    struct Network { let icon: String; let background: String; let shareURL: String? }
    static let iconBase = "https://www.mailjet.com/images/theme/v1/icons/ico-social/"

    static let table: [String: Network] = [
        "facebook": Network(icon: "facebook.png", background: "#3b5998", shareURL: "https://www.facebook.com/sharer/sharer.php?u=[[URL]]"),
        "twitter": Network(icon: "twitter.png", background: "#55acee", shareURL: "https://twitter.com/intent/tweet?url=[[URL]]"),
        "x": Network(icon: "twitter-x.png", background: "#000000", shareURL: "https://twitter.com/intent/tweet?url=[[URL]]"),
        "google": Network(icon: "google-plus.png", background: "#dc4e41", shareURL: "https://plus.google.com/share?url=[[URL]]"),
        "pinterest": Network(
            icon: "pinterest.png", background: "#bd081c", shareURL: "https://pinterest.com/pin/create/button/?url=[[URL]]&media=&description="),
        "linkedin": Network(
            icon: "linkedin.png", background: "#0077b5",
            shareURL: "https://www.linkedin.com/shareArticle?mini=true&url=[[URL]]&title=&summary=&source="),
        "instagram": Network(icon: "instagram.png", background: "#3f729b", shareURL: nil),
        "web": Network(icon: "web.png", background: "#4BADE9", shareURL: nil),
        "snapchat": Network(icon: "snapchat.png", background: "#FFFA54", shareURL: nil),
        "youtube": Network(icon: "youtube.png", background: "#EB3323", shareURL: nil),
        "tumblr": Network(icon: "tumblr.png", background: "#344356", shareURL: "https://www.tumblr.com/widgets/share/tool?canonicalUrl=[[URL]]"),
        "github": Network(icon: "github.png", background: "#000000", shareURL: nil),
        "xing": Network(icon: "xing.png", background: "#296366", shareURL: "https://www.xing.com/app/user?op=share&url=[[URL]]"),
        "vimeo": Network(icon: "vimeo.png", background: "#53B4E7", shareURL: nil),
        "medium": Network(icon: "medium.png", background: "#000000", shareURL: nil),
        "soundcloud": Network(icon: "soundcloud.png", background: "#EF7F31", shareURL: nil),
        "dribbble": Network(icon: "dribbble.png", background: "#D95988", shareURL: nil),
    ]

    /// `facebook`, or `facebook-noshare` (same icon, the link used as given).
    static func find(_ name: String) -> Network? {
        if let n = table[name] { return n }
        if name.hasSuffix("-noshare"), let n = table[String(name.dropLast(8))] {
            return Network(icon: n.icon, background: n.background, shareURL: "[[URL]]")
        }
        return nil
    }
}

extension String {
    /// Replaces the first occurrence of `target` (byte-wise; no Foundation).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        let hay = Array(utf8), needle = Array(target.utf8)
        guard !needle.isEmpty, hay.count >= needle.count else { return self }
        for i in 0...(hay.count - needle.count) where hay[i..<(i + needle.count)].elementsEqual(needle) {
            return String(decoding: hay[..<i], as: UTF8.self) + replacement
                + String(decoding: hay[(i + needle.count)...], as: UTF8.self)
        }
        return self
    }
}
