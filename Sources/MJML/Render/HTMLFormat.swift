/// `--minify` and `--beautify`: MJML's two output options, as whitespace-only rewrites of the
/// rendered HTML that leave what a client shows unchanged. Minify collapses whitespace: runs
/// become one space, whitespace between block-level tags goes, and inside Outlook's conditional
/// comments whitespace between tags goes too (as MJML's `minifyOutlookConditionnals`). Beautify
/// re-indents each line by the depth of the open block-level elements (two spaces a level).
/// Both leave `<pre>` and `<textarea>` content as written.
enum HTMLFormat {
    /// Tags whose neighbouring whitespace can show (a space between two links is a space).
    static let inline: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "del", "dfn", "em", "font", "i", "img", "input",
        "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time",
        "tt", "u", "var",
    ]
    static let verbatim: Set<String> = ["pre", "textarea", "script"]

    /// One piece of the document: a tag (or comment, or doctype) or the text between two.
    enum Piece {
        case tag(String)
        case text(String)
    }

    static func pieces(_ html: String) -> [Piece] {
        var out: [Piece] = []
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            if lt > rest.startIndex { out.append(.text(String(rest[..<lt]))) }
            rest = rest[lt...]
            let end: Substring.Index
            if rest.hasPrefix("<!--") {
                end = rest.range(ofLiteral: "-->")?.upperBound ?? rest.endIndex
            } else {
                end = rest.firstIndex(of: ">").map { rest.index(after: $0) } ?? rest.endIndex
            }
            out.append(.tag(String(rest[..<end])))
            rest = rest[end...]
            if let name = rawTextName(out.last!), let close = rest.range(ofLiteral: "</\(name)") {
                if close.lowerBound > rest.startIndex { out.append(.text(String(rest[..<close.lowerBound]))) }
                rest = rest[close.lowerBound...]
            }
        }
        if !rest.isEmpty { out.append(.text(String(rest))) }
        return out
    }

    /// `style`, `script`, `pre` or `textarea` for their start tags: content read as one text.
    static func rawTextName(_ piece: Piece) -> String? {
        guard case .tag(let t) = piece, !t.hasPrefix("</") else { return nil }
        let name = tagName(t)
        return name == "style" || verbatim.contains(name) ? name : nil
    }

    /// The lowercased element name of a tag (`""` for comments and the doctype).
    static func tagName(_ tag: String) -> String {
        guard tag.hasPrefix("<"), !tag.hasPrefix("<!") else { return "" }
        return String(tag.dropFirst().drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
    }

    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" }

    static func collapse(_ s: Substring) -> String {
        var out = ""
        var space = false
        for c in s {
            if isSpace(c) { space = true; continue }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.append(c)
        }
        if space { out.append(" ") }
        return out
    }

    // MARK: - minify

    static func minify(_ html: String) -> String {
        let parts = pieces(html)
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var raw: String?
        for (i, piece) in parts.enumerated() {
            switch piece {
            case .tag(let t):
                out += t.hasPrefix("<!--[if") ? minifyConditional(t) : t
                if raw == nil { raw = rawTextName(piece) } else if tagName(t) == raw && t.hasPrefix("</") { raw = nil }
            case .text(let s):
                if let raw {
                    out += raw == "style" ? minifyCSS(s) : s
                } else {
                    out += minifyText(s, after: i > 0 ? parts[i - 1] : nil, before: i + 1 < parts.count ? parts[i + 1] : nil)
                }
            }
        }
        return out
    }

    /// Text between two tags: one space for each run, none next to a block-level tag.
    static func minifyText(_ s: String, after: Piece?, before: Piece?) -> String {
        var text = collapse(Substring(s))
        if text.hasPrefix(" "), !touchesInline(after) { text.removeFirst() }
        if text.hasSuffix(" "), !touchesInline(before) { text.removeLast() }
        return text
    }

    static func touchesInline(_ piece: Piece?) -> Bool {
        guard case .tag(let t)? = piece else { return false }
        return inline.contains(tagName(t))
    }

    /// `<!--[if mso]> … <![endif]-->`: no whitespace between tags, runs as one space.
    static func minifyConditional(_ comment: String) -> String {
        var out = ""
        var pendingSpace = false
        for c in comment {
            if isSpace(c) { pendingSpace = true; continue }
            if pendingSpace && !(out.last == ">" || c == "<") { out.append(" ") }
            pendingSpace = false
            out.append(c)
        }
        return out
    }

    /// CSS with whitespace runs as one space, and none around braces, colons and semicolons.
    static func minifyCSS(_ css: String) -> String {
        var out = ""
        for c in collapse(Substring(css)) {
            if c == " ", let last = out.last, "{};:,>".contains(last) { continue }
            if "{};".contains(c), out.last == " " { out.removeLast() }
            out.append(c)
        }
        return out.trimmingCharacters()
    }

    // MARK: - beautify

    static func beautify(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + html.utf8.count / 4)
        var depth = 0
        var verbatim: String?
        for line in html.split(separator: "\n", omittingEmptySubsequences: false) {
            if let name = verbatim {
                out += line + "\n"
                depth = max(0, depth + depthChange(line))
                if line.contains("</\(name)") { verbatim = nil }
                continue
            }
            let text = line.drop { isSpace($0) }
            if text.isEmpty { continue }
            let change = depthChange(text)
            // A line that starts by closing an element sits at the level it closes to.
            let indent = text.hasPrefix("</") ? max(0, depth + min(0, change)) : depth
            out += String(repeating: " ", count: 2 * indent) + text + "\n"
            depth = max(0, depth + change)
            verbatim = openedVerbatim(text)
        }
        return out
    }

    /// Block-level elements a line opens less those it closes (comments and void tags count 0).
    static func depthChange(_ line: Substring) -> Int {
        var change = 0
        for piece in pieces(String(line)) {
            guard case .tag(let t) = piece, !t.hasPrefix("<!"), !t.hasSuffix("/>") else { continue }
            let name = tagName(t)
            if name.isEmpty || inline.contains(name) || CSSInliner.void.contains(name) { continue }
            change += t.hasPrefix("</") ? -1 : 1
        }
        return change
    }

    /// The name of a `pre`/`textarea`/`script` the line opens and does not close.
    static func openedVerbatim(_ line: Substring) -> String? {
        for name in verbatim where line.contains("<\(name)") && !line.contains("</\(name)") { return name }
        return nil
    }
}
