extension Renderer {
    mutating func renderSocial(_ node: MJMLNode) {}
    mutating func renderNavbar(_ node: MJMLNode) {}
    mutating func renderAccordion(_ node: MJMLNode) {}
    mutating func renderCarousel(_ node: MJMLNode, _ place: Placement) {}
}
