/// `<mj-include path="…">`: another file, expanded at parse time (see `Includes`).
enum MJInclude: Component {
    static let tag = "mj-include"
    static let attributes = ["path", "type", "css-inline"]
    static let role = ComponentRole.head
}
