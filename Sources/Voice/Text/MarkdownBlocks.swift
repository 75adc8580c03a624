/// A CommonMark/GFM block parser that emits the HTML token stream goldmark's output would give
/// Vale's walker (headings, paragraphs, lists, block quotes, fenced/indented code, HTML blocks,
/// GFM tables), with every text token mapped back to the source.
struct MarkdownBlocks {
    struct Line { var s: Int; var e: Int }

    let u: [UInt16]
    var refs: Set<String> = []
    var out: [HTMLToken] = []
    /// Container nesting depth; past `maxDepth` the rest is read as plain paragraphs, so that a
    /// hostile input (100,000 nested `>`) neither overflows the stack nor takes quadratic time.
    var depth = 0
    static let maxDepth = 48

    /// Per offset: the next offset at or after it that is not a space or tab (within the line).
    /// Makes blank and indentation tests O(1) however deep the nesting strips a line.
    let nextNonSpace: [Int32]
    /// Per offset: whether a tab occurs between it and `nextNonSpace` (then columns are counted).
    let tabBefore: [Bool]

    init(units: [UInt16]) {
        u = units
        var next = [Int32](repeating: 0, count: units.count + 1)
        var tab = [Bool](repeating: false, count: units.count + 1)
        next[units.count] = Int32(units.count)
        var i = units.count - 1
        while i >= 0 {
            let c = units[i]
            if c == 32 || c == 9 { next[i] = next[i + 1]; tab[i] = c == 9 || tab[i + 1] } else { next[i] = Int32(i) }
            i -= 1
        }
        nextNonSpace = next; tabBefore = tab
    }

    static func tokens(_ units: [UInt16]) -> [HTMLToken] {
        var p = MarkdownBlocks(units: units)
        var lines: [Line] = []
        var s = 0
        for (i, c) in units.enumerated() where c == 10 { lines.append(Line(s: s, e: i)); s = i + 1 }
        if s < units.count { lines.append(Line(s: s, e: units.count)) }
        p.collectRefs(lines)
        p.parse(lines, tight: false)
        return p.out
    }

    // MARK: line helpers

    func isBlank(_ l: Line) -> Bool {
        l.s >= l.e || Int(nextNonSpace[l.s]) >= l.e
    }

    /// Columns of leading indentation (tab = up to next multiple of 4) and the offset after it.
    func indent(_ l: Line) -> (cols: Int, at: Int) {
        if l.s < l.e, !tabBefore[l.s] {
            let at = min(Int(nextNonSpace[l.s]), l.e)
            return (at - l.s, at)
        }
        var cols = 0, i = l.s
        while i < l.e, u[i] == 32 || u[i] == 9 { cols += u[i] == 9 ? 4 - cols % 4 : 1; i += 1 }
        return (cols, i)
    }

    /// Strips up to `n` columns of indentation.
    func strip(_ l: Line, _ n: Int) -> Line {
        if l.s < l.e, !tabBefore[l.s] { return Line(s: min(l.s + n, Int(nextNonSpace[l.s]), l.e), e: l.e) }
        var cols = 0, i = l.s
        while i < l.e, cols < n, u[i] == 32 || u[i] == 9 { cols += u[i] == 9 ? 4 - cols % 4 : 1; i += 1 }
        return Line(s: i, e: l.e)
    }

    func char(_ i: Int) -> UInt16 { i < u.count ? u[i] : 0 }

    func atxLevel(_ l: Line) -> Int? {
        let (cols, i) = indent(l)
        guard cols < 4 else { return nil }
        var j = i, n = 0
        while j < l.e, u[j] == 35 { n += 1; j += 1 }
        guard n >= 1, n <= 6, j == l.e || u[j] == 32 || u[j] == 9 else { return nil }
        return n
    }

    func isThematic(_ l: Line) -> Bool {
        let (cols, i) = indent(l)
        guard cols < 4, i < l.e else { return false }
        let c = u[i]
        guard c == 42 || c == 45 || c == 95 else { return false }
        var n = 0, j = i
        while j < l.e { if u[j] == c { n += 1 } else if u[j] != 32 && u[j] != 9 { return false }; j += 1 }
        return n >= 3
    }

    func fence(_ l: Line) -> (ch: UInt16, len: Int, indent: Int)? {
        let (cols, i) = indent(l)
        guard cols < 4, i < l.e, u[i] == 96 || u[i] == 126 else { return nil }
        let c = u[i]
        var j = i
        while j < l.e, u[j] == c { j += 1 }
        guard j - i >= 3 else { return nil }
        if c == 96 { var k = j; while k < l.e { if u[k] == 96 { return nil }; k += 1 } }
        return (c, j - i, cols)
    }

