/// `<mj-breakpoint width="…">`: the width where columns stop stacking.
enum MJBreakpoint: Component {
    static let tag = "mj-breakpoint"
    static let parents: Set<String> = ["mj-head"]
    static let attributes = ["width"]
    static let isEndingTag = true
    static let role = ComponentRole.head

    static func gather(_ node: MJMLNode, into head: inout Head) {
        if let w = node.attribute("width") { head.breakpoint = w }
    }
}
