/// `<mj-preview>`: the inbox preview text, hidden at the top of the body.
enum MJPreview: Component {
    static let tag = "mj-preview"
    static let parents: Set<String> = ["mj-head"]
    static let isEndingTag = true
    static let role = ComponentRole.head

    static func gather(_ node: MJMLNode, into head: inout Head) {
        head.preview = node.content.trimmingASCIISpace()
    }
}
