/// `<mj-all>`: attributes every body element gets (read by `MJAttributes`).
enum MJAll: Component {
    static let tag = "mj-all"
    static let parents: Set<String> = ["mj-attributes"]
    static let acceptsAnyAttribute = true
    static let role = ComponentRole.head
}