    /// List marker: (ordered, marker end offset, content column width, start number).
    func listMarker(_ l: Line) -> (ordered: Bool, contentIndent: Int, bullet: UInt16, empty: Bool, content: Int)? {
        let (cols, i) = indent(l)
        guard cols < 4, i < l.e else { return nil }
        var j = i
        var ordered = false
        var bullet: UInt16 = u[i]
        if u[i] == 45 || u[i] == 42 || u[i] == 43 {
            j = i + 1
        } else {
            while j < l.e, j - i < 9, u[j] >= 48 && u[j] <= 57 { j += 1 }
            guard j > i, j < l.e, u[j] == 46 || u[j] == 41 else { return nil }
            bullet = u[j]; ordered = true; j += 1
        }
        if j == l.e { return (ordered, cols + (j - i) + 1, bullet, true, l.e) }
        guard u[j] == 32 || u[j] == 9 else { return nil }
        var k = j, sp = 0
        while k < l.e, u[k] == 32 || u[k] == 9, sp < 5 { sp += u[k] == 9 ? 4 : 1; k += 1 }
        if k == l.e { return (ordered, cols + (j - i) + 1, bullet, true, l.e) }
        if sp > 4 { sp = 1; k = j + 1 }
        return (ordered, cols + (j - i) + sp, bullet, false, k)
    }

    func htmlBlockStart(_ l: Line) -> Int? {
        let (cols, i) = indent(l)
        guard cols < 4, i < l.e, u[i] == 60 else { return nil }
        let rest = String(decoding: u[i..<min(l.e, i + 12)], as: UTF16.self).lowercased()
        if rest.hasPrefix("<!--") { return 2 }
        if rest.hasPrefix("<script") || rest.hasPrefix("<pre") || rest.hasPrefix("<style") || rest.hasPrefix("<textarea") { return 1 }
        if rest.hasPrefix("<?") { return 3 }
        if rest.hasPrefix("<!") { return 4 }
        // type 6/7: a tag name at line start
        var j = i + 1
        if j < l.e, u[j] == 47 { j += 1 }
        var name = ""
        while j < l.e, (u[j] >= 97 && u[j] <= 122) || (u[j] >= 65 && u[j] <= 90) || (u[j] >= 48 && u[j] <= 57) || u[j] == 45 {
            name.unicodeScalars.append(Unicode.Scalar(u[j])!); j += 1
        }
        guard !name.isEmpty else { return nil }
        if MarkdownBlocks.blockTags.contains(name.lowercased()) { return 6 }
        // type 7: a complete tag alone on the line (cannot interrupt a paragraph)
        var k = l.e
        while k > j, u[k - 1] == 32 || u[k - 1] == 9 { k -= 1 }
        if k > j, u[k - 1] == 62 { return 7 }
        return nil
    }

