/// Per-render state: the output buffer plus what body components register for the head
/// (media queries, component styles, the body background). One Renderer renders one document.
struct Renderer {
    let head: Head
    let options: MJMLRenderOptions
    var out: HTMLBuffer
    /// Column classes and their desktop widths, in first-use order.
    var mediaQueries: [(className: String, width: String)] = []
    /// Components whose head style is needed (image, navbar, accordion, carousel), in first-use order.
    var componentStyles: [String] = []
    /// Per-instance CSS (carousel rules) appended to the component styles.
    var extraStyles: [String] = []
    var bodyBackground: String?
    /// Seed for deterministic element ids (navbar, carousel).
    var idCounter: UInt64 = 0

    init(head: Head, options: MJMLRenderOptions, capacity: Int) {
        self.head = head
        self.options = options
        self.out = HTMLBuffer(capacity: capacity)
    }

    mutating func addMediaQuery(_ className: String, _ width: String) {
        if !mediaQueries.contains(where: { $0.className == className }) {
            mediaQueries.append((className, width))
        }
    }

    mutating func useComponentStyle(_ tag: String) {
        if !componentStyles.contains(tag) { componentStyles.append(tag) }
    }

    /// A comment or mj-raw: written as it is, never wrapped by the parent's table cells.
    static func isRaw(_ node: MJMLNode) -> Bool {
        node.kind == .comment || node.tag == "mj-raw"
    }

    mutating func renderRaw(_ node: MJMLNode) {
        switch node.kind {
        case .comment:
            out.add("<!--")
            out.add(node.content)
            out.add("-->")
        case .text:
            break
        case .element:
            out.add(node.content)
        }
    }
}

/// Where a component sits: the width its parent gives it and how many siblings share it.
struct Placement {
    var containerWidth: Double
    var siblings: Int = 1
    var rawSiblings: Int = 0
    var index: Int = 0
    var nonRawSiblings: Int { max(1, siblings - rawSiblings) }

    static func children(of node: MJMLNode, width: Double) -> Placement {
        var raw = 0, all = 0
        for c in node.children where c.kind != .text {
            all += 1
            if Renderer.isRaw(c) { raw += 1 }
        }
        return Placement(containerWidth: width, siblings: all, rawSiblings: raw)
    }
}

extension MJMLNode {
    /// The cascaded value of an attribute (defaults included).
    @inline(__always) func a(_ name: String) -> String? { resolved[name] }

    /// Horizontal padding or border sum as MJML computes boxes.
    func paddingSide(_ side: Side, _ attribute: String = "padding") -> Int {
        let key: String
        switch side {
        case .top: key = attribute + "-top"
        case .right: key = attribute + "-right"
        case .bottom: key = attribute + "-bottom"
        case .left: key = attribute + "-left"
        }
        if let direct = resolved[key], let v = parseInt(direct) { return v }
        return shorthand(resolved[attribute], side)
    }

    func borderSide(_ side: Side, _ attribute: String = "border") -> Int {
        let key = attribute + (side == .left ? "-left" : side == .right ? "-right" : side == .top ? "-top" : "-bottom")
        return borderWidth(resolved[key] ?? resolved[attribute] ?? "0")
    }

    /// `css-class` with `-outlook` appended to each class name.
    var outlookClass: String? {
        guard let c = resolved["css-class"], !c.isEmpty else { return nil }
        return c.split(separator: " ").map { $0 + "-outlook" }.joined(separator: " ")
    }
}
