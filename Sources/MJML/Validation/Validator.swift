/// MJML's validation (`skip | soft | strict`): unknown tags, unknown attributes, invalid
/// attribute values and wrong parents, each with the element's line:col. Soft reports
/// warnings; strict reports errors. Iterative (explicit stack), like the parser.
enum Validator {
    static func validate(_ root: MJMLNode, strict: Bool, file: String?) -> [MJMLDiagnostic] {
        var out: [MJMLDiagnostic] = []
        let severity: MJMLDiagnostic.Severity = strict ? .error : .warning
        func report(_ n: MJMLNode, _ message: String) {
            guard out.count < 500 else { return }
            out.append(MJMLDiagnostic(severity: severity, line: n.line, column: n.column, message: message, file: file))
        }
        var stack: [(node: MJMLNode, parent: String)] = [(root, "")]
        while let (node, parent) = stack.popLast() {
            guard node.isElement else { continue }
            let tag = node.tag
            if tag == "mjml" && parent == "" {
                // the root
            } else if let rule = Rules.components[tag] {
                if !rule.parents.isEmpty && !rule.parents.contains(parent) {
                    report(
                        node,
                        "<\(tag)> cannot be used inside <\(parent)> (expected inside \(rule.parents.sorted().map { "<\($0)>" }.joined(separator: ", ")))"
                    )
                }
                for a in node.attributes {
                    // One hash per attribute: known names resolve to an Attr slot, and the
                    // allowed set and value kind are array lookups by that slot.
                    let key = Attr.byName[a.name]
                    if !rule.anyAttributes {
                        let allowed =
                            key.map { rule.allowedSlots[$0.rawValue] }
                            ?? (rule.attributes.contains(a.name) || Rules.global.contains(a.name))
                        if !allowed { report(node, "attribute '\(a.name)' is not allowed on <\(tag)>") }
                    }
                    if let key, let problem = Rules.check(key, a.value) {
                        report(node, "invalid value '\(a.value)' for attribute '\(a.name)' of <\(tag)>: expected \(problem)")
                    }
                }
            } else {
                report(node, "unknown tag <\(tag)>")
                continue
            }
            if Components.isEnding(tag) { continue }
            for child in node.children.reversed() { stack.append((child, tag)) }
        }
        return out.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }
}

/// Allowed parents and attributes of the standard components (MJML 4).
enum Rules {
    /// Where a tag may sit and what it accepts.
    struct Allowed {
        var parents: Set<String>
        var attributes: Set<String>
        var anyAttributes = false
        /// `attributes ∪ global` as a flag per `Attr` slot.
        var allowedSlots: [Bool] = []
    }

    static let global: Set<String> = ["css-class", "mj-class"]

    static func rule(_ c: any Component.Type) -> Allowed {
        var parents = c.parents
        // Per-tag defaults inside mj-attributes take any attribute of the tag they name.
        if c.tag != MJInclude.tag { parents.insert(MJAttributes.tag) }
        let names = Set(c.attributes)
        let slots = Attr.names.map { names.contains($0) || global.contains($0) }
        return Allowed(parents: parents, attributes: names, anyAttributes: c.acceptsAnyAttribute, allowedSlots: slots)
    }

    static let components: [String: Allowed] = Dictionary(uniqueKeysWithValues: Components.all.map { ($0.tag, rule($0)) })

    static let colorAttributes: Set<String> = [
        "color", "background-color", "border-color", "container-background-color",
        "inner-background-color", "ico-color", "tb-hover-border-color",
        "tb-selected-border-color",
    ]
    static let unitAttributes: Set<String> = [
        "width", "height", "font-size", "icon-size", "icon-height", "icon-width",
        "border-width", "ico-font-size", "max-height", "tb-width",
        "background-width", "background-height", "border-radius",
    ]
    static let enums: [String: Set<String>] = [
        "align": ["left", "center", "right", "justify"], "vertical-align": ["top", "middle", "bottom"],
        "direction": ["ltr", "rtl"], "text-align": ["left", "center", "right", "justify"],
        "mode": ["fixed-height", "fluid-height", "horizontal", "vertical"], "icon-position": ["left", "right"],
        "border-style": ["dashed", "dotted", "solid", "double", "groove", "ridge", "inset", "outset", "none", "hidden"],
        "full-width": ["full-width", "false"], "fluid-on-mobile": ["true", "false"],
        "thumbnails": ["visible", "hidden"], "hamburger": ["hamburger"], "inline": ["inline"],
        "background-repeat": ["repeat", "no-repeat"], "table-layout": ["auto", "fixed", "initial", "inherit"],
    ]

