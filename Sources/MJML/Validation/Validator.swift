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
                    report(node, "<\(tag)> cannot be used inside <\(parent)> (expected inside \(rule.parents.sorted().map { "<\($0)>" }.joined(separator: ", ")))")
                }
                if !rule.anyAttributes {
                    for a in node.attributes where !rule.attributes.contains(a.name) && !Rules.global.contains(a.name) {
                        report(node, "attribute '\(a.name)' is not allowed on <\(tag)>")
                    }
                }
                for a in node.attributes {
                    if let problem = Rules.checkValue(a.name, a.value) {
                        report(node, "invalid value '\(a.value)' for attribute '\(a.name)' of <\(tag)>: expected \(problem)")
                    }
                }
            } else {
                report(node, "unknown tag <\(tag)>")
                continue
            }
            if EndingTags.isEnding(tag) { continue }
            for child in node.children.reversed() { stack.append((child, tag)) }
        }
        return out.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }
}

/// Allowed parents and attributes of the standard components (MJML 4).
enum Rules {
    struct Component {
        var parents: Set<String>
        var attributes: Set<String>
        var anyAttributes = false
    }

    static let global: Set<String> = ["css-class", "mj-class"]
    static let padding = ["padding", "padding-top", "padding-right", "padding-bottom", "padding-left"]
    static let borders = ["border", "border-top", "border-right", "border-bottom", "border-left", "border-radius"]
    static let font = ["color", "font-family", "font-size", "font-style", "font-weight", "line-height",
                       "letter-spacing", "text-decoration", "text-transform"]
    static let background = ["background-color", "background-url", "background-repeat", "background-size",
                             "background-position", "background-position-x", "background-position-y"]
    static let leafParents: Set<String> = ["mj-column", "mj-hero"]
    static let rawParents: Set<String> = ["mjml", "mj-head", "mj-body", "mj-wrapper", "mj-section", "mj-group",
                                          "mj-column", "mj-hero", "mj-accordion", "mj-accordion-element",
                                          "mj-navbar", "mj-social", "mj-carousel", "mj-attributes"]

    static func c(_ parents: Set<String>, _ attrs: [String], any: Bool = false) -> Component {
        var names = Set(attrs)
        for (k, _) in Defaults.byTag[""] ?? [:] { names.insert(k) }
        return Component(parents: parents, attributes: names, anyAttributes: any)
    }

    static let components: [String: Component] = {
        var m: [String: Component] = [
            "mj-head": c(["mjml"], []),
            "mj-body": c(["mjml"], ["width", "background-color"]),
            "mj-wrapper": c(["mj-body"], padding + borders + background + ["full-width", "text-align", "direction", "gap"]),
            "mj-section": c(["mj-body", "mj-wrapper"], padding + borders + background + ["full-width", "text-align", "direction", "text-padding"]),
            "mj-group": c(["mj-section"], ["width", "vertical-align", "background-color", "direction"]),
            "mj-column": c(["mj-group", "mj-section"], padding + borders + ["width", "vertical-align", "background-color",
                           "inner-background-color", "inner-border", "inner-border-top", "inner-border-right",
                           "inner-border-bottom", "inner-border-left", "inner-border-radius", "direction", "mobile-width", "mobileWidth"]),
            "mj-text": c(leafParents, padding + font + ["align", "container-background-color", "height"]),
            "mj-image": c(leafParents, padding + borders + ["alt", "src", "srcset", "sizes", "href", "rel", "name", "title",
                          "target", "align", "width", "height", "max-height", "container-background-color",
                          "fluid-on-mobile", "full-width", "usemap", "font-size"]),
            "mj-button": c(leafParents, padding + borders + font + ["align", "background-color", "container-background-color",
                           "height", "href", "inner-padding", "name", "rel", "target", "title", "vertical-align", "width", "text-align"]),
            "mj-divider": c(leafParents, padding + ["border-color", "border-style", "border-width", "width", "align",
                            "container-background-color"]),
            "mj-spacer": c(leafParents, padding + ["height", "container-background-color"]),
            "mj-table": c(leafParents, padding + font + ["align", "border", "cellpadding", "cellspacing",
                          "container-background-color", "role", "table-layout", "width"]),
            "mj-social": c(leafParents, padding + font + ["align", "border-radius", "container-background-color", "icon-height",
                           "icon-size", "icon-padding", "inner-padding", "mode", "text-padding"]),
            "mj-social-element": c(["mj-social"], padding + font + ["align", "alt", "background-color", "border-radius", "href",
                                   "icon-height", "icon-size", "icon-padding", "icon-position", "name", "rel", "sizes", "src",
                                   "srcset", "target", "text-padding", "title", "vertical-align"]),
            "mj-navbar": c(leafParents, ["align", "base-url", "hamburger", "ico-align", "ico-close", "ico-color",
                           "ico-font-family", "ico-font-size", "ico-line-height", "ico-open", "ico-padding",
                           "ico-padding-top", "ico-padding-right", "ico-padding-bottom", "ico-padding-left",
                           "ico-text-decoration", "ico-text-transform", "padding", "container-background-color"]),
            "mj-navbar-link": c(["mj-navbar"], padding + font + ["href", "name", "rel", "target", "title"]),
            "mj-hero": c(["mj-body", "mj-wrapper"], padding + background + ["mode", "height", "background-width",
                         "background-height", "width", "vertical-align", "align", "inner-padding", "inner-padding-top",
                         "inner-padding-right", "inner-padding-bottom", "inner-padding-left", "inner-background-color",
                         "border-radius", "container-background-color"]),
            "mj-accordion": c(leafParents, padding + ["border", "container-background-color", "font-family", "icon-align",
                              "icon-height", "icon-width", "icon-position", "icon-wrapped-url", "icon-wrapped-alt",
                              "icon-unwrapped-url", "icon-unwrapped-alt"]),
            "mj-accordion-element": c(["mj-accordion"], ["background-color", "border", "font-family", "icon-align",
                                      "icon-height", "icon-width", "icon-position", "icon-wrapped-url", "icon-wrapped-alt",
                                      "icon-unwrapped-url", "icon-unwrapped-alt"]),
            "mj-accordion-title": c(["mj-accordion-element"], padding + ["background-color", "color", "font-family",
                                    "font-size", "font-weight"]),
            "mj-accordion-text": c(["mj-accordion-element"], padding + ["background-color", "color", "font-family",
                                   "font-size", "font-weight", "letter-spacing", "line-height"]),
            "mj-carousel": c(leafParents, ["align", "border-radius", "container-background-color", "icon-width",
                             "left-icon", "right-icon", "thumbnails", "tb-border", "tb-border-radius",
                             "tb-hover-border-color", "tb-selected-border-color", "tb-width", "padding"]),
            "mj-carousel-image": c(["mj-carousel"], ["alt", "href", "rel", "src", "target", "thumbnails-src", "title",
                                   "border-radius", "tb-border", "tb-border-radius"]),
            "mj-raw": c(rawParents, ["position"]),
            "mj-attributes": c(["mj-head"], []),
            "mj-all": c(["mj-attributes"], [], any: true),
            "mj-class": c(["mj-attributes"], [], any: true),
            "mj-breakpoint": c(["mj-head"], ["width"]),
            "mj-font": c(["mj-head"], ["name", "href"]),
            "mj-html-attributes": c(["mj-head"], []),
            "mj-selector": c(["mj-html-attributes"], ["path"]),
            "mj-html-attribute": c(["mj-selector"], ["name"]),
            "mj-preview": c(["mj-head"], []),
            "mj-style": c(["mj-head"], ["inline"]),
            "mj-title": c(["mj-head"], []),
            "mj-include": c([], ["path", "type", "css-inline"]),
        ]
        // Per-tag defaults inside mj-attributes take any attribute of the tag they name.
        for tag in m.keys where tag.hasPrefix("mj-") {
            if var comp = m[tag], comp.parents.contains("mj-attributes") == false, tag != "mj-include" {
                comp.parents.insert("mj-attributes")
                m[tag] = comp
            }
        }
        return m
    }()

