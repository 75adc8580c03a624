#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a walk keeps each level's closed preceding siblings. A type rather than a stored flag
/// so that the walk is compiled once per policy: rule sets without `+` or `~` (nearly all) run a
/// walk with every sibling check folded away, at the cost of the walk before siblings existed.
protocol SiblingTracking {
    static var tracksSiblings: Bool { get }
}

/// No selector has `+` or `~`: only the open elements are kept.
enum WithoutSiblings: SiblingTracking {
    static var tracksSiblings: Bool { false }
}

/// Some selector has `+` or `~`: each level's closed preceding siblings are kept too.
enum WithSiblings: SiblingTracking {
    static var tracksSiblings: Bool { true }
}

/// One pass of the CSS inliner over rendered HTML: a stack of the open elements (and, when
/// `Tracking` says so, each level's closed preceding siblings); each start tag is tested
/// against the rules its id, first class or tag can match, and rewritten when some do.
struct InlineWalk<Tracking: SiblingTracking> {
    /// An element on the walk: where its tag sits in the HTML; attributes parsed lazily (only
    /// when a selector needs them), so the common case costs a byte comparison.
    struct OpenElement {
        var nameStart: Int
        var nameEnd: Int
        var tagStart: Int
        var tagEnd: Int
        var parsed: CSSInliner.Element?
        /// Byte range of the class attribute's value; computed on first need (-2: not yet).
        var classStart = -2
        var classEnd = -2
    }

    /// An element the matcher can reach: `path[depth]` (sibling -1) or `siblings[depth][sibling]`.
    /// Both packed in one word, so that a failure memo key hashes as cheaply as without siblings
    /// (a sibling index is below 2^31: a level has fewer siblings than the HTML has bytes / 3).
    struct Ref: Hashable {
        private var packed: Int
        var depth: Int { packed >> 32 }
        var sibling: Int { Int(Int32(truncatingIfNeeded: packed)) }
        init(depth: Int, sibling: Int) { packed = depth << 32 | Int(UInt32(truncatingIfNeeded: sibling)) }
    }

    /// A (compound, element) pair whose left context is known not to match.
    struct Failure: Hashable {
        var compound: Int
        var element: Ref
    }

    let rules: [CSSInliner.Rule]
    let index: SelectorIndex
    let html: [UInt8]
    let p: UnsafeBufferPointer<UInt8>
    let n: Int
    var out: [UInt8] = []
    var path: [OpenElement] = []
    /// `siblings[d]`: the closed elements before `path[d]` under the same parent.
    var siblings: [[OpenElement]] = []
    var candidates: [Int32] = []
    /// Bytes before this offset are already in `out`.
    var copied = 0
    var failed = Set<Failure>()

    init(ruleSet: CSSInliner.RuleSet, html: [UInt8], p: UnsafeBufferPointer<UInt8>) {
        rules = ruleSet.rules
        index = ruleSet.index
        self.html = html
        self.p = p
        n = html.count
        out.reserveCapacity(n + n / 8)
    }

