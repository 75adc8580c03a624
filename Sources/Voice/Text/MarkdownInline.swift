import Foundation

/// Inline Markdown: code spans, emphasis, links, images, autolinks (GFM linkify), inline HTML,
/// escapes and entities, emitted as the tokens goldmark's HTML would give.
extension MarkdownBlocks {
    private enum Node {
        case text([UInt16], [Int])
        case code([UInt16], [Int])
        case html([HTMLToken])
        case delim(ch: UInt16, at: Int, count: Int, canOpen: Bool, canClose: Bool)
        case bracket(image: Bool, at: Int, active: Bool)
        case linkOpen(href: String)
        case linkClose
        case image(alt: MappedText)
        case tag(open: Bool, name: String)
        case autolink(text: MappedText, href: String)
    }

    private static func isPunct(_ c: UInt16) -> Bool {
        (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)
            || (c >= 0x2010 && c <= 0x2027) || (c >= 0x3000 && c <= 0x303F)
    }

    /// One paragraph's inline scan: its units and each one's offset in the source (-1: not from
    /// the source), the position, the nodes found so far and the literal text not yet a node.
    private struct InlineScan {
        let units: [UInt16]
        let offsets: [Int]
        var position = 0
        var nodes: [Node] = []
        var text: [UInt16] = [], textOffsets: [Int] = []
        /// Backtick run length → a position from which no run of that length has a closer:
        /// a later run of that length is literal at once (linear on pathological inputs).
        var noCloser: [Int: Int] = [:]

        init(units: [UInt16], offsets: [Int]) {
            self.units = units
            self.offsets = offsets
        }

        /// The unit at `k`; a space outside the paragraph.
        func unit(at k: Int) -> UInt16 { k >= 0 && k < units.count ? units[k] : Char16.space }

        mutating func flushText() {
            if !text.isEmpty { nodes.append(.text(text, textOffsets)); text = []; textOffsets = [] }
        }

        mutating func takeLiteral() {
            text.append(units[position]); textOffsets.append(offsets[position]); position += 1
        }

        /// `\` before punctuation: the punctuation as text.
        mutating func escape() -> Bool {
            let next = position + 1
            guard next < units.count, MarkdownBlocks.isPunct(units[next]) else { return false }
            text.append(units[next]); textOffsets.append(offsets[next]); position += 2
            return true
        }

        /// A backtick run: a code span up to the next run of the same length, else literal backticks.
        mutating func codeSpan() {
            let start = position
            var end = start
            while end < units.count, units[end] == Char16.backtick { end += 1 }
            let length = end - start
            guard let close = closer(ofRun: length, from: end) else {
                text.append(contentsOf: units[start..<end]); textOffsets.append(contentsOf: offsets[start..<end]); position = end
                return
            }
            var code = units[end..<close].map { $0 == Char16.newline ? Char16.space : $0 }
            var map = Array(offsets[end..<close])
            // One space each side is stripped when there is other content between.
            if code.count >= 2, code.first == Char16.space, code.last == Char16.space, code.contains(where: { $0 != Char16.space }) {
                code.removeFirst(); code.removeLast(); map.removeFirst(); map.removeLast()
            }
            flushText(); nodes.append(.code(code, map))
            position = close + length
        }

        /// Where the next backtick run of exactly `length` starts, from `start`; nil when none.
        private mutating func closer(ofRun length: Int, from start: Int) -> Int? {
            if (noCloser[length] ?? Int.max) > position {
                var k = start
                while k < units.count {
                    guard units[k] == Char16.backtick else { k += 1; continue }
                    var runEnd = k
                    while runEnd < units.count, units[runEnd] == Char16.backtick { runEnd += 1 }
                    if runEnd - k == length { return k }
                    k = runEnd
                }
            }
            noCloser[length] = position
            return nil
        }

        /// `&name;` or `&#…;`: the character it decodes to, as text; false when it does not decode.
        mutating func entity() -> Bool {
            let start = position
            var end = start + 1
            while end < units.count, end - start < 33, units[end] != Char16.semicolon, units[end] != Char16.space, units[end] != Char16.ampersand {
                end += 1
            }
            guard end < units.count, units[end] == Char16.semicolon else { return false }
            let decoded = Entities.decode(units[start...end], base: 0)
            guard decoded.units.count < end - start + 1 else { return false }
            for x in decoded.units { text.append(x); textOffsets.append(offsets[start]) }
            position = end + 1
            return true
        }

