/// Dispatch for the content components that sit in a column or hero cell.
extension Renderer {
    mutating func renderLeaf(_ node: MJMLNode, _ place: Placement) {
        switch node.tag {
        case "mj-text": renderText(node)
        case "mj-image": renderImage(node, place)
        case "mj-button": renderButton(node)
        case "mj-divider": renderDivider(node, place)
        case "mj-spacer": renderSpacer(node)
        case "mj-table": renderTable(node)
        case "mj-social": renderSocial(node)
        case "mj-navbar": renderNavbar(node)
        case "mj-accordion": renderAccordion(node)
        case "mj-carousel": renderCarousel(node, place)
        case "mj-raw": renderRaw(node)
        default:
            if node.kind == .comment { renderRaw(node) }
            // Unknown tags render nothing (validation reports them).
        }
    }
}
