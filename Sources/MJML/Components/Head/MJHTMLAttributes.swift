/// `<mj-html-attributes>`: attributes added to output elements matching a CSS selector.
enum MJHTMLAttributes: Component {
    static let tag = "mj-html-attributes"
    static let parents: Set<String> = ["mj-head"]
    static let role = ComponentRole.head

    static func gather(_ node: MJMLNode, into head: inout Head) {
        for selector in node.children where selector.tag == MJSelector.tag {
            guard let path = selector.attribute("path") else { continue }
            var attrs: [(String, String)] = []
            for a in selector.children where a.tag == MJHTMLAttribute.tag {
                // Not an ending tag: the value is the element's text children.
                let value = a.children.filter { $0.kind == .text }.map(\.content).joined()
                if let name = a.attribute("name") { attrs.append((name, value.trimmingASCIISpace())) }
            }
            head.htmlAttributes.append((path, attrs))
        }
    }
}