        /// A run of `*`, `_` or `~` as a delimiter, with whether it can open and close emphasis
        /// (CommonMark's flanking rules; `_` inside a word neither; GFM strikethrough is 1–2 `~`).
        mutating func delimiterRun() {
            let start = position, c = units[start]
            var end = start
            while end < units.count, units[end] == c { end += 1 }
            let before = unit(at: start - 1), after = unit(at: end)
            let left = !MappedText.isSpace(after) && (!MarkdownBlocks.isPunct(after) || MappedText.isSpace(before) || MarkdownBlocks.isPunct(before))
            let right = !MappedText.isSpace(before) && (!MarkdownBlocks.isPunct(before) || MappedText.isSpace(after) || MarkdownBlocks.isPunct(after))
            var canOpen = left, canClose = right
            if c == Char16.underscore {
                canOpen = left && (!right || MarkdownBlocks.isPunct(before))
                canClose = right && (!left || MarkdownBlocks.isPunct(after))
            }
            if c == Char16.tilde && end - start > 2 { canOpen = false; canClose = false }
            flushText()
            nodes.append(.delim(ch: c, at: start, count: end - start, canOpen: canOpen, canClose: canClose))
            position = end
        }

        /// `[`, or `![` when `image`: an open bracket that a later `]` may close.
        mutating func openBracket(image: Bool) {
            flushText()
            nodes.append(.bracket(image: image, at: position, active: true))
            position += image ? 2 : 1
        }
    }

    /// `breaks[k]`: line k ends with a hard line break (two spaces or a backslash), which
    /// goldmark renders as `<br>`, an inline tag that splits the text token.
    mutating func inline(_ lines: [Line], breaks: [Bool] = []) {
        var scan = joined(lines, breaks: breaks)
        while scan.position < scan.units.count {
            if !scanConstruct(&scan) { scan.takeLiteral() }
        }
        scan.flushText()
        let offsets = scan.offsets
        emphasis(&scan.nodes, offsets)
        emit(scan.nodes, offsets)
    }

    /// The paragraph's lines as one scan: a newline between lines, `<br>` before it for a hard break.
    private func joined(_ lines: [Line], breaks: [Bool]) -> InlineScan {
        var units: [UInt16] = [], offsets: [Int] = []
        for (k, l) in lines.enumerated() {
            if k > 0 {
                if k - 1 < breaks.count, breaks[k - 1] {
                    if units.last == Char16.backslash { units.removeLast(); offsets.removeLast() }
                    for c in "<br>".utf16 { units.append(c); offsets.append(-1) }
                }
                units.append(Char16.newline); offsets.append(lines[k - 1].e)
            }
            units.append(contentsOf: u[l.s..<l.e]); offsets.append(contentsOf: l.s..<l.e)
        }
        return InlineScan(units: units, offsets: offsets)
    }

    /// The construct starting at the scan's position, if any: false when its unit is literal text.
    private func scanConstruct(_ scan: inout InlineScan) -> Bool {
        // Called per character: the arrays are bound (a retain each) only where they are passed on.
        let i = scan.position
        switch scan.units[i] {
        case Char16.backslash: return scan.escape()
        case Char16.backtick: scan.codeSpan(); return true
        case Char16.lessThan:
            guard let (end, node) = angle(scan.units, scan.offsets, i) else { return false }
            scan.flushText(); scan.nodes.append(node); scan.position = end
            return true
        case Char16.ampersand: return scan.entity()
        case Char16.star, Char16.underscore, Char16.tilde: scan.delimiterRun(); return true
        case Char16.openBracket: scan.openBracket(image: false); return true
        case Char16.bang:
            guard i + 1 < scan.units.count, scan.units[i + 1] == Char16.openBracket else { return false }
            scan.openBracket(image: true)
            return true
        case Char16.closeBracket:
            scan.flushText()
            let units = scan.units, offsets = scan.offsets
            guard let end = closeBracket(&scan.nodes, units, offsets, i) else { return false }
            scan.position = end
            return true
        case Char16.lowerH, Char16.lowerW: return autolink(&scan)
        default: return false
        }
    }

    /// GFM linkify: `http://`, `https://` or `www.` at the start of a word (or after `(`, `*`, `_`).
    private func autolink(_ scan: inout InlineScan) -> Bool {
        let units = scan.units, i = scan.position
        if i > 0 {
            let before = units[i - 1]
            guard MappedText.isSpace(before) || before == Char16.openParen || before == Char16.star || before == Char16.underscore else {
                return false
            }
        }
        guard let end = linkify(units, i) else { return false }
        scan.flushText()
        let text = MappedText(units: Array(units[i..<end]), map: Array(scan.offsets[i..<end]))
        let s = text.string
        scan.nodes.append(.autolink(text: text, href: s.hasPrefix("www.") ? "http://" + s : s))
        scan.position = end
        return true
    }

