/// `<mj-class name="…">`: attributes elements naming it in `mj-class` get (read by `MJAttributes`).
enum MJClass: Component {
    static let tag = "mj-class"
    static let parents: Set<String> = ["mj-attributes"]
    static let acceptsAnyAttribute = true
    static let role = ComponentRole.head
}
