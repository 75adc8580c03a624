/// `<mj-font name="…" href="…">`: a web font, imported when the body uses it.
enum MJFont: Component {
    static let tag = "mj-font"
    static let parents: Set<String> = ["mj-head"]
    static let attributes = ["name", "href"]
    static let role = ComponentRole.head

    static func gather(_ node: MJMLNode, into head: inout Head) {
        guard let name = node.attribute("name"), let href = node.attribute("href") else { return }
        if let i = head.fonts.firstIndex(where: { $0.name == name }) {
            head.fonts[i].href = href
        } else {
            head.fonts.append(Head.Font(name, href))
        }
    }
}
