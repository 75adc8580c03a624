/// `<mj-style>`: CSS for the head, or (`inline="inline"`) inlined into matching elements.
enum MJStyle: Component {
    static let tag = "mj-style"
    static let parents: Set<String> = ["mj-head"]
    static let attributes = ["inline"]
    static let isEndingTag = true
    static let role = ComponentRole.head

    static func gather(_ node: MJMLNode, into head: inout Head) {
        head.styles.append((node.content.trimmingASCIISpace(), node.attribute("inline") == "inline"))
    }
}
