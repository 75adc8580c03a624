/// Resolves every body element's attributes once, in MJML's order of precedence:
/// component defaults < attributes passed down by the parent component < `mj-all`
/// < `mj-attributes` per tag < `mj-class` (in order) < the element's own attributes.
enum Cascade {
    static func resolve(_ node: inout MJMLNode, head: Head, passed: [String: String]? = nil) {
        guard node.isElement else { return }
        var map = Defaults.byTag[node.tag] ?? [:]
        if let passed { for (k, v) in passed { map[k] = v } }
        for (k, v) in head.all { map[k] = v }
        if let tagMap = head.byTag[node.tag] { for (k, v) in tagMap { map[k] = v } }
        if let classList = node.attribute("mj-class") {
            var fromClasses: [String: String] = [:]
            for name in classList.split(separator: " ") {
                guard let cls = head.classes[String(name)] else { continue }
                for (k, v) in cls {
                    if k == "css-class", let prev = fromClasses[k] {
                        fromClasses[k] = prev + " " + v
                    } else {
                        fromClasses[k] = v
                    }
                }
            }
            for (k, v) in fromClasses { map[k] = v }
        }
        for a in node.attributes where a.name != "mj-class" { map[a.name] = a.value }
        node.setResolved(map)
        let childPassed = PassedAttributes.forChildren(of: node)
        for i in node.children.indices {
            resolve(&node.children[i], head: head, passed: childPassed)
        }
    }
}

extension Cascade {
    /// Defaults plus what `parent` passes down, for an element synthesised at render time.
    static func resolveLeaf(_ node: inout MJMLNode, passedFrom parent: MJMLNode) {
        var map = Defaults.byTag[node.tag] ?? [:]
        if let passed = PassedAttributes.forChildren(of: parent) { for (k, v) in passed { map[k] = v } }
        node.setResolved(map)
    }
}

/// Attributes a container hands down to its children (MJML passes these as child props).
enum PassedAttributes {
    static func forChildren(of node: MJMLNode) -> [String: String]? {
        let r = node.resolved
        func pick(_ names: [String]) -> [String: String] {
            var out: [String: String] = [:]
            for n in names { if let v = r[n] { out[n] = v } }
            return out
        }
        switch node.tag {
        case "mj-social":
            var out = pick(["border-radius", "color", "font-family", "font-size", "font-weight", "font-style",
                            "icon-size", "icon-height", "icon-padding", "text-padding", "line-height",
                            "text-decoration"])
            if let p = r["inner-padding"] { out["padding"] = p }
            return out
        case "mj-navbar":
            return pick(["base-url"]).reduce(into: [:]) { $0["navbar-base-url"] = $1.value }
        case "mj-accordion", "mj-accordion-element":
            return pick(["border", "icon-align", "icon-width", "icon-height", "icon-position",
                         "icon-wrapped-url", "icon-wrapped-alt", "icon-unwrapped-url", "icon-unwrapped-alt"])
        case "mj-carousel":
            return pick(["tb-border", "tb-border-radius"])
        default:
            return nil
        }
    }
}