    static let blockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col", "colgroup", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option",
        "p", "param", "section", "source", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
    ]

    func startsBlock(_ l: Line, inParagraph: Bool) -> Bool {
        if isBlank(l) { return true }
        if atxLevel(l) != nil || isThematic(l) || fence(l) != nil { return true }
        let (cols, i) = indent(l)
        if cols < 4, i < l.e, u[i] == 62 { return true }
        if let t = htmlBlockStart(l), t != 7 { return true }
        if let m = listMarker(l), !m.empty {
            if !inParagraph { return true }
            // an ordered list interrupts a paragraph only when it starts at 1
            if !m.ordered { return true }
            let s = String(decoding: u[i..<l.e], as: UTF16.self)
            return s.hasPrefix("1.") || s.hasPrefix("1)")
        }
        return false
    }

    // MARK: link reference definitions

    mutating func collectRefs(_ lines: [Line]) {
        for l in lines {
            let (cols, i) = indent(l)
            guard cols < 4, i < l.e, u[i] == 91 else { continue }
            var j = i + 1
            while j < l.e, u[j] != 93 { j += 1 }
            if j + 1 < l.e, u[j + 1] == 58 {
                refs.insert(String(decoding: u[(i + 1)..<j], as: UTF16.self).lowercased())
            }
        }
    }

    func isRefDefinition(_ l: Line) -> Bool {
        let (cols, i) = indent(l)
        guard cols < 4, i < l.e, u[i] == 91 else { return false }
        var j = i + 1
        while j < l.e, u[j] != 93 { j += 1 }
        return j + 1 < l.e && u[j + 1] == 58 && j > i + 1 && u[i + 1] != 94
    }

    // MARK: block parsing

    mutating func parse(_ lines: [Line], tight: Bool) {
        depth += 1
        defer { depth -= 1 }
        if depth > MarkdownBlocks.maxDepth {
            let body = lines.filter { !isBlank($0) }.map(trimLine)
            if !body.isEmpty { out.append(.start(name: "p", attrs: [], selfClosing: false)); inline(body); out.append(.end(name: "p")) }
            return
        }
        var idx = 0
        while idx < lines.count {
            let l = lines[idx]
            if isBlank(l) { idx += 1; continue }
            if let level = atxLevel(l) {
                heading(l, level); idx += 1; continue
            }
            if isThematic(l) {
                out.append(.start(name: "hr", attrs: [], selfClosing: false)); idx += 1; continue
            }
            if let f = fence(l) {
                idx = fenced(lines, idx, f); continue
            }
            let (cols, first) = indent(l)
            if cols >= 4 {
                idx = indented(lines, idx); continue
            }
            if u[first] == 62 {
                idx = blockquote(lines, idx); continue
            }
            if let t = htmlBlockStart(l) {
                idx = htmlBlock(lines, idx, type: t); continue
            }
            if listMarker(l) != nil {
                idx = list(lines, idx); continue
            }
            if let end = table(lines, idx) { idx = end; continue }
            idx = paragraph(lines, idx, tight: tight)
        }
    }

    mutating func heading(_ l: Line, _ level: Int) {
        var (_, i) = indent(l)
        i += level
        while i < l.e, u[i] == 32 || u[i] == 9 { i += 1 }
        var e = l.e
        while e > i, u[e - 1] == 32 || u[e - 1] == 9 { e -= 1 }
        // closing sequence of #s
        var k = e
        while k > i, u[k - 1] == 35 { k -= 1 }
        if k == i {
            e = i
        } else if k < e, u[k - 1] == 32 || u[k - 1] == 9 {
            e = k
            while e > i, u[e - 1] == 32 || u[e - 1] == 9 { e -= 1 }
        }
        out.append(.start(name: "h\(level)", attrs: [], selfClosing: false))
        inline([Line(s: i, e: e)])
        out.append(.end(name: "h\(level)"))
    }

    mutating func fenced(_ lines: [Line], _ start: Int, _ f: (ch: UInt16, len: Int, indent: Int)) -> Int {
        var idx = start + 1
        var body: [Line] = []
        while idx < lines.count {
            let l = lines[idx]
            let (cols, i) = indent(l)
            if cols < 4, i < l.e, u[i] == f.ch {
                var j = i
                while j < l.e, u[j] == f.ch { j += 1 }
                var k = j
                while k < l.e, u[k] == 32 || u[k] == 9 { k += 1 }
                if j - i >= f.len && k == l.e { idx += 1; break }
            }
            body.append(strip(l, f.indent)); idx += 1
        }
        code(body)
        return idx
    }

    mutating func code(_ body: [Line]) {
        out.append(.start(name: "pre", attrs: [], selfClosing: false))
        out.append(.start(name: "code", attrs: [], selfClosing: false))
        var units: [UInt16] = [], map: [Int] = []
        for l in body {
            units.append(contentsOf: u[l.s..<l.e]); map.append(contentsOf: l.s..<l.e)
            units.append(10); map.append(l.e)
        }
        if !units.isEmpty { out.append(.text(MappedText(units: units, map: map))) }
        out.append(.end(name: "code"))
        out.append(.end(name: "pre"))
    }

    mutating func indented(_ lines: [Line], _ start: Int) -> Int {
        var idx = start
        var body: [Line] = []
        var pendingBlank: [Line] = []
        while idx < lines.count {
            let l = lines[idx]
            if isBlank(l) { pendingBlank.append(strip(l, 4)); idx += 1; continue }
            if indent(l).cols < 4 { break }
            body += pendingBlank; pendingBlank = []
            body.append(strip(l, 4)); idx += 1
        }
        code(body)
        return idx - pendingBlank.count
    }

    mutating func blockquote(_ lines: [Line], _ start: Int) -> Int {
        var idx = start
        var inner: [Line] = []
        var lastWasParagraph = false
        while idx < lines.count {
            let l = lines[idx]
            let (cols, i) = indent(l)
            if cols < 4, i < l.e, u[i] == 62 {
                var s = i + 1
                if s < l.e, u[s] == 32 || u[s] == 9 { s += 1 }
                let stripped = Line(s: s, e: l.e)
                inner.append(stripped)
                lastWasParagraph = !isBlank(stripped) && fence(stripped) == nil && atxLevel(stripped) == nil
                idx += 1
                continue
            }
            // lazy continuation of a paragraph
            if lastWasParagraph && !isBlank(l) && !startsBlock(l, inParagraph: true) {
                inner.append(l); idx += 1; continue
            }
            break
        }
        out.append(.start(name: "blockquote", attrs: [], selfClosing: false))
        parse(inner, tight: false)
        out.append(.end(name: "blockquote"))
        return idx
    }

    mutating func htmlBlock(_ lines: [Line], _ start: Int, type: Int) -> Int {
        var idx = start
        let enders: [Int: String] = [1: "</", 2: "-->", 3: "?>", 4: ">"]
        var body: [Line] = []
        while idx < lines.count {
            let l = lines[idx]
            if (type == 6 || type == 7) && isBlank(l) { break }
            body.append(l); idx += 1
            if let end = enders[type] {
                let s = String(decoding: u[l.s..<l.e], as: UTF16.self).lowercased()
                if type == 1
                    ? (s.contains("</script>") || s.contains("</pre>") || s.contains("</style>") || s.contains("</textarea>")) : s.contains(end)
                {
                    break
                }
            }
        }
        guard let first = body.first, let last = body.last else { return idx }
        out += HTMLTokenizer.tokens(Array(u[first.s..<last.e]), base: first.s)
        return idx
    }

    mutating func list(_ lines: [Line], _ start: Int) -> Int {
        guard let first = listMarker(lines[start]) else { return start + 1 }
        var idx = start
        var items: [[Line]] = []
        var tight = true
        var sawBlankBetween = false
        while idx < lines.count {
            let l = lines[idx]
            guard let m = listMarker(l), m.ordered == first.ordered, m.bullet == first.bullet, !isThematic(l) || m.ordered else { break }
            if sawBlankBetween { tight = false }
            // first line of the item: content after the marker
            var item: [Line] = []
            item.append(m.empty ? Line(s: l.e, e: l.e) : Line(s: m.content, e: l.e))
            idx += 1
            var blankRun = 0
            var lastParagraph = !m.empty
            while idx < lines.count {
                let n = lines[idx]
                if isBlank(n) { blankRun += 1; item.append(Line(s: n.e, e: n.e)); idx += 1; continue }
                if indent(n).cols >= m.contentIndent {
                    if blankRun > 0 && item.count > 1 { tight = tight && !hasBlankBetweenBlocks(item) }
                    item.append(strip(n, m.contentIndent)); blankRun = 0; idx += 1
                    lastParagraph = true
                    continue
                }
                if blankRun == 0 && lastParagraph && !startsBlock(n, inParagraph: true) {
                    item.append(n); idx += 1; continue
                }
                break
            }
            // trailing blanks do not belong to the item
            var trailing = 0
            while let lastLine = item.last, item.count > 1, isBlank(lastLine) { item.removeLast(); trailing += 1 }
            if hasBlankBetweenBlocks(item) { tight = false }
            items.append(item)
            sawBlankBetween = trailing > 0
            if trailing > 0, idx < lines.count, listMarker(lines[idx]) == nil { break }
        }
        let tag = first.ordered ? "ol" : "ul"
        out.append(.start(name: tag, attrs: [], selfClosing: false))
        for item in items {
            out.append(.start(name: "li", attrs: [], selfClosing: false))
            parse(item, tight: tight)
            out.append(.end(name: "li"))
        }
        out.append(.end(name: tag))
        // blank lines before what follows are consumed by the caller
        return idx
    }

    private func hasBlankBetweenBlocks(_ item: [Line]) -> Bool {
        var seenContent = false, blank = false
        for l in item {
            if isBlank(l) {
                if seenContent { blank = true }
            } else {
                if blank { return true }
                seenContent = true
            }
        }
        return false
    }

    mutating func paragraph(_ lines: [Line], _ start: Int, tight: Bool) -> Int {
        var idx = start
        var body: [Line] = []
        while idx < lines.count {
            let l = lines[idx]
            if idx > start {
                if isBlank(l) { break }
                // setext heading underline
                if let level = setext(l), !body.isEmpty {
                    let trimmed = body.map(trimLine)
                    emitHeading(trimmed, level)
                    return idx + 1
                }
                if startsBlock(l, inParagraph: true) { break }
                if table(lines, idx) != nil && false { break }
            }
            body.append(l); idx += 1
        }
        // leading link reference definitions are not text
        while let f = body.first, isRefDefinition(f) { body.removeFirst() }
        guard !body.isEmpty else { return idx }
        let trimmed = body.map(trimLine)
        if !tight { out.append(.start(name: "p", attrs: [], selfClosing: false)) }
        let breaks = body.indices.map { k -> Bool in
            guard k + 1 < body.count else { return false }
            let l = body[k]
            let e = trimLine(l).e
            return (l.e - e >= 2 && u[e..<l.e].allSatisfy { $0 == 32 }) || (e > l.s && u[e - 1] == 92)
        }
        inline(trimmed, breaks: breaks)
        if !tight { out.append(.end(name: "p")) }
        return idx
    }

    func trimLine(_ l: Line) -> Line {
        var s = l.s, e = l.e
        while s < e, u[s] == 32 || u[s] == 9 { s += 1 }
        while e > s, u[e - 1] == 32 || u[e - 1] == 9 { e -= 1 }
        return Line(s: s, e: e)
    }

    func setext(_ l: Line) -> Int? {
        let (cols, i) = indent(l)
        guard cols < 4, i < l.e, u[i] == 61 || u[i] == 45 else { return nil }
        let c = u[i]
        var j = i
        while j < l.e, u[j] == c { j += 1 }
        while j < l.e, u[j] == 32 || u[j] == 9 { j += 1 }
        guard j == l.e else { return nil }
        return c == 61 ? 1 : 2
    }

    mutating func emitHeading(_ body: [Line], _ level: Int) {
        out.append(.start(name: "h\(level)", attrs: [], selfClosing: false))
        inline(body)
        out.append(.end(name: "h\(level)"))
    }

    // MARK: GFM tables

    func cells(_ l: Line) -> [Line] {
        var s = trimLine(l)
        if s.s < s.e, u[s.s] == 124 { s.s += 1 }
        if s.e > s.s, u[s.e - 1] == 124, s.e - 2 < s.s || u[s.e - 2] != 92 { s.e -= 1 }
        var out: [Line] = []
        var start = s.s, i = s.s
        var inCode = false
        while i < s.e {
            if u[i] == 92 { i += 2; continue }
            if u[i] == 96 { inCode.toggle() }
            if u[i] == 124 && !inCode { out.append(trimLine(Line(s: start, e: i))); start = i + 1 }
            i += 1
        }
        out.append(trimLine(Line(s: start, e: min(s.e, u.count))))
        return out
    }

    func isDelimiterRow(_ l: Line) -> Bool {
        let cs = cells(l)
        guard !cs.isEmpty else { return false }
        for c in cs {
            let t = String(decoding: u[c.s..<c.e], as: UTF16.self)
            guard !t.isEmpty, t.allSatisfy({ $0 == "-" || $0 == ":" }), t.contains("-") else { return false }
        }
        return true
    }

    mutating func table(_ lines: [Line], _ start: Int) -> Int? {
        guard start + 1 < lines.count else { return nil }
        let head = lines[start], delim = lines[start + 1]
        guard String(decoding: u[head.s..<head.e], as: UTF16.self).contains("|"), isDelimiterRow(delim) else { return nil }
        let headerCells = cells(head)
        guard headerCells.count == cells(delim).count else { return nil }
        out.append(.start(name: "table", attrs: [], selfClosing: false))
        out.append(.start(name: "thead", attrs: [], selfClosing: false))
        out.append(.start(name: "tr", attrs: [], selfClosing: false))
        for c in headerCells {
            out.append(.start(name: "th", attrs: [], selfClosing: false)); inline([c]); out.append(.end(name: "th"))
        }
        out.append(.end(name: "tr"))
        out.append(.end(name: "thead"))
        var idx = start + 2
        var body = false
        while idx < lines.count {
            let l = lines[idx]
            if isBlank(l) || (startsBlock(l, inParagraph: true) && !String(decoding: u[l.s..<l.e], as: UTF16.self).contains("|")) { break }
            if !body { out.append(.start(name: "tbody", attrs: [], selfClosing: false)); body = true }
            out.append(.start(name: "tr", attrs: [], selfClosing: false))
            let cs = cells(l)
            for k in 0..<headerCells.count {
                out.append(.start(name: "td", attrs: [], selfClosing: false))
                if k < cs.count { inline([cs[k]]) }
                out.append(.end(name: "td"))
            }
            out.append(.end(name: "tr"))
            idx += 1
        }
        if body { out.append(.end(name: "tbody")) }
        out.append(.end(name: "table"))
        return idx
    }
}
