/// The one table of MJML tags: adding a tag is one file and one line here.
enum Components {
    static let all: [any Component.Type] = [
        MJBody.self, MJWrapper.self, MJSection.self, MJGroup.self, MJColumn.self, MJHero.self,
        MJText.self, MJImage.self, MJButton.self, MJDivider.self, MJSpacer.self, MJTable.self,
        MJSocial.self, MJSocialElement.self, MJNavbar.self, MJNavbarLink.self,
        MJAccordion.self, MJAccordionElement.self, MJAccordionTitle.self, MJAccordionText.self,
        MJCarousel.self, MJCarouselImage.self, MJRaw.self,
        MJHead.self, MJAttributes.self, MJAll.self, MJClass.self, MJBreakpoint.self, MJFont.self,
        MJHTMLAttributes.self, MJSelector.self, MJHTMLAttribute.self, MJPreview.self, MJStyle.self,
        MJTitle.self, MJInclude.self,
    ]

    /// Tag → position in `all` (what `MJMLNode.component` holds).
    static let ids: [String: Int16] = {
        var m: [String: Int16] = [:]
        for (i, c) in all.enumerated() { m[c.tag] = Int16(i) }
        return m
    }()

    /// Each component's role, indexed like `all` (read per element while rendering, so kept
    /// out of the witness tables).
    static let roles: [ComponentRole] = all.map { $0.role }

    static let endingTags: Set<String> = Set(all.filter { $0.isEndingTag }.map { $0.tag })

    static func id(of tag: String) -> Int16 { ids[tag] ?? -1 }

    static func named(_ tag: String) -> (any Component.Type)? { ids[tag].map { all[Int($0)] } }

    /// The component of an element (nil for text, comments and unknown tags).
    @inline(__always) static func of(_ node: MJMLNode) -> (any Component.Type)? {
        node.component < 0 ? nil : all[Int(node.component)]
    }

    static func isEnding(_ tag: String) -> Bool { endingTags.contains(tag) }

    /// The component of an element drawn in a place that takes `role` (or, for `.section`,
    /// a section or content): nil for anything else.
    @inline(__always) static func drawn(_ node: MJMLNode, in role: ComponentRole) -> (any Component.Type)? {
        guard node.component >= 0 else { return nil }
        let own = roles[Int(node.component)]
        guard own == role || (role == .section && own == .content) else { return nil }
        return all[Int(node.component)]
    }
}
