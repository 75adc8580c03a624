/// `<mj-spacer>`: an empty div of the given height.
enum MJSpacer: Component {
    static let tag = "mj-spacer"
    static let defaults = ["height": "20px"]
    static let parents = CommonAttributes.contentParents
    static let attributes = CommonAttributes.padding + ["height", "container-background-color"]
    static let role = ComponentRole.content

    static func text(of node: MJMLNode) -> String? { "" }

    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {
        r.out.open("div")
        r.out.style("height", node.a(.height))
        r.out.style("line-height", node.a(.height))
        r.out.close()
        r.out.add("&#8202;</div>\n")
    }
}
