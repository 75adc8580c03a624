/// `<mj-selector path="…">`: one selector of `mj-html-attributes`.
enum MJSelector: Component {
    static let tag = "mj-selector"
    static let parents: Set<String> = ["mj-html-attributes"]
    static let attributes = ["path"]
    static let role = ComponentRole.head
}