    static let colorAttributes: Set<String> = ["color", "background-color", "border-color", "container-background-color",
                                               "inner-background-color", "ico-color", "tb-hover-border-color",
                                               "tb-selected-border-color"]
    static let unitAttributes: Set<String> = ["width", "height", "font-size", "icon-size", "icon-height", "icon-width",
                                              "border-width", "ico-font-size", "max-height", "tb-width",
                                              "background-width", "background-height", "border-radius"]
    static let enums: [String: Set<String>] = [
        "align": ["left", "center", "right", "justify"], "vertical-align": ["top", "middle", "bottom"],
        "direction": ["ltr", "rtl"], "text-align": ["left", "center", "right", "justify"],
        "mode": ["fixed-height", "fluid", "horizontal", "vertical"], "icon-position": ["left", "right"],
        "border-style": ["dashed", "dotted", "solid", "double", "groove", "ridge", "inset", "outset", "none", "hidden"],
        "full-width": ["full-width", "false"], "fluid-on-mobile": ["true", "false"],
        "thumbnails": ["visible", "hidden"], "hamburger": ["hamburger"], "inline": ["inline"],
        "background-repeat": ["repeat", "no-repeat"], "table-layout": ["auto", "fixed", "initial", "inherit"],
    ]

    /// nil when valid, else what was expected.
    static let checked: Set<String> = colorAttributes.union(unitAttributes).union(enums.keys)

    static func checkValue(_ name: String, _ value: String) -> String? {
        guard checked.contains(name) || name.hasPrefix("padding") || name == "inner-padding" else { return nil }
        // Template placeholders (`{{ }}`, `{% %}`, private-use tokens) are resolved later.
        if value.utf8.contains(where: { $0 == 123 || $0 >= 0xEE }) { return nil }
        if let allowed = enums[name] {
            return allowed.contains(value) ? nil : allowed.sorted().joined(separator: " | ")
        }
        if colorAttributes.contains(name) { return isColor(value) ? nil : "a colour (#rgb, #rrggbb, rgb(), rgba() or a name)" }
        if unitAttributes.contains(name) {
            return value.split(separator: " ").allSatisfy { isLength($0) } ? nil : "a length such as 10px or 50%"
        }
        if name.hasPrefix("padding") || name == "inner-padding" {
            let parts = value.split(separator: " ")
            return (1...4).contains(parts.count) && parts.allSatisfy { isLength($0) } ? nil : "1 to 4 lengths such as 10px 25px"
        }
        return nil
    }

    static func isLength(_ s: Substring) -> Bool {
        let u = s.utf8
        if s == "auto" || s == "0" { return true }
        var i = u.startIndex
        if i < u.endIndex, u[i] == 45 { i = u.index(after: i) }
        var digits = 0
        while i < u.endIndex, (u[i] >= 48 && u[i] <= 57) || u[i] == 46 { digits += 1; i = u.index(after: i) }
        guard digits > 0 else { return false }
        let unit = s.utf8[i...]
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
