/// `<mj-head>`: holds the head elements (gathered into `Head`).
enum MJHead: Component {
    static let tag = "mj-head"
    static let parents: Set<String> = ["mjml"]
    static let role = ComponentRole.head
}