    /// Characters a linkified URL does not end with (`.,:;!?*_'"`).
    private static let linkTrailers: [UInt16] = [
        Char16.dot, Char16.comma, Char16.colon, Char16.semicolon, Char16.bang,
        Char16.question, Char16.star, Char16.underscore, Char16.singleQuote, Char16.doubleQuote,
    ]

    private func linkify(_ units: [UInt16], _ i: Int) -> Int? {
        let rest = String(decoding: units[i..<min(units.count, i + 8)], as: UTF16.self)
        guard rest.hasPrefix("http://") || rest.hasPrefix("https://") || rest.hasPrefix("www.") else { return nil }
        var j = i
        while j < units.count, !MappedText.isSpace(units[j]), units[j] != Char16.lessThan { j += 1 }
        while j > i, Self.linkTrailers.contains(units[j - 1]) { j -= 1 }
        // unbalanced closing parens are not part of the URL
        var open = 0, close = 0
        for k in i..<j { if units[k] == Char16.openParen { open += 1 } else if units[k] == Char16.closeParen { close += 1 } }
        while j > i, units[j - 1] == Char16.closeParen, close > open { j -= 1; close -= 1 }
        let body = String(decoding: units[i..<j], as: UTF16.self)
        let minimal = body.hasPrefix("www.") ? 5 : (body.hasPrefix("https://") ? 9 : 8)
        return j - i >= minimal ? j : nil
    }

