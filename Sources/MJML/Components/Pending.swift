extension Renderer {
    mutating func renderNavbar(_ node: MJMLNode) {}
    mutating func renderAccordion(_ node: MJMLNode) {}
    mutating func renderCarousel(_ node: MJMLNode, _ place: Placement) {}
}
