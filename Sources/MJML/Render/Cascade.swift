/// Resolves every body element's attributes once, in MJML's order of precedence:
/// component defaults < attributes passed down by the parent component < `mj-all`
/// < `mj-attributes` per tag < `mj-class` (in order) < the element's own attributes.
/// Each node gets an `Attr`-indexed array of indices into one shared string table.
struct Cascade {
    /// (slot, value index) pairs.
    typealias Pairs = [(Int, Int32)]

    /// Default values first, so the static default slot arrays index straight into the table.
    static let defaultStrings: [String] = Components.all.flatMap { c in c.defaults.keys.sorted().map { c.defaults[$0]! } }

    /// Per component (indexed like `Components.all`): its defaults as slots into `defaultStrings`.
    static let defaultSlots: [ContiguousArray<Int32>] = {
        var out: [ContiguousArray<Int32>] = []
        var index: Int32 = 0
        for component in Components.all {
            var slots = ContiguousArray<Int32>(repeating: -1, count: Attr.names.count)
            for key in component.defaults.keys.sorted() {
                if let a = Attr.byName[key] { slots[a.rawValue] = index }
                index += 1
            }
            out.append(slots)
        }
        return out
    }()

    static func defaults(of node: MJMLNode) -> ContiguousArray<Int32> {
        node.component < 0 ? emptySlots : defaultSlots[Int(node.component)]
    }

    static let emptySlots = ContiguousArray<Int32>(repeating: -1, count: Attr.names.count)

    var strings: [String] = Cascade.defaultStrings
    var all: Pairs = []
    var byTag: [String: Pairs] = [:]
    var classes: [String: Pairs] = [:]

    mutating func intern(_ v: String) -> Int32 {
        strings.append(v)
        return Int32(strings.count - 1)
    }

    mutating func pairs(_ list: [(String, String)]) -> Pairs {
        list.compactMap { k, v in Attr.byName[k].map { ($0.rawValue, intern(v)) } }
    }

    /// Resolves the body subtree, then hands every node the finished table.
    static func resolveBody(_ body: inout MJMLNode, head: Head) {
        var c = Cascade()
        c.all = c.pairs(head.all)
        for (tag, list) in head.byTag { c.byTag[tag] = c.pairs(list) }
        for (name, list) in head.classes { c.classes[name] = c.pairs(list) }
        c.resolve(&body, passed: nil)
        let table = ValueTable(c.strings)
        assign(&body, table)
    }

    private static func assign(_ node: inout MJMLNode, _ table: ValueTable) {
        node.table = table
        for i in node.children.indices where node.children[i].isElement { assign(&node.children[i], table) }
    }

    private mutating func resolve(_ node: inout MJMLNode, passed: Pairs?) {
        guard node.isElement else { return }
        var slots = Cascade.defaults(of: node)
        if let passed { for (i, v) in passed { slots[i] = v } }
        for (i, v) in all { slots[i] = v }
        if let tagPairs = byTag[node.tag] { for (i, v) in tagPairs { slots[i] = v } }
        if let classList = node.attribute("mj-class") {
            var fromClasses: [Int: Int32] = [:]
            let cssClass = Attr.cssClass.rawValue
            for name in classList.split(separator: " ") {
                guard let cls = classes[String(name)] else { continue }
                for (i, v) in cls {
                    if i == cssClass, let prev = fromClasses[i] {
                        fromClasses[i] = intern(strings[Int(prev)] + " " + strings[Int(v)])
                    } else {
                        fromClasses[i] = v
                    }
                }
            }
            for (i, v) in fromClasses { slots[i] = v }
        }
        for a in node.attributes where a.name != "mj-class" {
            if let k = Attr.byName[a.name] { slots[k.rawValue] = intern(a.value) }
        }
        node.slots = slots
        let childPassed = Components.of(node)?.passedToChildren(of: node)
        for i in node.children.indices {
            resolve(&node.children[i], passed: childPassed)
        }
    }

    /// Defaults plus what `parent` passes down, for an element synthesised at render time.
    static func resolveLeaf(_ node: inout MJMLNode, passedFrom parent: MJMLNode) {
        var slots = defaults(of: node)
        if let passed = Components.of(parent)?.passedToChildren(of: parent) { for (i, v) in passed { slots[i] = v } }
        node.slots = slots
        node.table = parent.table
    }
}

/// Helpers for `Component.passedToChildren`: a container's resolved values, as cascade pairs.
enum PassedAttributes {
    static func index(_ node: MJMLNode, _ k: Attr) -> Int32? {
        guard k.rawValue < node.slots.count else { return nil }
        let i = node.slots[k.rawValue]
        return i < 0 ? nil : i
    }

    static func pick(_ node: MJMLNode, _ keys: [Attr]) -> Cascade.Pairs {
        keys.compactMap { k in index(node, k).map { (k.rawValue, $0) } }
    }
}