    /// nil when valid, else what was expected.

    enum Kind { case none, color, unit, padding, choice(Set<String>) }

    /// What each `Attr` slot's value must look like (looked up by index, no hashing).
    static let kinds: [Kind] = Attr.names.map { name in
        if let e = enums[name] { return .choice(e) }
        if colorAttributes.contains(name) { return .color }
        if unitAttributes.contains(name) { return .unit }
        if name.hasPrefix("padding") || name == "inner-padding" { return .padding }
        return .none
    }

    /// nil when valid, else what was expected.
    static func check(_ key: Attr, _ value: String) -> String? {
        switch kinds[key.rawValue] {
        case .none: return nil
        case .choice(let allowed):
            if isPlaceholder(value) || allowed.contains(value) { return nil }
            return allowed.sorted().joined(separator: " | ")
        case .color:
            return isPlaceholder(value) || isColor(value) ? nil : "a colour (#rgb, #rrggbb, rgb(), rgba() or a name)"
        case .unit:
            return isPlaceholder(value) || lengths(value, max: 4) ? nil : "a length such as 10px or 50%"
        case .padding:
            return isPlaceholder(value) || lengths(value, max: 4) ? nil : "1 to 4 lengths such as 10px 25px"
        }
    }

    /// Template placeholders (`{{ }}`, `{% %}`, private-use tokens) are resolved later.
    static func isPlaceholder(_ value: String) -> Bool {
        value.utf8.contains { $0 == 123 || $0 >= 0xEE }
    }

    /// 1…max space-separated lengths, checked on bytes.
    static func lengths(_ value: String, max: Int) -> Bool {
        if let r = value.utf8.withContiguousStorageIfAvailable({ lengths($0, max: max) }) { return r }
        return Array(value.utf8).withUnsafeBufferPointer { lengths($0, max: max) }
    }

    static func lengths(_ u: UnsafeBufferPointer<UInt8>, max: Int) -> Bool {
        var count = 0, i = 0
        let n = u.count
        while i < n {
            while i < n, u[i] == 32 { i += 1 }
            guard i < n else { break }
            let start = i
            while i < n, u[i] != 32 { i += 1 }
            count += 1
            if !isLength(UnsafeBufferPointer(rebasing: u[start..<i])) { return false }
        }
        return count >= 1 && count <= max
    }

    /// `auto`, `0`, or a number with an optional px/%/em/rem/pt unit.
    static func isLength(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        if n == 1 && p[0] == 48 { return true }
        if n == 4 && p[0] == 97 && p[1] == 117 && p[2] == 116 && p[3] == 111 { return true }
        var i = 0
        if i < n, p[i] == 45 { i += 1 }
        var digits = 0
        while i < n, (p[i] >= 48 && p[i] <= 57) || p[i] == 46 { digits += 1; i += 1 }
        guard digits > 0 else { return false }
        let unit = UnsafeBufferPointer(rebasing: p[i...])
        return unit.isEmpty || unit.elementsEqual("px".utf8) || unit.elementsEqual("%".utf8)
            || unit.elementsEqual("em".utf8) || unit.elementsEqual("rem".utf8) || unit.elementsEqual("pt".utf8)
    }

    static func isColor(_ s: String) -> Bool {
        let u = Array(s.utf8)
        if u.first == 35 {
            let hex = u.dropFirst()
            return [3, 4, 6, 8].contains(hex.count)
                && hex.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) }
        }
        if s.hasPrefix("rgb") || s.hasPrefix("hsl") || s.hasPrefix("var(") { return s.hasSuffix(")") }
        return !s.isEmpty && s.allSatisfy { $0.isLetter }
    }
}
