extension Renderer {
    mutating func renderCarousel(_ node: MJMLNode, _ place: Placement) {}
}
