extension Renderer {
    mutating func renderAccordion(_ node: MJMLNode) {}
    mutating func renderCarousel(_ node: MJMLNode, _ place: Placement) {}
}
