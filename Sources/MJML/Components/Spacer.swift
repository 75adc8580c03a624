/// `<mj-spacer>`: an empty div of the given height.
extension Renderer {
    mutating func renderSpacer(_ node: MJMLNode) {
        out.open("div")
        out.style("height", node.a(.height))
        out.style("line-height", node.a(.height))
        out.close()
        out.add("&#8202;</div>\n")
    }
}