    mutating func run() {
        guard p.baseAddress != nil else { return }
        var i = 0
        while i < n {
            guard p[i] == 60 else {
                i = nextLT(i)
                continue
            }
            if i + 3 < n, p[i + 1] == 33, p[i + 2] == 45, p[i + 3] == 45 {
                i = CSSInliner.find([45, 45, 62], in: html, from: i + 4).map { $0 + 3 } ?? n
                continue
            }
            let close = nextGT(i)
            let tagStart = i
            i = close + 1
            guard close - tagStart >= 2, i <= n, CSSInliner.isLetter(p[tagStart + 1]) || p[tagStart + 1] == 47 else {
                continue
            }
            if p[tagStart + 1] == 47 {
                endTag(nameStart: tagStart + 2)
            } else {
                i = startTag(tagStart, end: i, selfClosing: p[close - 1] == 47)
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<n]))
    }

    private func nextLT(_ from: Int) -> Int {
        guard from < n, let q = memchr(p.baseAddress! + from, 60, n - from) else { return n }
        return p.baseAddress!.distance(to: q.assumingMemoryBound(to: UInt8.self))
    }

    private func nextGT(_ from: Int) -> Int {
        guard from < n, let q = memchr(p.baseAddress! + from, 62, n - from) else { return n - 1 }
        return p.baseAddress!.distance(to: q.assumingMemoryBound(to: UInt8.self))
    }

    private func nameEnd(_ from: Int) -> Int {
        var j = from
        while j < n, CSSInliner.isLetter(p[j]) || (p[j] >= 48 && p[j] <= 57) || p[j] == 45 || p[j] == 58 { j += 1 }
        return j
    }

    private func sameName(_ a: Int, _ ae: Int, _ b: Int, _ be: Int) -> Bool {
        guard ae - a == be - b else { return false }
        for k in 0..<(ae - a) where p[a + k] | 0x20 != p[b + k] | 0x20 { return false }
        return true
    }

    /// `</name>`: closes the innermost open element of that name (and any left open inside it).
    private mutating func endTag(nameStart ns: Int) {
        let ne = nameEnd(ns)
        guard let k = innermostOpen(named: ns, ne) else { return }
        close(from: k)
    }

    /// The depth of the innermost open element named `html[ns..<ne]`. A plain loop: a closure
    /// calling `sameName` would capture a copy of the whole walk, retaining each of its arrays.
    private func innermostOpen(named ns: Int, _ ne: Int) -> Int? {
        var k = path.count - 1
        while k >= 0 {
            if sameName(path[k].nameStart, path[k].nameEnd, ns, ne) { return k }
            k -= 1
        }
        return nil
    }

    /// Pops `path[k...]`; with sibling tracking, `path[k]` becomes a preceding sibling of what
    /// opens next at its level, and the levels below it start empty.
    private mutating func close(from k: Int) {
        if tracksSiblings {
            siblings[k].append(path[k])
            for d in (k + 1)..<siblings.count { siblings[d].removeAll(keepingCapacity: true) }
        }
        path.removeSubrange(k...)
    }

    /// A start tag: matched, rewritten when some rule applies; returns where the walk goes on.
    private mutating func startTag(_ tagStart: Int, end: Int, selfClosing: Bool) -> Int {
        let ns = tagStart + 1, ne = nameEnd(ns)
        // Unclosed author tags could grow the path without bound: cap it (deeper elements are
        // matched as if they were direct children of the cap).
        if path.count >= CSSInliner.maxPath { path.removeLast() }
        if tracksSiblings && siblings.count <= path.count { siblings.append([]) }
        path.append(OpenElement(nameStart: ns, nameEnd: ne, tagStart: tagStart, tagEnd: end, parsed: nil))
        let key = CSSInliner.pack(html[ns..<ne])
        // id and classes first: reading them mutates the walk (lazy parse), and doing that while
        // `index.candidates` runs would make the call work on a copy of the index.
        let id = index.usesIDs ? idBytes() : nil
        let classes = index.usesClasses ? classBytes() : nil
        index.candidates(tag: key, id: id, classes: classes, into: &candidates)
        var declared: [(String, String)] = []
        for k in candidates where matches(Int(k)) { declared += rules[Int(k)].declarations }
        let matched = CSSInliner.lastOfEachProperty(declared)
        if !matched.isEmpty { rewrite(tagStart, end: end, matched, selfClosing: selfClosing) }
        if selfClosing || CSSInliner.voidKeys.contains(key) {
            close(from: path.count - 1)
        } else if key == CSSInliner.styleKey || key == CSSInliner.scriptKey {
            let name = key == CSSInliner.styleKey ? "style" : "script"
            return CSSInliner.find(Array("</\(name)".utf8), in: html, from: end) ?? n
        }
        return end
    }

    /// Writes the tag with `matched` merged into its style (its own declarations win).
    private mutating func rewrite(_ tagStart: Int, end: Int, _ matched: [(String, String)], selfClosing: Bool) {
        // Copy everything unchanged since the last rewrite in one go.
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<tagStart]))
        copied = end
        var element = path[path.count - 1].parsed ?? CSSInliner.parseStartTag(html[tagStart..<end]).0
        let own = element.attribute("style").map(CSSInliner.parseStyle) ?? []
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

    // MARK: - matching

    private var tracksSiblings: Bool { Tracking.tracksSiblings }

    /// Is `r` a closed preceding sibling (never, when siblings are not tracked)?
    private func isSibling(_ r: Ref) -> Bool { tracksSiblings && r.sibling >= 0 }

    private var innermost: Ref { Ref(depth: path.count - 1, sibling: -1) }

    // Field reads by reference, without copying the element (its parsed attributes are arrays).

    private func nameRange(_ r: Ref) -> (Int, Int) {
        !isSibling(r)
            ? (path[r.depth].nameStart, path[r.depth].nameEnd)
            : (siblings[r.depth][r.sibling].nameStart, siblings[r.depth][r.sibling].nameEnd)
    }

    private func tagRange(_ r: Ref) -> (Int, Int) {
        !isSibling(r)
            ? (path[r.depth].tagStart, path[r.depth].tagEnd)
            : (siblings[r.depth][r.sibling].tagStart, siblings[r.depth][r.sibling].tagEnd)
    }

    private func cachedClassRange(_ r: Ref) -> (Int, Int) {
        !isSibling(r)
            ? (path[r.depth].classStart, path[r.depth].classEnd)
            : (siblings[r.depth][r.sibling].classStart, siblings[r.depth][r.sibling].classEnd)
    }

    private func cachedElement(_ r: Ref) -> CSSInliner.Element? {
        !isSibling(r) ? path[r.depth].parsed : siblings[r.depth][r.sibling].parsed
    }

    private mutating func parsed(_ r: Ref) -> CSSInliner.Element {
        if let e = cachedElement(r) { return e }
        let (start, end) = tagRange(r)
        let e = CSSInliner.parseStartTag(html[start..<end]).0
        if !isSibling(r) { path[r.depth].parsed = e } else { siblings[r.depth][r.sibling].parsed = e }
        return e
    }

    private mutating func classRange(_ r: Ref) -> (Int, Int) {
        let cached = cachedClassRange(r)
        if cached.0 != -2 { return cached }
        let (start, end) = tagRange(r)
        let range = CSSInliner.classRange(html, start, end)
        if !isSibling(r) {
            (path[r.depth].classStart, path[r.depth].classEnd) = range
        } else {
            (siblings[r.depth][r.sibling].classStart, siblings[r.depth][r.sibling].classEnd) = range
        }
        return range
    }

    /// The innermost open element's id, as bytes (parsing its attributes once).
    private mutating func idBytes() -> ArraySlice<UInt8>? {
        parsed(innermost).attribute("id").map { Array($0.utf8)[...] }
    }

    /// The innermost open element's class attribute value, as bytes.
    private mutating func classBytes() -> ArraySlice<UInt8>? {
        let (start, end) = classRange(innermost)
        return start < 0 ? nil : html[start..<end]
    }

    /// Does rule `k`'s selector match the innermost open element?
    private mutating func matches(_ k: Int) -> Bool {
        let selector = rules[k].selector
        let last = selector.compounds.count - 1
        if !failed.isEmpty { failed.removeAll(keepingCapacity: true) }
        return test(selector, last, innermost) && context(selector, last, innermost)
    }

    /// Does compound `ci` of `selector` match element `r` on its own?
    private mutating func test(_ selector: Selector, _ ci: Int, _ r: Ref) -> Bool {
        let c = selector.compounds[ci]
        if let t = c.tag {
            let (start, end) = nameRange(r)
            guard end - start == t.utf8.count else { return false }
            var j = start
            for b in t.utf8 {
                if p[j] | 0x20 != b { return false }
                j += 1
            }
        }
        guard c.id == nil && c.attributes.isEmpty else { return selector.matches(c, parsed(r)) }
        // Classes only: look at the class attribute's bytes, no full parse.
        if c.classBytes.isEmpty { return true }
        let (start, end) = classRange(r)
        if start < 0 { return false }
        for cls in c.classBytes where !CSSInliner.hasClass(html, start, end, cls) { return false }
        return true
    }

    /// Do compounds `0..<ci` of `selector` stand in the right relation to element `r`? Failures
    /// are remembered per (compound, element): without this, `a b c d …` against a deep path
    /// retries the same pairs combinatorially often. The leftmost compound is a plain scan.
    private mutating func context(_ selector: Selector, _ ci: Int, _ r: Ref) -> Bool {
        if ci == 0 { return true }
        let memo = ci > 1
        if memo, failed.contains(Failure(compound: ci, element: r)) { return false }
        var found = false
        switch selector.combinators[ci - 1] {
        case .child:
            if let up = parent(r) { found = test(selector, ci - 1, up) && context(selector, ci - 1, up) }
        case .descendant:
            var up = parent(r)
            while let a = up, !found {
                found = test(selector, ci - 1, a) && context(selector, ci - 1, a)
                up = parent(a)
            }
        case .adjacent:
            if let before = previousSibling(r) { found = test(selector, ci - 1, before) && context(selector, ci - 1, before) }
        case .sibling:
            var before = previousSibling(r)
            while let b = before, !found {
                found = test(selector, ci - 1, b) && context(selector, ci - 1, b)
                before = previousSibling(b)
            }
        }
        if memo && !found { failed.insert(Failure(compound: ci, element: r)) }
        return found
    }

    private func parent(_ r: Ref) -> Ref? { r.depth > 0 ? Ref(depth: r.depth - 1, sibling: -1) : nil }

    private func previousSibling(_ r: Ref) -> Ref? {
        guard tracksSiblings else { return nil }
        let before = r.sibling < 0 ? siblings[r.depth].count - 1 : r.sibling - 1
        return before >= 0 ? Ref(depth: r.depth, sibling: before) : nil
    }
}
