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
    /// `<mj-raw position="file-start">` content, written before the doctype.
    var fileStart: [String] = []
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

    /// A child of the body or of a wrapper: a section row, or content placed straight in it.
    mutating func renderBodyChild(_ node: MJMLNode, _ place: Placement) {
        if Renderer.isRaw(node) { return renderRaw(node) }
        Components.drawn(node, in: .section)?.render(node, place, &self)
    }

    /// A child of a column or hero cell. Other tags render nothing (validation reports them).
    mutating func renderContent(_ node: MJMLNode, _ place: Placement) {
        if Renderer.isRaw(node) { return renderRaw(node) }
        Components.drawn(node, in: .content)?.render(node, place, &self)
    }

    /// Deterministic 16-hex-digit ids for inputs and labels (MJML uses random ones).
    mutating func nextID() -> String {
        idCounter &+= 1
        var x = idCounter &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 48, count: 16)
        for i in 0..<16 {
            bytes[15 - i] = hex[Int(x & 0xF)]
            x >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
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
            if node.attribute("position") == "file-start" {
                fileStart.append(node.content)
            } else {
                out.add(node.content)
            }
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
    /// One side of a padding-like shorthand, as MJML computes boxes: the `-left` (etc.)
    /// attribute when set, else the shorthand's value for that side.
    func paddingSide(_ side: Side, _ base: Attr = .padding) -> Int {
        let keys: (Attr, Attr, Attr, Attr) =
            base == .innerPadding
            ? (.innerPaddingTop, .innerPaddingRight, .innerPaddingBottom, .innerPaddingLeft)
            : (.paddingTop, .paddingRight, .paddingBottom, .paddingLeft)
        let key: Attr
        switch side {
        case .top: key = keys.0
        case .right: key = keys.1
        case .bottom: key = keys.2
        case .left: key = keys.3
        }
        if let direct = a(key), let v = parseInt(direct) { return v }
        return shorthand(a(base), side)
    }

    func borderSide(_ side: Side, _ base: Attr = .border) -> Int {
        let inner = base == .innerBorder
        let key: Attr
        switch side {
        case .top: key = inner ? .innerBorderTop : .borderTop
        case .right: key = inner ? .innerBorderRight : .borderRight
        case .bottom: key = inner ? .innerBorderBottom : .borderBottom
        case .left: key = inner ? .innerBorderLeft : .borderLeft
        }
        return borderWidth(a(key) ?? a(base) ?? "0")
    }

    /// `css-class` with `-outlook` appended to each class name.
    var outlookClass: String? {
        guard let c = a(.cssClass), !c.isEmpty else { return nil }
        return c.split(separator: " ").map { $0 + "-outlook" }.joined(separator: " ")
    }
}
