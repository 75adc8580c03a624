#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Applies `<mj-style inline="inline">` rules to the rendered HTML, as MJML does with juice:
/// each matching element gets the declarations in its style attribute (specificity, then source
/// order; the element's own declarations win). At-rules (media queries) are not inlinable and
/// are skipped. Conditional comments are comments, so Outlook-only markup is left alone.
enum CSSInliner {
    struct Rule: Sendable { var selector: Selector; var declarations: [(String, String)]; var order: Int }

    /// A stylesheet's inlinable rules in cascade order (specificity, then source order), with
    /// their selectors indexed; parsed once per document.
    struct RuleSet: Sendable {
        let rules: [Rule]
        let index: SelectorIndex
        var isEmpty: Bool { rules.isEmpty }

        init(css: String) {
            rules = CSSInliner.parseRules(css)
            index = SelectorIndex(rules.map(\.selector))
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

    static let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                    "param", "source", "track", "wbr"]

    static func parseRules(_ css: String) -> [Rule] {
        var rules: [Rule] = []
        var text = Substring(stripComments(css))
        var order = 0
        while let open = text.firstIndex(of: "{") {
            let prelude = text[..<open].trimmingCharacters()
            var depth = 1
            var i = text.index(after: open)
            while i < text.endIndex, depth > 0 {
                if text[i] == "{" { depth += 1 } else if text[i] == "}" { depth -= 1 }
                if depth > 0 { i = text.index(after: i) }
            }
            let body = text[text.index(after: open)..<i]
            text = i < text.endIndex ? text[text.index(after: i)...] : ""
            if prelude.hasPrefix("@") { continue }
            let decls = body.split(separator: ";").compactMap { d -> (String, String)? in
                guard let colon = d.firstIndex(of: ":") else { return nil }
                let k = d[..<colon].trimmingCharacters().lowercased()
                let v = d[d.index(after: colon)...].trimmingCharacters()
                return k.isEmpty || v.isEmpty ? nil : (k, v)
            }
            for part in prelude.split(separator: ",") {
                guard let sel = Selector(String(part)) else { continue }
                rules.append(Rule(selector: sel, declarations: decls, order: order))
                order += 1
            }
        }
        return rules.sorted { ($0.selector.specificity, $0.order) < ($1.selector.specificity, $1.order) }
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

    /// An open element on the walk: where its tag sits in the HTML; attributes parsed lazily
    /// (only when a selector needs them), so the common case costs a byte comparison.
    struct OpenElement {
        var nameStart: Int
        var nameEnd: Int
        var tagStart: Int
        var tagEnd: Int
        var parsed: Element?
        /// Byte range of the class attribute's value; computed on first need (-2: not yet).
        var classStart = -2
        var classEnd = -2
    }

    static func inline(css: String, into html: [UInt8]) -> [UInt8] {
        inline(RuleSet(css: css), into: html)
    }

    /// Rules parsed once (the document keeps them), applied per render.
    static func inline(_ ruleSet: RuleSet, into html: [UInt8]) -> [UInt8] {
        let rules = ruleSet.rules, index = ruleSet.index
        guard !rules.isEmpty else { return html }
        var candidates: [Int32] = []
        var out: [UInt8] = []
        out.reserveCapacity(html.count + html.count / 8)
        var path: [OpenElement] = []
        let n = html.count
        html.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            var i = 0
            var copied = 0
            defer { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<n])) }
            func nextLT(_ from: Int) -> Int {
                guard from < n, let q = memchr(base + from, 60, n - from) else { return n }
                return base.distance(to: q.assumingMemoryBound(to: UInt8.self))
            }
            func nextGT(_ from: Int) -> Int {
                guard from < n, let q = memchr(base + from, 62, n - from) else { return n - 1 }
                return base.distance(to: q.assumingMemoryBound(to: UInt8.self))
            }
            func nameEnd(_ from: Int) -> Int {
                var j = from
                while j < n, isLetter(p[j]) || (p[j] >= 48 && p[j] <= 57) || p[j] == 45 || p[j] == 58 { j += 1 }
                return j
            }
            func sameName(_ a: Int, _ ae: Int, _ b: Int, _ be: Int) -> Bool {
                guard ae - a == be - b else { return false }
                for k in 0..<(ae - a) where p[a + k] | 0x20 != p[b + k] | 0x20 { return false }
                return true
            }
            while i < n {
                guard p[i] == 60 else {
                    let next = nextLT(i)
                    i = next
                    continue
                }
                if i + 3 < n, p[i + 1] == 33, p[i + 2] == 45, p[i + 3] == 45 {
                    let end = find([45, 45, 62], in: html, from: i + 4).map { $0 + 3 } ?? n
                    i = end
                    continue
                }
                let close = nextGT(i)
                let tagStart = i
                i = close + 1
                guard close - tagStart >= 2, i <= n, isLetter(p[tagStart + 1]) || p[tagStart + 1] == 47 else {
                    continue
                }
                if p[tagStart + 1] == 47 {
                    let ns = tagStart + 2, ne = nameEnd(ns)
                    if let k = path.lastIndex(where: { sameName($0.nameStart, $0.nameEnd, ns, ne) }) { path.removeSubrange(k...) }
                    continue
                }
                let ns = tagStart + 1, ne = nameEnd(ns)
                let selfClosing = p[close - 1] == 47
                // Unclosed author tags could grow the path without bound: cap it (deeper
                // elements are matched as if they were direct children of the cap).
                if path.count >= maxPath { path.removeLast() }
                path.append(OpenElement(nameStart: ns, nameEnd: ne, tagStart: tagStart, tagEnd: i, parsed: nil))
                let key = pack(html[ns..<ne])
                index.candidates(tag: key, id: index.usesIDs ? idBytes(&path, html) : nil,
                                 classes: index.usesClasses ? classBytes(&path, html) : nil, into: &candidates)
                var declared: [(String, String)] = []
                if !candidates.isEmpty {
                    for k in candidates where matches(rules[Int(k)].selector, &path, html) {
                        declared += rules[Int(k)].declarations
                    }
                }
                let matched = lastOfEachProperty(declared)
                if !matched.isEmpty {
                    // Copy everything unchanged since the last rewrite in one go.
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<tagStart]))
                    copied = i
                    var element = path[path.count - 1].parsed ?? parseStartTag(html[tagStart..<i]).0
                    let own = element.attribute("style").map(parseStyle) ?? []
                    let ownNames = Set(own.map(\.0))
                    var merged = matched.filter { !ownNames.contains($0.0) }
                    merged += own
                    let style = merged.map { "\($0.0): \($0.1);" }.joined(separator: " ")
                    if let k = element.attrs.firstIndex(where: { $0.0 == "style" }) {
                        element.attrs[k].1 = style
                    } else {
                        element.attrs.append(("style", style))
                    }
                    var tag = "<" + element.tag
                    for (k, v) in element.attrs { tag += " \(k)=\"\(v)\"" }
                    tag += selfClosing ? " />" : ">"
                    out.append(contentsOf: Array(tag.utf8))
                }
                if selfClosing || voidKeys.contains(key) {
                    path.removeLast()
                } else if key == styleKey || key == scriptKey {
                    let name = key == styleKey ? "style" : "script"
                    i = find(Array("</\(name)".utf8), in: html, from: i) ?? n
                }
            }
        }
        return out
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

    /// The innermost open element's id, as bytes (parsing its attributes once).
    static func idBytes(_ path: inout [OpenElement], _ html: [UInt8]) -> ArraySlice<UInt8>? {
        let k = path.count - 1
        if path[k].parsed == nil { path[k].parsed = parseStartTag(html[path[k].tagStart..<path[k].tagEnd]).0 }
        return path[k].parsed!.attribute("id").map { Array($0.utf8)[...] }
    }

    /// The innermost open element's class attribute value, as bytes.
    static func classBytes(_ path: inout [OpenElement], _ html: [UInt8]) -> ArraySlice<UInt8>? {
        let k = path.count - 1
        if path[k].classStart == -2 {
            (path[k].classStart, path[k].classEnd) = classRange(html, path[k].tagStart, path[k].tagEnd)
        }
        return path[k].classStart < 0 ? nil : html[path[k].classStart..<path[k].classEnd]
    }

    /// Matches `sel` against the innermost open element, parsing attributes on demand.
    static func matches(_ sel: Selector, _ path: inout [OpenElement], _ html: [UInt8]) -> Bool {
        func element(_ k: Int) -> Element {
            if let e = path[k].parsed { return e }
            let e = parseStartTag(html[path[k].tagStart..<path[k].tagEnd]).0
            path[k].parsed = e
            return e
        }
        func test(_ ci: Int, _ ek: Int) -> Bool {
            let c = sel.compounds[ci]
            if let t = c.tag {
                let ps = path[ek]
                guard ps.nameEnd - ps.nameStart == t.utf8.count else { return false }
                var j = ps.nameStart
                for b in t.utf8 {
                    if html[j] | 0x20 != b { return false }
                    j += 1
                }
            }
            if c.id == nil && c.attributes.isEmpty {
                // Classes only: look at the class attribute's bytes, no full parse.
                if c.classBytes.isEmpty { return true }
                if path[ek].classStart == -2 {
                    let r = classRange(html, path[ek].tagStart, path[ek].tagEnd)
                    path[ek].classStart = r.0
                    path[ek].classEnd = r.1
                }
                let (cs, ce) = (path[ek].classStart, path[ek].classEnd)
                if cs < 0 { return false }
                for cls in c.classBytes where !hasClass(html, cs, ce, cls) { return false }
                return true
            }
            return sel.matches(c, element(ek))
        }
        // (compound, element) pairs known not to match with everything left of them: without
        // this, `a b c d …` against a deep path retries the same pairs combinatorially often.
        // The leftmost compound is not memoised (a scan up the path; two-compound selectors,
        // the usual kind, never allocate).
        var failed = Set<Int>()
        func ancestors(_ ci: Int, _ ek: Int) -> Bool {
            if ci < 0 { return true }
            if ek < 0 { return false }
            let key = ci * (path.count + 1) + ek
            if ci > 0, failed.contains(key) { return false }
            var found = false
            if sel.childOf[ci] {
                found = test(ci, ek) && ancestors(ci - 1, ek - 1)
            } else {
                var k = ek
                while k >= 0, !found {
                    found = test(ci, k) && ancestors(ci - 1, k - 1)
                    k -= 1
                }
            }
            if !found && ci > 0 { failed.insert(key) }
            return found
        }
        let last = path.count - 1
        return test(sel.compounds.count - 1, last) && ancestors(sel.compounds.count - 2, last - 1)
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
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "/" }
            guard !rest.isEmpty else { break }
            let an = rest.prefix { !$0.isWhitespace && $0 != "=" }
            rest = rest.dropFirst(an.count).drop { $0.isWhitespace }
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
            if !an.isEmpty { attrs.append((an.lowercased(), value)) }
        }
        let classes = attrs.first { $0.0 == "class" }.map { $0.1.split(separator: " ") } ?? []
        return (Element(tag: name.lowercased(), attrs: attrs, classes: classes), selfClosing)
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
