/// `<mj-title>`: the document title (and the body's aria-label).
enum MJTitle: Component {
    static let tag = "mj-title"
    static let parents: Set<String> = ["mj-head"]
    static let isEndingTag = true
    static let role = ComponentRole.head

    static func gather(_ node: MJMLNode, into head: inout Head) {
        head.title = node.content.trimmingASCIISpace()
    }
}
