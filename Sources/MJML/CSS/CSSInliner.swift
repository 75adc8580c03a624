#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Applies `<mj-style inline="inline">` rules to the rendered HTML, as MJML does with juice:
/// each matching element gets the declarations in its style attribute (specificity, then source
/// order; the element's own declarations win). What cannot be inlined — at-rules such as media
/// queries and selectors with pseudo-classes — is kept (`RuleSet.kept`) for a `<style>` block in
/// the head, as juice keeps it when asked to preserve them. Conditional comments are comments,
/// so Outlook-only markup is left alone.
enum CSSInliner {
    struct Rule: Sendable { var selector: Selector; var declarations: [(String, String)]; var order: Int }

    /// A stylesheet's inlinable rules in cascade order (specificity, then source order), with
    /// their selectors indexed, and what cannot be inlined; parsed once per document.
    struct RuleSet: Sendable {
        let rules: [Rule]
        let index: SelectorIndex
        /// At-rules and pseudo-class rules, as CSS text in source order (empty: none).
        let kept: String
        /// Some selector has a `+` or `~` combinator, so the walk tracks preceding siblings.
        let usesSiblings: Bool
        var isEmpty: Bool { rules.isEmpty }

        init(css: String) {
            let parsed = CSSInliner.parseRules(css)
            rules = parsed.rules
            kept = parsed.kept
            index = SelectorIndex(rules.map(\.selector))
            usesSiblings = rules.contains { $0.selector.hasSiblingCombinator }
        }
    }

    struct Element {
        var tag: String
        var attrs: [(String, String)]
        var classes: [Substring]
        func attribute(_ name: String) -> String? { attrs.first { $0.0 == name }?.1 }
    }

    /// A lowercase tag name of up to 8 bytes packed in an integer (0 for longer names):
    /// tag tests without allocating strings.
    static func pack(_ b: ArraySlice<UInt8>) -> UInt64 {
        guard b.count <= 8 else { return 0 }
        var v: UInt64 = 0
        for c in b { v = v << 8 | UInt64(c | 0x20) }
        return v
    }

    static let maxPath = 256

