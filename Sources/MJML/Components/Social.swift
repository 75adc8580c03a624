/// `<mj-social>` and `<mj-social-element>`: icon + label pairs, inline (horizontal) or stacked.
extension Renderer {
    mutating func renderSocial(_ node: MJMLNode) {
        let elements = node.children.filter { $0.kind != .text }
        if node.a(.mode) == "vertical" {
            out.openPresentationTable()
            out.style("margin", "0px")
            out.close()
            out.add("\n<tbody>\n")
            for child in elements {
                if Renderer.isRaw(child) { renderRaw(child) } else { renderSocialElement(child) }
            }
            out.add("</tbody>\n</table>\n")
            return
        }
        out.startConditional()
        out.add("<table")
        out.attr("align", node.a(.align))
        out.add(" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" ><tr>")
        out.endConditional()
        out.add("\n")
        for child in elements {
            if Renderer.isRaw(child) {
                renderRaw(child)
                continue
            }
            out.startConditional()
            out.add("<td>")
            out.endConditional()
            out.add("\n<table")
            out.attr("align", node.a(.align))
            out.add(" border=\"0\" cellpadding=\"0\" cellspacing=\"0\" role=\"presentation\" style=\"float:none;display:inline-table;\">\n<tbody>\n")
            renderSocialElement(child)
            out.add("</tbody>\n</table>\n")
            out.startConditional()
            out.add("</td>")
            out.endConditional()
            out.add("\n")
        }
        out.startConditional()
        out.add("</tr></table>")
        out.endConditional()
        out.add("\n")
    }

    mutating func renderSocialElement(_ node: MJMLNode) {
        guard node.tag == "mj-social-element" else { return }
        let name = node.a(.name) ?? ""
        let network = SocialNetworks.find(name)
        let hrefAttr = node.a(.href)
        var href = hrefAttr
        if let share = network?.shareURL, let h = hrefAttr {
            href = share.replacingFirst("[[URL]]", with: h)
        }
        let iconSize = node.a(.iconSize) ?? network.map { _ in "20px" }
        let iconHeight = node.a(.iconHeight)
        let src = node.a(.src) ?? network.map { SocialNetworks.iconBase + $0.icon }
        let bg = node.a(.backgroundColor) ?? network?.background
        let content = node.content.trimmingASCIISpace()
        let iconLeft = node.a(.iconPosition) != "right"

        out.add("<tr")
        out.classAttr(node.a(.cssClass))
        out.add(">\n")
        if iconLeft {
            socialIcon(node, href: hrefAttr != nil ? href : nil, src: src, bg: bg, size: iconSize, height: iconHeight)
            if !content.isEmpty { socialText(node, href: hrefAttr != nil ? href : nil, content) }
        } else {
            socialText(node, href: hrefAttr != nil ? href : nil, content)
            socialIcon(node, href: hrefAttr != nil ? href : nil, src: src, bg: bg, size: iconSize, height: iconHeight)
        }
        out.add("</tr>\n")
    }

    private mutating func socialIcon(_ node: MJMLNode, href: String?, src: String?, bg: String?, size: String?, height: String?) {
        out.add("<td")
        out.style("padding", node.a(.padding))
        out.style("padding-top", node.a(.paddingTop))
        out.style("padding-right", node.a(.paddingRight))
        out.style("padding-bottom", node.a(.paddingBottom))
        out.style("padding-left", node.a(.paddingLeft))
        out.style("vertical-align", node.a(.verticalAlign))
        out.close()
        out.add("\n")
        out.openPresentationTable()
        out.style("background", bg)
        out.style("border-radius", node.a(.borderRadius))
        out.style("width", size)
        out.close()
        out.add("\n<tbody>\n<tr>\n<td")
        out.style("padding", node.a(.iconPadding))
        out.style("font-size", "0")
        out.style("height", height ?? size)
        out.style("vertical-align", "middle")
        out.style("width", size)
        out.close()
        out.add("\n")
        if let href {
            out.add("<a")
            out.attr("href", href)
            out.attr("rel", node.a(.rel))
            out.attr("target", node.a(.target))
            out.add(">\n")
        }
        out.add("<img")
        out.attr("alt", node.a(.alt))
        out.attr("title", node.a(.title))
        out.attr("src", src)
        out.attr("width", parseInt(size).map { String($0) })
        out.attr("sizes", node.a(.sizes))
        out.attr("srcset", node.a(.srcset))
        out.style("border-radius", node.a(.borderRadius))
        out.style("display", "block")
        out.closeVoid()
        out.add("\n")
        if href != nil { out.add("</a>\n") }
        out.add("</td>\n</tr>\n</tbody>\n</table>\n</td>\n")
    }

    private mutating func socialText(_ node: MJMLNode, href: String?, _ content: String) {
        out.add("<td")
        out.style("vertical-align", "middle")
        out.style("padding", node.a(.textPadding))
        out.style("text-align", node.a(.align))
        out.close()
        out.add("\n")
        if let href {
            out.add("<a")
            out.attr("href", href)
            out.attr("rel", node.a(.rel))
            out.attr("target", node.a(.target))
        } else {
            out.add("<span")
        }
        out.style("color", node.a(.color))
        out.style("font-size", node.a(.fontSize))
        out.style("font-weight", node.a(.fontWeight))
        out.style("font-style", node.a(.fontStyle))
        out.style("font-family", node.a(.fontFamily))
        out.style("line-height", node.a(.lineHeight))
        out.style("text-decoration", node.a(.textDecoration))
        out.close()
        out.add(content)
        out.add(href != nil ? "</a>\n" : "</span>\n")
        out.add("</td>\n")
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
        "pinterest": Network(icon: "pinterest.png", background: "#bd081c", shareURL: "https://pinterest.com/pin/create/button/?url=[[URL]]&media=&description="),
        "linkedin": Network(icon: "linkedin.png", background: "#0077b5", shareURL: "https://www.linkedin.com/shareArticle?mini=true&url=[[URL]]&title=&summary=&source="),
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
