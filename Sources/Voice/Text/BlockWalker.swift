import Foundation

/// Turns an HTML token stream into scoped text blocks the way Vale's `lintHTMLTokens` does:
/// inline tags keep text in the current block (prefixed with a space unless it starts with
/// punctuation), any other end tag closes the block, code-like inline tags are masked with `*`,
/// skipped blocks (`pre`, `script`, ...) are dropped, and the first structural tag seen since
/// the last block decides its scope (`li` → `text.list`, `h2` → `text.heading.h2`, ...).
struct BlockWalker {
    static let defaultSkipTags: Set<String> = ["script", "style", "pre", "figure", "noscript", "iframe"]
    static let inlineTags: Set<String> = [
        "b", "big", "i", "small", "abbr", "acronym", "cite", "dfn", "em", "kbd",
        "strong", "a", "br", "img", "span", "sub", "sup", "code", "tt", "del",
    ]
    static let tagToScope: [String: String] = [
        "th": "text.table.header", "td": "text.table.cell", "caption": "text.table.caption",
        "li": "text.list", "blockquote": "text.blockquote", "figcaption": "text.figure.caption",
    ]
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    var skipTags: Set<String>
    var skipClasses: Set<String>
    var ignoredInline: Set<String>
    let ext: String

    /// Called with each finished block; `prose` is true for plain paragraphs (they get NLP).
    var onBlock: (TextBlock, Bool) -> Void
    var onComment: (String) -> Void
    var onMetric: (String) -> Void
    var onSummary: (String) -> Void
    /// Whether a `vale off` comment is in force (text read now is marked so).
    var isOff: () -> Bool = { false }

    private var inBlock = false, inline = false, skip = false
    private var tagHistory: [String] = []
    private var activeTag = ""
    private var activeCls = "", clsBegin = 0, clsEnd = 0
    private var buf = TextBuilder()
    private var attr = "", parentClass = ""

    init(
        ext: String, skipTags: Set<String>? = nil, ignoredClasses: [String] = [], ignoredInline: Set<String>? = nil,
        onBlock: @escaping (TextBlock, Bool) -> Void, onComment: @escaping (String) -> Void,
        onMetric: @escaping (String) -> Void, onSummary: @escaping (String) -> Void
    ) {
        self.ext = ext
        self.skipTags = skipTags ?? BlockWalker.defaultSkipTags
        self.skipClasses = Set(["problematic", "pre", "code"] + ignoredClasses)
        self.ignoredInline = ignoredInline ?? ["tt", "code", "kbd"]
        self.onBlock = onBlock; self.onComment = onComment; self.onMetric = onMetric; self.onSummary = onSummary
    }

    private func lastTag() -> String { tagHistory.last ?? activeTag }

    private func isNestedList() -> Bool {
        if lastTag() == "li" && tagHistory.count > 3 {
            let up1 = tagHistory[tagHistory.count - 2], up2 = tagHistory[tagHistory.count - 3]
            if up1 == "ol" || up1 == "ul" { return up2 == "li" }
        }
        return false
    }

    private func hasClass(_ cls: String) -> Bool {
        cls.split(separator: " ").contains { skipClasses.contains(String($0)) }
    }

    mutating func walk(_ tokens: [HTMLToken]) {
        for tok in tokens { step(tok) }
        flush()
    }

    private mutating func step(_ tok: HTMLToken) {
        var name = ""
        var attrs: [HTMLAttribute] = []
        var isStart = false, isEnd = false
        switch tok {
        case .start(let n, let a, _): name = n; attrs = a; isStart = true
        case .end(let n): name = n; isEnd = true
        default: break
        }
        if !activeCls.isEmpty && name == activeCls {
            if isStart { clsBegin += 1 } else if isEnd { clsEnd += 1 }
        }
        let closed = !activeCls.isEmpty && clsBegin == clsEnd && clsBegin > 0
        let cls = attrs.value("class") ?? ""
        let skipClass = hasClass(cls)
        let blockSkip = skipClass && !BlockWalker.inlineTags.contains(name)

        if isStart && (skipTags.contains(name) || blockSkip) {
            if blockSkip { activeCls = name; clsBegin = 1; clsEnd = 0 }
            inBlock = true
            onMetric(name)
        } else if inBlock && ((isStart || isEnd) && skipTags.contains(name) || closed) {
            inBlock = false
            if closed { activeCls = ""; clsBegin = 0; clsEnd = 0 }
        } else if isStart {
            var n = name
            if (n == "em" || n == "b") && lastTag() == "code" { n = "code" }
            inline = BlockWalker.inlineTags.contains(n)
            skip = ignoredInline.contains(n)
            tagHistory.append(n); activeTag = n
        } else if isEnd && BlockWalker.inlineTags.contains(name) {
            activeTag = ""
        } else if case .comment(let c) = tok {
            onComment(c.trimmingCharacters(in: .whitespacesAndNewlines))
        } else if case .text(let raw) = tok {
            appendText(raw)
        }

        if isEnd && !BlockWalker.inlineTags.contains(name) {
            flush()
        }
        attr = attrs.value("href") ?? ""
        parentClass = cls
        if isStart { emitAttributes(of: name, attrs) }
    }

