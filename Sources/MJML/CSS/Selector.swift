/// A small CSS selector subset for `<mj-style inline="inline">` and `mj-html-attributes`:
/// compound selectors of tag, `.class`, `#id`, `[attr]`/`[attr=value]` and `*`, joined by
/// descendant (space), child (`>`), adjacent sibling (`+`) or general sibling (`~`) combinators.
/// Pseudo-classes make a selector unsupported: the inliner keeps such rules in the head.
struct Selector: Sendable {
    enum Combinator: Sendable { case descendant, child, adjacent, sibling }

    struct Compound: Sendable {
        var tag: String?
        var classes: [String] = [] { didSet { classBytes = classes.map { Array($0.utf8) } } }
        /// The class names as bytes, for the inliner's byte-level checks.
        var classBytes: [[UInt8]] = []
        var id: String?
        var attributes: [(String, String?)] = []
    }

    /// Rightmost compound last; `combinators[i]` joins compound i to compound i+1.
    var compounds: [Compound]
    var combinators: [Combinator]
    var specificity: Int

    var hasSiblingCombinator: Bool { combinators.contains { $0 == .adjacent || $0 == .sibling } }

    init?(_ text: String) {
        var scanner = SelectorScanner(text)
        guard let (compounds, combinators) = scanner.selector() else { return nil }
        self.compounds = compounds
        self.combinators = combinators
        self.specificity = scanner.specificity
    }

    func matches(_ c: Compound, _ e: CSSInliner.Element) -> Bool {
        if let t = c.tag, t != e.tag { return false }
        if let id = c.id, e.attribute("id") != id { return false }
        for cls in c.classes where !e.classes.contains(where: { $0 == cls }) { return false }
        for (name, value) in c.attributes {
            guard let v = e.attribute(name) else { return false }
            if let value, v != value { return false }
        }
        return true
    }

    /// Does the selector match the last element of `path` (root first)?
    func matches(path: [CSSInliner.Element]) -> Bool {
        guard let last = path.last, matches(compounds[compounds.count - 1], last) else { return false }
        var failed = Set<Int>()
        return matchAncestors(compoundIndex: compounds.count - 2, path: path, elementIndex: path.count - 2, failed: &failed)
    }

    /// `failed`: (compound, element) pairs already known not to match, so deep paths and long
    /// descendant chains are not retried combinatorially (see `InlineWalk.context`).
    private func matchAncestors(
        compoundIndex ci: Int, path: [CSSInliner.Element], elementIndex ei: Int,
        failed: inout Set<Int>
    ) -> Bool {
        if ci < 0 { return true }
        if ei < 0 { return false }
        let key = ci * (path.count + 1) + ei
        if ci > 0, failed.contains(key) { return false }
        var found = false
        if combinators[ci] == .child {
            found =
                matches(compounds[ci], path[ei])
                && matchAncestors(compoundIndex: ci - 1, path: path, elementIndex: ei - 1, failed: &failed)
        } else {
            var k = ei
            while k >= 0, !found {
                found =
                    matches(compounds[ci], path[k])
                    && matchAncestors(compoundIndex: ci - 1, path: path, elementIndex: k - 1, failed: &failed)
                k -= 1
            }
        }
        if !found && ci > 0 { failed.insert(key) }
        return found
    }
}

/// Reads a selector's text: compounds, the combinators between them, and the specificity.
private struct SelectorScanner {
    let chars: [Unicode.Scalar]
    var i = 0
    /// 100 per id, 10 per class or attribute, 1 per tag.
    var specificity = 0

    init(_ text: String) { chars = Array(text.unicodeScalars) }

    /// The compounds and the combinators joining them; nil for what the subset does not
    /// support (pseudo-classes, selector lists, a leading combinator, a malformed part).
    mutating func selector() -> ([Selector.Compound], [Selector.Combinator])? {
        var compounds: [Selector.Compound] = []
        var combinators: [Selector.Combinator] = []
        var pending = Selector.Combinator.descendant
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\n" || c == "\t" || c == "\r" { i += 1; continue }
            if c == ">" || c == "+" || c == "~" {
                pending = c == ">" ? .child : c == "+" ? .adjacent : .sibling
                i += 1
                continue
            }
            if c == ":" || c == "," { return nil }
            guard let compound = compound() else { return nil }
            if !compounds.isEmpty { combinators.append(pending) } else if pending != .descendant { return nil }
            pending = .descendant
            compounds.append(compound)
        }
        return compounds.isEmpty ? nil : (compounds, combinators)
    }

    /// A tag or `*`, then `.class`, `#id` and `[attr]` parts, up to a space or combinator; nil
    /// when it has no part or a part is malformed.
    private mutating func compound() -> Selector.Compound? {
        var compound = Selector.Compound()
        var any = false
        while i < chars.count {
            let d = chars[i]
            if d == "*" {
                i += 1
            } else if d == "." {
                i += 1
                guard let n = name() else { return nil }
                compound.classes.append(n); specificity += 10
            } else if d == "#" {
                i += 1
                guard let n = name() else { return nil }
                compound.id = n; specificity += 100
            } else if d == "[" {
                i += 1
                guard let a = attribute() else { return nil }
                compound.attributes.append(a); specificity += 10
            } else if Self.isNameChar(d), compound.tag == nil, !any {
                compound.tag = name()?.lowercased(); specificity += 1
            } else {
                break
            }
            any = true
        }
        return any ? compound : nil
    }

    /// `name]` or `name=value]` (the value bare or quoted), after the `[`.
    private mutating func attribute() -> (String, String?)? {
        guard let n = name() else { return nil }
        var value: String?
        if i < chars.count, chars[i] == "=" {
            i += 1
            var v = ""
            let quote = i < chars.count && (chars[i] == "\"" || chars[i] == "'") ? chars[i] : nil
            if quote != nil { i += 1 }
            while i < chars.count, chars[i] != "]", chars[i] != quote { v.unicodeScalars.append(chars[i]); i += 1 }
            if quote != nil, i < chars.count { i += 1 }
            value = v
        }
        guard i < chars.count, chars[i] == "]" else { return nil }
        i += 1
        return (n.lowercased(), value)
    }

    /// A name at the position; nil when there is none.
    private mutating func name() -> String? {
        var s = ""
        while i < chars.count, Self.isNameChar(chars[i]) { s.unicodeScalars.append(chars[i]); i += 1 }
        return s.isEmpty ? nil : s
    }

    private static func isNameChar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" || c.value > 127
    }
}
