/// `<mj-html-attributes>`: adds attributes to output elements matching a CSS selector.
///
/// MJML applies the selectors one after another, each to the output of the previous one. When no
/// rule sets an attribute some selector reads (`class`, `id`, `[name]`), the order cannot change
/// what matches, and all rules are applied in one walk with the selectors indexed (cost: elements
/// plus matches, not rules × elements). Otherwise the rules run one pass each, as MJML does.
enum HTMLAttributes {
    typealias Rule = (selector: Selector, attributes: [(String, String)])

    /// MJML applies the rules to the body's content only (before the head is built around it).
    static func applyToBody(_ rules: [(selector: String, attributes: [(String, String)])], of html: [UInt8]) -> [UInt8] {
        guard let body = CSSInliner.find(Array("<body".utf8), in: html, from: 0),
            let open = CSSInliner.find([62], in: html, from: body)
        else { return html }
        return Array(html[...open]) + apply(rules, to: Array(html[(open + 1)...]))
    }

    static func apply(_ rules: [(selector: String, attributes: [(String, String)])], to html: [UInt8]) -> [UInt8] {
        // Sibling combinators need the preceding siblings this walk does not keep: such rules are left out.
        let parsed: [Rule] = rules.compactMap { r in
            Selector(r.selector).flatMap { $0.hasSiblingCombinator ? nil : ($0, r.attributes) }
        }
        guard !parsed.isEmpty else { return html }
        if writesWhatSelectorsRead(parsed) {
            var out = html
            for rule in parsed { out = rewrite(out, [rule]) }
            return out
        }
        return rewrite(html, parsed)
    }

    static func writesWhatSelectorsRead(_ rules: [Rule]) -> Bool {
        var read = Set<String>()
        for rule in rules {
            for c in rule.selector.compounds {
                if !c.classes.isEmpty { read.insert("class") }
                if c.id != nil { read.insert("id") }
                for a in c.attributes { read.insert(a.0) }
            }
        }
        return rules.contains { $0.attributes.contains { read.contains($0.0.lowercased()) } }
    }

    /// One walk over the HTML applying `rules` (in order) to every element they match.
    private static func rewrite(_ html: [UInt8], _ rules: [Rule]) -> [UInt8] {
        let index = SelectorIndex(rules.map(\.selector))
        var candidates: [Int32] = []
        var out: [UInt8] = []
        out.reserveCapacity(html.count)
        var path: [CSSInliner.Element] = []
        var i = 0
        let n = html.count
        while i < n {
            guard html[i] == 60 else {
                let next = html[i...].firstIndex(of: 60) ?? n
                out.append(contentsOf: html[i..<next]); i = next; continue
            }
            if i + 3 < n, html[i + 1] == 33, html[i + 2] == 45, html[i + 3] == 45 {
                let end = CSSInliner.find([45, 45, 62], in: html, from: i + 4).map { $0 + 3 } ?? n
                out.append(contentsOf: html[i..<end]); i = end; continue
            }
            let close = html[i...].firstIndex(of: 62) ?? (n - 1)
            let tagBytes = html[i...close]
            i = close + 1
            guard tagBytes.count >= 3, CSSInliner.isLetter(tagBytes[tagBytes.startIndex + 1]) else {
                if tagBytes.count >= 3, tagBytes[tagBytes.startIndex + 1] == 47 {
                    // Names with digits too (`</h1>`): a heading left open would make its
                    // siblings look like its children.
                    let name = String(
                        decoding: tagBytes.dropFirst(2).prefix { CSSInliner.isLetter($0) || ($0 >= 48 && $0 <= 57) },
                        as: UTF8.self
                    ).lowercased()
                    if let k = path.lastIndex(where: { $0.tag == name }) { path.removeSubrange(k...) }
                }
                out.append(contentsOf: tagBytes)
                continue
            }
            let (element, selfClosing) = CSSInliner.parseStartTag(tagBytes)
            if path.count >= CSSInliner.maxPath { path.removeLast() }
            path.append(element)
            index.candidates(
                tag: CSSInliner.pack(Array(element.tag.utf8)[...]),
                id: index.usesIDs ? element.attribute("id").map { Array($0.utf8)[...] } : nil,
                classes: index.usesClasses ? element.attribute("class").map { Array($0.utf8)[...] } : nil,
                into: &candidates)
            var setter = AttributeSetter(element.attrs)
            var matched = false
            for k in candidates where rules[Int(k)].selector.matches(path: path) {
                matched = true
                for (name, value) in rules[Int(k)].attributes { setter.set(name, value) }
            }
            if matched {  // a matched tag is written out normalised, even with nothing to set
                var tag = "<" + element.tag
                for (k, v) in setter.attrs { tag += " \(k)=\"\(v)\"" }
                tag += selfClosing ? " />" : ">"
                out.append(contentsOf: Array(tag.utf8))
            } else {
                out.append(contentsOf: tagBytes)
            }
            if selfClosing || CSSInliner.void.contains(element.tag) { path.removeLast() }
        }
        return out
    }
}

/// Sets attributes on a parsed tag: an existing name keeps its place, a new one is appended.
/// Names are found by a scan while the tag has few attributes, by a table once it has many.
struct AttributeSetter {
    private(set) var attrs: [(String, String)]
    private var positions: [String: Int]?

    init(_ attrs: [(String, String)]) { self.attrs = attrs }

    mutating func set(_ name: String, _ value: String) {
        if positions == nil && attrs.count >= AttributeNames.scanLimit {
            var table: [String: Int] = [:]
            for (k, a) in attrs.enumerated() where table[a.0] == nil { table[a.0] = k }
            positions = table
        }
        if let table = positions {
            if let k = table[name] { attrs[k].1 = value } else { positions![name] = attrs.count; attrs.append((name, value)) }
        } else if let k = attrs.firstIndex(where: { $0.0 == name }) {
            attrs[k].1 = value
        } else {
            attrs.append((name, value))
        }
    }
}
