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
        var compounds: [Compound] = []
        var combinators: [Combinator] = []
        var pending = Combinator.descendant
        var spec = 0
        let chars = Array(text.unicodeScalars)
        var i = 0
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" || c.value > 127
        }
        func readName() -> String {
            var s = ""
            while i < chars.count, isNameChar(chars[i]) { s.unicodeScalars.append(chars[i]); i += 1 }
            return s
        }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\n" || c == "\t" || c == "\r" { i += 1; continue }
            if c == ">" || c == "+" || c == "~" {
                pending = c == ">" ? .child : c == "+" ? .adjacent : .sibling
                i += 1
                continue
            }
            if c == ":" || c == "," { return nil }
            var compound = Compound()
            var any = false
            while i < chars.count {
                let d = chars[i]
                if d == "*" { i += 1; any = true } else if d == "." {
                    i += 1
                    let n = readName(); guard !n.isEmpty else { return nil }
                    compound.classes.append(n); spec += 10; any = true
                } else if d == "#" {
                    i += 1
                    let n = readName(); guard !n.isEmpty else { return nil }
                    compound.id = n; spec += 100; any = true
                } else if d == "[" {
                    i += 1
                    let n = readName(); guard !n.isEmpty else { return nil }
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
                    compound.attributes.append((n.lowercased(), value)); spec += 10; any = true
                } else if isNameChar(d), compound.tag == nil, !any {
                    compound.tag = readName().lowercased(); spec += 1; any = true
                } else {
                    break
                }
            }
            guard any else { return nil }
            if !compounds.isEmpty { combinators.append(pending) } else if pending != .descendant { return nil }
            pending = .descendant
            compounds.append(compound)
        }
        guard !compounds.isEmpty else { return nil }
        self.compounds = compounds
        self.combinators = combinators
        self.specificity = spec
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
    private func matchAncestors(compoundIndex ci: Int, path: [CSSInliner.Element], elementIndex ei: Int,
                                failed: inout Set<Int>) -> Bool {
        if ci < 0 { return true }
        if ei < 0 { return false }
        let key = ci * (path.count + 1) + ei
        if ci > 0, failed.contains(key) { return false }
        var found = false
        if combinators[ci] == .child {
            found = matches(compounds[ci], path[ei])
                && matchAncestors(compoundIndex: ci - 1, path: path, elementIndex: ei - 1, failed: &failed)
        } else {
            var k = ei
            while k >= 0, !found {
                found = matches(compounds[ci], path[k])
                    && matchAncestors(compoundIndex: ci - 1, path: path, elementIndex: k - 1, failed: &failed)
                k -= 1
            }
        }
        if !found && ci > 0 { failed.insert(key) }
        return found
    }
}