    /// Characters that join the text before them with no space (after an inline tag). Arrays:
    /// a few comparisons cost less than hashing, once per text token.
    private static let starters: [String] = [".", "?", "!", ",", ":", ";", ")", "]", "}", "—", "–"]
    /// Characters after which text that follows an inline tag gets no space (`(`, `[`, `{`, em and en dash).
    private static let openers: [UInt16] = [Char16.openParen, Char16.openBracket, Char16.openBrace, 0x2014, 0x2013]

    /// Text outside a skipped block joins the pending block: after a space when it follows an
    /// inline tag (unless it starts with punctuation) or sits in a nested list item; masked with
    /// `*` when an ignored inline tag or class holds it, or when it repeats its link's href.
    private mutating func appendText(_ raw: MappedText) {
        var t = raw.trimmed()
        guard !inBlock && !t.units.isEmpty else { return }
        var prefixSpace = isNestedList() && !inline
        let first = t.string.unicodeScalars.first.map { String($0) } ?? ""
        let masked = skip || hasClass(parentClass)
        let starter = Self.starters.contains(first) && !masked
        if masked || attr == t.string {
            t = MappedText(units: t.units.map { ($0 != Char16.newline && $0 < 0x80) ? Char16.star : $0 }, map: t.map)
            skip = false
        }
        if inline && !starter { prefixSpace = true }
        if prefixSpace, let last = buf.utf16.last, Self.openers.contains(last) { prefixSpace = false }
        buf.offNow = isOff()
        if prefixSpace { buf.append(" ", at: nil) }
        buf.append(units: t.units[...], map: t.map[...])
    }

    /// The attributes linted as blocks of their own: `mj-attr-title`'s title and an image's alt.
    private mutating func emitAttributes(of name: String, _ attrs: [HTMLAttribute]) {
        if name == "mj-attr-title", let title = attrs.first(where: { $0.name == "title" }) {
            emitAttribute(title, scope: "text.attr.title")
        }
        if name == "img", let alt = attrs.first(where: { $0.name == "alt" }), !skipTags.contains("alt") {
            emitAttribute(alt, scope: "text.attr.alt")
        }
    }

    private mutating func emitAttribute(_ a: HTMLAttribute, scope: String) {
        let m = a.mapped ?? MappedText(a.value, at: a.valueOffset)
        guard !m.units.isEmpty else { return }
        onBlock(TextBlock(units: m.units, map: m.map, scope: scope), false)
    }

    /// Emits the pending text as one block (Vale's `lintScope`).
    mutating func flush() {
        defer { buf.reset(); tagHistory.removeAll() }
        guard buf.utf16.contains(where: { !MappedText.isSpace($0) }) else { return }
        let content = buf.string
        for tag in tagHistory {
            let mapped = BlockWalker.tagToScope[tag]
            if (mapped != nil && !BlockWalker.inlineTags.contains(tag)) || BlockWalker.headings.contains(tag) {
                let scope = mapped ?? "text.heading.\(tag)"
                if scope == "text.blockquote" || scope == "text.list" { onSummary(content + "\n\n") }
                onMetric(String(scope.dropFirst(5)))
                // Vale trims leading spaces of structural blocks.
                var lead = 0
                let units = buf.utf16
                while lead < units.count, units[lead] == Char16.space { lead += 1 }
                let b = TextBlock(units: Array(units[lead...]), map: Array(buf.map[lead...]), scope: scope + ext, off: Array(buf.off[lead...]))
                onBlock(b, false)
                return
            }
        }
        onSummary(content + "\n\n")
        onBlock(buf.block(scope: "text" + ext), true)
    }
}
