/// `<mj-html-attribute name="…">`: one attribute an `mj-selector` sets.
enum MJHTMLAttribute: Component {
    static let tag = "mj-html-attribute"
    static let parents: Set<String> = ["mj-selector"]
    static let attributes = ["name"]
    static let role = ComponentRole.head
}