    static let voidKeys = Set(void.map { pack(Array($0.utf8)[...]) })
    static let styleKey = pack(Array("style".utf8)[...])
    static let scriptKey = pack(Array("script".utf8)[...])

    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr",
    ]

    /// The rules to inline, in cascade order, and the CSS to keep in the head.
    static func parseRules(_ css: String) -> (rules: [Rule], kept: String) {
        var rules: [Rule] = []
        var kept = ""
        var text = Substring(stripComments(css))
        var order = 0
        while let open = text.firstIndex(of: "{") {
            let prelude = text[..<open].trimmingCharacters()
            let close = matchingBrace(text, after: open)
            let body = text[text.index(after: open)..<close]
            text = close < text.endIndex ? text[text.index(after: close)...] : ""
            if prelude.hasPrefix("@") {
                kept += "\(prelude) {\(body)}\n"
                continue
            }
            let decls = declarations(body)
            for part in prelude.split(separator: ",") {
                if let sel = Selector(String(part)) {
                    rules.append(Rule(selector: sel, declarations: decls, order: order))
                    order += 1
                } else if part.contains(":") {
                    kept += "\(part.trimmingCharacters()) { \(body.trimmingCharacters()) }\n"
                }
            }
        }
        return (rules.sorted { ($0.selector.specificity, $0.order) < ($1.selector.specificity, $1.order) }, kept)
    }

    /// The index of the `}` that closes the block opened at `open` (the end when unclosed).
    static func matchingBrace(_ text: Substring, after open: Substring.Index) -> Substring.Index {
        var depth = 1
        var i = text.index(after: open)
        while i < text.endIndex {
            if text[i] == "{" { depth += 1 } else if text[i] == "}" { depth -= 1 }
            if depth == 0 { return i }
            i = text.index(after: i)
        }
        return i
    }

    static func declarations(_ body: Substring) -> [(String, String)] {
        body.split(separator: ";").compactMap { d -> (String, String)? in
            guard let colon = d.firstIndex(of: ":") else { return nil }
            let k = d[..<colon].trimmingCharacters().lowercased()
            let v = d[d.index(after: colon)...].trimmingCharacters()
            return k.isEmpty || v.isEmpty ? nil : (k, v)
        }
    }

    static func stripComments(_ css: String) -> String {
        var out = ""
        var rest = Substring(css)
        while let start = rest.range(ofLiteral: "/*") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(ofLiteral: "*/") else { return out }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }

    static func inline(css: String, into html: [UInt8]) -> [UInt8] {
        inline(RuleSet(css: css), into: html)
    }

    /// Rules parsed once (the document keeps them), applied per render.
    static func inline(_ ruleSet: RuleSet, into html: [UInt8]) -> [UInt8] {
        guard !ruleSet.rules.isEmpty else { return html }
        return ruleSet.usesSiblings ? walk(WithSiblings.self, ruleSet, html) : walk(WithoutSiblings.self, ruleSet, html)
    }

    /// One walk over `html`, compiled for the given sibling policy (decided once per rule set).
    private static func walk<Tracking: SiblingTracking>(_: Tracking.Type, _ ruleSet: RuleSet, _ html: [UInt8]) -> [UInt8] {
        html.withUnsafeBufferPointer { p in
            var walk = InlineWalk<Tracking>(ruleSet: ruleSet, html: html, p: p)
            walk.run()
            return walk.out
        }
    }

    /// Declarations in the order of each property's last occurrence, the earlier ones of the
    /// same property dropped (what "later rules override" means for a style attribute).
    static func lastOfEachProperty(_ declared: [(String, String)]) -> [(String, String)] {
        guard declared.count > 1 else { return declared }
        var last: [String: Int] = [:]
        for (i, d) in declared.enumerated() { last[d.0] = i }
        if last.count == declared.count { return declared }
        var out: [(String, String)] = []
        out.reserveCapacity(last.count)
        for (i, d) in declared.enumerated() where last[d.0] == i { out.append(d) }
        return out
    }

    static let classKey: [UInt8] = Array("class=".utf8)

    /// The value range of the class attribute in the tag `html[start..<end]`, or (-1, -1).
    static func classRange(_ html: [UInt8], _ start: Int, _ end: Int) -> (Int, Int) {
        guard let k = find(classKey, in: html, from: start, until: end) else { return (-1, -1) }
        var j = k + classKey.count
        guard j < end else { return (-1, -1) }
        let q = html[j]
        let quoted = q == 34 || q == 39
        if quoted { j += 1 }
        var v = j
        while v < end, quoted ? html[v] != q : !(html[v] == 32 || html[v] == 62) { v += 1 }
        return (j, v)
    }

    /// Whether the class list `html[j..<v]` holds `needle` as a whole name.
    static func hasClass(_ html: [UInt8], _ j: Int, _ v: Int, _ needle: [UInt8]) -> Bool {
        var w = j
        while w < v {
            while w < v, html[w] == 32 { w += 1 }
            var e = w
            while e < v, html[e] != 32 { e += 1 }
            if e - w == needle.count, html[w..<e].elementsEqual(needle) { return true }
            w = e
        }
        return false
    }

    static func parseStartTag(_ t: ArraySlice<UInt8>) -> (Element, Bool) {
        let s = String(decoding: t, as: UTF8.self)
        var chars = Substring(s.dropFirst())
        let selfClosing = chars.hasSuffix("/>")
        chars = chars.dropLast(selfClosing ? 2 : 1)
        let name = chars.prefix { !$0.isWhitespace && $0 != "/" }
        var rest = chars.dropFirst(name.count)
        var attrs: [(String, String)] = []
        while let (attribute, remainder) = nextAttribute(rest) {
            rest = remainder
            if !attribute.0.isEmpty { attrs.append(attribute) }
        }
        let classes = attrs.first { $0.0 == "class" }.map { $0.1.split(separator: " ") } ?? []
        return (Element(tag: name.lowercased(), attrs: attrs, classes: classes), selfClosing)
    }

    /// The next `name="value"` (or `name`, `name=value`) of a tag, and what follows it.
    private static func nextAttribute(_ text: Substring) -> ((String, String), Substring)? {
        var rest = text.drop { $0.isWhitespace || $0 == "/" }
        guard !rest.isEmpty else { return nil }
        let name = rest.prefix { !$0.isWhitespace && $0 != "=" }
        rest = rest.dropFirst(name.count).drop { $0.isWhitespace }
        var value = ""
        if rest.first == "=" {
            rest = rest.dropFirst().drop { $0.isWhitespace }
            if let q = rest.first, q == "\"" || q == "'" {
                let body = rest.dropFirst()
                let v = body.prefix { $0 != q }
                value = String(v)
                rest = body.dropFirst(v.count + 1)
            } else {
                let v = rest.prefix { !$0.isWhitespace }
                value = String(v)
                rest = rest.dropFirst(v.count)
            }
        }
        return ((name.lowercased(), value), rest)
    }

    static func parseStyle(_ s: String) -> [(String, String)] {
        s.split(separator: ";").compactMap { d in
            guard let colon = d.firstIndex(of: ":") else { return nil }
            let k = d[..<colon].trimmingCharacters().lowercased()
            let v = d[d.index(after: colon)...].trimmingCharacters()
            return k.isEmpty ? nil : (k, v)
        }
    }

    static func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int, until: Int? = nil) -> Int? {
        let limit = min(until ?? hay.count, hay.count)
        guard needle.count <= limit else { return nil }
        return hay.withUnsafeBufferPointer { p -> Int? in
            guard let base = p.baseAddress else { return nil }
            var i = from
            while i + needle.count <= limit {
                guard let q = memchr(base + i, Int32(needle[0]), limit - i) else { return nil }
                let k = base.distance(to: q.assumingMemoryBound(to: UInt8.self))
                if k + needle.count > limit { return nil }
                var ok = true
                for j in 1..<needle.count where p[k + j] != needle[j] { ok = false; break }
                if ok { return k }
                i = k + 1
            }
            return nil
        }
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var sub = self[...]
        while let f = sub.first, f.isWhitespace { sub = sub.dropFirst() }
        while let l = sub.last, l.isWhitespace { sub = sub.dropLast() }
        return String(sub)
    }

    func range(ofLiteral needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: needle.count) }
            i = index(after: i)
        }
        return nil
    }
}