    /// `<...>`: an autolink, or inline HTML handed to the HTML tokenizer.
    private func angle(_ units: [UInt16], _ offsets: [Int], _ i: Int) -> (Int, Node)? {
        var j = i + 1
        while j < units.count, units[j] != Char16.greaterThan, units[j] != Char16.lessThan,
            !(units[j] == Char16.newline && j + 1 < units.count && units[j + 1] == Char16.newline)
        { j += 1 }
        guard j < units.count, units[j] == Char16.greaterThan else { return nil }
        let inner = String(decoding: units[(i + 1)..<j], as: UTF16.self)
        if !inner.contains(" "), !inner.contains("\n"),
            inner.range(of: "^[A-Za-z][A-Za-z0-9+.-]{1,31}:", options: .regularExpression) != nil
                || inner.range(of: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", options: .regularExpression) != nil
        {
            let text = MappedText(units: Array(units[(i + 1)..<j]), map: Array(offsets[(i + 1)..<j]))
            return (j + 1, .autolink(text: text, href: inner.contains("@") && !inner.contains(":") ? "mailto:" + inner : inner))
        }
        guard let f = units.count > i + 1 ? units[i + 1] : nil,
            Char16.isLetter(f) || f == Char16.slash || f == Char16.bang || f == Char16.question
        else { return nil }
        if f == Char16.bang, inner.hasPrefix("!--") {
            // a comment may contain '>' ... find '-->'
            var k = i + 4
            while k + 2 < units.count, !(units[k] == Char16.hyphen && units[k + 1] == Char16.hyphen && units[k + 2] == Char16.greaterThan) { k += 1 }
            guard k + 2 < units.count else { return nil }
            let body = String(decoding: units[(i + 4)..<k], as: UTF16.self)
            return (k + 3, .html([.comment(body)]))
        }
        let slice = Array(units[i...j])
        let toks = HTMLTokenizer.tokens(slice, base: 0)
        return (j + 1, .html(toks.map { remap($0, offsets, i) }))
    }

    private func remap(_ t: HTMLToken, _ offsets: [Int], _ base: Int) -> HTMLToken {
        switch t {
        case .start(let n, let attrs, let sc):
            return .start(
                name: n,
                attrs: attrs.map { a in
                    var a = a
                    if let m = a.mapped { a.mapped = MappedText(units: m.units, map: m.map.map { $0 >= 0 ? offsets[base + $0] : -1 }) }
                    a.valueOffset = a.valueOffset >= 0 ? offsets[base + a.valueOffset] : -1
                    return a
                }, selfClosing: sc)
        case .text(let m):
            return .text(MappedText(units: m.units, map: m.map.map { $0 >= 0 ? offsets[base + $0] : -1 }))
        default: return t
        }
    }

    /// `]`: closes the nearest open bracket as a link or image when a destination follows.
    private func closeBracket(_ nodes: inout [Node], _ units: [UInt16], _ offsets: [Int], _ i: Int) -> Int? {
        let lowest = max(0, nodes.count - 512)  // bounded look-back for pathological inputs
        guard
            let bi = nodes[lowest...].lastIndex(where: {
                if case .bracket = $0 { return true }; return false
            }),
            case .bracket(let image, let bAt, let active) = nodes[bi]
        else { return nil }
        guard active, let (end, href) = destination(units, closing: i, label: (bAt + (image ? 2 : 1))..<i) else {
            nodes[bi] = Self.literalBracket(image: image, at: bAt, offsets)
            return nil
        }
        let inner = Array(nodes[(bi + 1)...])
        nodes.removeSubrange(bi...)
        if image {
            nodes.append(.image(alt: Self.altText(inner, offsets)))
        } else {
            var inner = inner
            emphasis(&inner, offsets)
            nodes.append(.linkOpen(href: href))
            nodes += inner
            nodes.append(.linkClose)
            // no links inside links
            for k in nodes.indices { if case .bracket(let im, let a, _) = nodes[k], !im { nodes[k] = .bracket(image: false, at: a, active: false) } }
        }
        return end
    }

    /// What follows the `]` at `i`: an inline destination `(url "title")`, a reference `[label]`
    /// or `[]`, or a shortcut reference (the bracket's own text); the end of the link and its
    /// href (empty for a reference). Nil when none does.
    private func destination(_ units: [UInt16], closing i: Int, label: Range<Int>) -> (end: Int, href: String)? {
        let n = units.count
        if i + 1 < n, units[i + 1] == Char16.openParen {
            // balanced parens, backslash escapes, optional title
            var j = i + 2, depth = 0
            while j < n {
                if units[j] == Char16.backslash { j += 2; continue }
                if units[j] == Char16.openParen { depth += 1 }
                if units[j] == Char16.closeParen { if depth == 0 { break }; depth -= 1 }
                j += 1
            }
            guard j < n else { return nil }
            let inner = String(decoding: units[(i + 2)..<j], as: UTF16.self).trimmingCharacters(in: .whitespacesAndNewlines)
            var href = String(inner.split(separator: " ", maxSplits: 1).first ?? "")
            if href.hasPrefix("<"), href.hasSuffix(">") { href = String(href.dropFirst().dropLast()) }
            return (j + 1, href)
        }
        if i + 1 < n, units[i + 1] == Char16.openBracket {
            var j = i + 2
            while j < n, units[j] != Char16.closeBracket { j += 1 }
            guard j < n else { return nil }
            var name = String(decoding: units[(i + 2)..<j], as: UTF16.self).lowercased()
            if name.isEmpty { name = String(decoding: units[label], as: UTF16.self).lowercased() }
            return refs.contains(name) ? (j + 1, "") : nil
        }
        return refs.contains(String(decoding: units[label], as: UTF16.self).lowercased()) ? (i + 1, "") : nil
    }

    /// An open bracket that closed nothing, as the text it was.
    private static func literalBracket(image: Bool, at: Int, _ offsets: [Int]) -> Node {
        image ? .text([Char16.bang, Char16.openBracket], [offsets[at], offsets[at + 1]]) : .text([Char16.openBracket], [offsets[at]])
    }

    /// An image's alt text: the text of the nodes inside its brackets, markup left out.
    private static func altText(_ inner: [Node], _ offsets: [Int]) -> MappedText {
        var units: [UInt16] = [], map: [Int] = []
        for x in inner {
            switch x {
            case .text(let a, let b), .code(let a, let b): units += a; map += b
            case .delim(let ch, let at, let count, _, _):
                units += Array(repeating: ch, count: count); map += Array(at..<(at + count)).map { offsets[$0] }
            case .autolink(let t, _): units += t.units; map += t.map
            default: break
            }
        }
        return MappedText(units: units, map: map)
    }

    private func emphasis(_ nodes: inout [Node], _ offsets: [Int]) {
        struct D {
            var idx: Int; var ch: UInt16; var at: Int; var count: Int; var orig: Int; var canOpen: Bool; var canClose: Bool; var opens: [String] = [];
            var closes: [String] = []; var leftUsed = 0
        }
        var ds: [D] = []
        for (k, x) in nodes.enumerated() {
            if case .delim(let ch, let at, let count, let o, let c) = x {
                ds.append(D(idx: k, ch: ch, at: at, count: count, orig: count, canOpen: o, canClose: c))
            }
        }
        guard !ds.isEmpty else { return }
        var ci = 0
        while ci < ds.count {
            guard ds[ci].canClose, ds[ci].count > 0 else { ci += 1; continue }
            var oi = ci - 1
            var found = -1
            // Bounded look-back keeps pathological inputs (thousands of `*`) linear.
            while oi >= 0 && ci - oi <= 256 {
                let o = ds[oi]
                if o.ch == ds[ci].ch && o.canOpen && o.count > 0 {
                    let both = (o.canClose || ds[ci].canOpen) && (o.orig + ds[ci].orig) % 3 == 0 && !(o.orig % 3 == 0 && ds[ci].orig % 3 == 0)
                    if o.ch == Char16.tilde { if o.count == ds[ci].count { found = oi; break } } else if !both { found = oi; break }
                }
                oi -= 1
            }
            guard found >= 0 else { ci += 1; continue }
            let use = ds[found].ch == Char16.tilde ? ds[found].count : ((ds[found].count >= 2 && ds[ci].count >= 2) ? 2 : 1)
            let tag = ds[found].ch == Char16.tilde ? "del" : (use == 2 ? "strong" : "em")
            ds[found].count -= use
            ds[found].opens.insert(tag, at: 0)
            ds[ci].count -= use
            ds[ci].closes.append(tag)
            ds[ci].leftUsed += use
            // delimiters between become literal
            for k in (found + 1)..<ci { ds[k].canOpen = false; ds[k].canClose = false }
            if ds[ci].count == 0 { ci += 1 }
        }
        // rewrite nodes from the back so indices stay valid
        for d in ds.reversed() {
            var rep: [Node] = []
            if d.closes.isEmpty {
                // opener (or unused): literal remainder then the opening tags
                if d.count > 0 { rep.append(.text(Array(repeating: d.ch, count: d.count), Array(d.at..<(d.at + d.count)).map { offsets[$0] })) }
                rep += d.opens.map { .tag(open: true, name: $0) }
            } else {
                rep += d.closes.map { .tag(open: false, name: $0) }
                let litStart = d.at + d.leftUsed
                if d.count > 0 {
                    rep.append(.text(Array(repeating: d.ch, count: d.count), Array(litStart..<(litStart + d.count)).map { offsets[$0] }))
                }
                rep += d.opens.map { .tag(open: true, name: $0) }
            }
            nodes.replaceSubrange(d.idx...d.idx, with: rep)
        }
    }

    private mutating func emit(_ nodes: [Node], _ offsets: [Int]) {
        var text: [UInt16] = [], textOffsets: [Int] = []
        func flush(_ out: inout [HTMLToken]) {
            if !text.isEmpty { out.append(.text(MappedText(units: text, map: textOffsets))); text = []; textOffsets = [] }
        }
        for x in nodes {
            switch x {
            case .text(let a, let b): text += a; textOffsets += b
            case .delim(let ch, let at, let count, _, _):
                text += Array(repeating: ch, count: count); textOffsets += Array(at..<(at + count)).map { offsets[$0] }
            case .bracket(let image, let at, _):
                if image {
                    text += [Char16.bang, Char16.openBracket]; textOffsets += [offsets[at], offsets[at + 1]]
                } else {
                    text.append(Char16.openBracket); textOffsets.append(offsets[at])
                }
            case .code(let a, let b):
                flush(&out)
                out.append(.start(name: "code", attrs: [], selfClosing: false))
                if !a.isEmpty { out.append(.text(MappedText(units: a, map: b))) }
                out.append(.end(name: "code"))
            case .html(let toks): flush(&out); out += toks
            case .linkOpen(let href):
                flush(&out);
                out.append(.start(name: "a", attrs: [HTMLAttribute(name: "href", value: href, valueOffset: -1, mapped: nil)], selfClosing: false))
            case .linkClose: flush(&out); out.append(.end(name: "a"))
            case .image(let alt):
                flush(&out)
                out.append(
                    .start(
                        name: "img", attrs: [HTMLAttribute(name: "alt", value: alt.string, valueOffset: alt.map.first ?? -1, mapped: alt)],
                        selfClosing: true))
            case .tag(let open, let name): flush(&out); out.append(open ? .start(name: name, attrs: [], selfClosing: false) : .end(name: name))
            case .autolink(let text, let href):
                flush(&out)
                out.append(.start(name: "a", attrs: [HTMLAttribute(name: "href", value: href, valueOffset: -1, mapped: nil)], selfClosing: false))
                out.append(.text(text))
                out.append(.end(name: "a"))
            }
        }
        flush(&out)
    }
}
