/// Resolves every body element's attributes once, in MJML's order of precedence:
/// component defaults < attributes passed down by the parent component < `mj-all`
/// < `mj-attributes` per tag < `mj-class` (in order) < the element's own attributes.
/// Works on `Attr`-indexed slot arrays: no hashing per node beyond the element's own names.
enum Cascade {
    /// (slot, value) pairs; names the renderer never reads are dropped.
    typealias Pairs = [(Int, String)]

    static func pairs(_ map: [(String, String)]) -> Pairs {
        map.compactMap { k, v in Attr.byName[k].map { ($0.rawValue, v) } }
    }

    static let defaultSlots: [String: ContiguousArray<String?>] = {
        var out: [String: ContiguousArray<String?>] = [:]
        for (tag, map) in Defaults.byTag {
            var slots = Attr.emptySlots
            for (k, v) in map { if let a = Attr.byName[k] { slots[a.rawValue] = v } }
            out[tag] = slots
        }
        return out
    }()

    static func resolve(_ node: inout MJMLNode, head: Head, passed: Pairs? = nil) {
        guard node.isElement else { return }
        var slots = defaultSlots[node.tag] ?? Attr.emptySlots
        if let passed { for (i, v) in passed { slots[i] = v } }
        for (i, v) in head.allPairs { slots[i] = v }
        if let tagPairs = head.tagPairs[node.tag] { for (i, v) in tagPairs { slots[i] = v } }
        if let classList = node.attribute("mj-class") {
            var fromClasses: [Int: String] = [:]
            let cssClass = Attr.cssClass.rawValue
            for name in classList.split(separator: " ") {
                guard let cls = head.classPairs[String(name)] else { continue }
                for (i, v) in cls {
                    if i == cssClass, let prev = fromClasses[i] {
                        fromClasses[i] = prev + " " + v
                    } else {
                        fromClasses[i] = v
                    }
                }
            }
            for (i, v) in fromClasses { slots[i] = v }
        }
        for a in node.attributes where a.name != "mj-class" {
            if let k = Attr.byName[a.name] { slots[k.rawValue] = a.value }
        }
        node.slots = slots
        let childPassed = PassedAttributes.forChildren(of: node)
        for i in node.children.indices {
            resolve(&node.children[i], head: head, passed: childPassed)
        }
    }

    /// Defaults plus what `parent` passes down, for an element synthesised at render time.
    static func resolveLeaf(_ node: inout MJMLNode, passedFrom parent: MJMLNode) {
        var slots = defaultSlots[node.tag] ?? Attr.emptySlots
        if let passed = PassedAttributes.forChildren(of: parent) { for (i, v) in passed { slots[i] = v } }
        node.slots = slots
    }
}

/// Attributes a container hands down to its children (MJML passes these as child props).
enum PassedAttributes {
    static func forChildren(of node: MJMLNode) -> Cascade.Pairs? {
        func pick(_ keys: [Attr]) -> Cascade.Pairs {
            keys.compactMap { k in node.a(k).map { (k.rawValue, $0) } }
        }
        switch node.tag {
        case "mj-social":
            var out = pick([.borderRadius, .color, .fontFamily, .fontSize, .fontWeight, .fontStyle,
                            .iconSize, .iconHeight, .iconPadding, .textPadding, .lineHeight, .textDecoration])
            if let p = node.a(.innerPadding) { out.append((Attr.padding.rawValue, p)) }
            return out
        case "mj-navbar":
            return node.a(.baseUrl).map { [(Attr.navbarBaseUrl.rawValue, $0)] }
        case "mj-accordion", "mj-accordion-element":
            return pick([.border, .iconAlign, .iconWidth, .iconHeight, .iconPosition,
                         .iconWrappedUrl, .iconWrappedAlt, .iconUnwrappedUrl, .iconUnwrappedAlt])
        case "mj-carousel":
            return pick([.tbBorder, .tbBorderRadius])
        default:
            return nil
        }
    }
}
