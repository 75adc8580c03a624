/// `<mj-raw>`: HTML written as it is, anywhere in the body or head (never wrapped in the
/// parent's cells); `position="file-start"` puts it before the doctype.
enum MJRaw: Component {
    static let tag = "mj-raw"
    static let parents: Set<String> = [
        "mjml", "mj-head", "mj-body", "mj-wrapper", "mj-section", "mj-group", "mj-column", "mj-hero", "mj-accordion",
        "mj-accordion-element", "mj-navbar", "mj-social", "mj-carousel", "mj-attributes",
    ]
    static let attributes = ["position"]
    static let isEndingTag = true
    static let role = ComponentRole.content

    static func text(of node: MJMLNode) -> String? { HTMLToText.convert(node.content) }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) { r.renderRaw(node) }

    static func gather(_ node: MJMLNode, into head: inout Head) { head.raw.append(node.content) }
}
