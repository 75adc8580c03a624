/// The text/plain part of an email from the same document: each content component in reading
/// order, separated by blank lines; HTML reduced to readable text; links as `text (url)`.
/// Characters pass through untouched (placeholders, private-use characters), only markup goes.
enum TextRenderer {
    static func render(_ document: MJMLDocument) -> String {
        guard let body = document.body else { return "" }
        var blocks: [String] = []
        // Iterative walk in document order (explicit stack: no recursion on hostile depth).
        var stack: [MJMLNode] = [body]
        while let node = stack.popLast() {
            guard node.isElement else { continue }
            if let block = text(of: node) {
                let t = tidy(block)
                if !t.isEmpty { blocks.append(t) }
                continue
            }
            for child in node.children.reversed() { stack.append(child) }
        }
        return blocks.joined(separator: "\n\n") + (blocks.isEmpty ? "" : "\n")
    }

    /// Text of one content component (its `Component.text`), or nil for containers (whose
    /// children are walked).
    static func text(of node: MJMLNode) -> String? { Components.of(node)?.text(of: node) }

    /// One line per child with text (social links, navbar links).
    static func lines(of node: MJMLNode) -> String {
        node.children.compactMap { $0.isElement ? text(of: $0).map(tidy) : nil }
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }

    static func link(_ label: String, _ href: String?) -> String {
        let label = tidy(label)
        guard let href = href.map({ HTMLToText.decode(Substring($0)) }), !href.isEmpty else { return label }
        if label.isEmpty || label == href { return href }
        return "\(label) (\(href))"
    }

    /// Collapses spaces within lines, trims lines, keeps at most one blank line.
    static func tidy(_ s: String) -> String {
        var lines: [String] = []
        var blank = false
        for raw in s.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{A0}" })
            let line = words.joined(separator: " ")
            if line.isEmpty {
                if !lines.isEmpty { blank = true }
                continue
            }
            if blank { lines.append("") }
            blank = false
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

/// HTML fragment → readable text: tags dropped, block ends become line breaks, links become
/// `text (url)`, common entities decoded, comments/style/script removed.
enum HTMLToText {
    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "ul", "ol",
        "blockquote", "section", "article", "header", "footer", "hr", "pre",
    ]

    static func convert(_ html: String) -> String {
        var out = ""
        var links: [(start: String.Index?, href: String?, textStart: Int)] = []
        var s = Substring(html)
        while let lt = s.firstIndex(of: "<") {
            out += decode(s[..<lt])
            s = s[lt...]
            if s.hasPrefix("<!--") {
                if let end = s.range(ofLiteral: "-->") { s = s[end.upperBound...] } else { s = "" }
                continue
            }
            guard let gt = s.firstIndex(of: ">") else { out += decode(s); s = ""; break }
            let tag = s[s.index(after: lt)..<gt]
            s = s[s.index(after: gt)...]
            let closing = tag.hasPrefix("/")
            let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            if !closing && (name == "style" || name == "script") {
                if let end = s.range(ofLiteral: "</\(name)") { s = s[end.upperBound...] } else { s = "" }
                if let gt2 = s.firstIndex(of: ">") { s = s[s.index(after: gt2)...] }
                continue
            }
            if name == "br" {
                out += "\n"
            } else if blocks.contains(name) {
                out += "\n"
            } else if name == "td" || name == "th" {
                if closing { out += " " }
            } else if name == "a" {
                if closing {
                    if let l = links.popLast(), let href = l.href, !href.isEmpty, !href.hasPrefix("#") {
                        let label = String(out.unicodeScalars.dropFirst(l.textStart))
                        let trimmed = TextRenderer.tidy(label)
                        if trimmed != href { out += " (\(href))" }
                        if trimmed.isEmpty { out += href }
                    }
                } else {
                    links.append((nil, attribute("href", in: tag).map { decode(Substring($0)) }, out.unicodeScalars.count))
                }
            } else if name == "img", let alt = attribute("alt", in: tag), !alt.isEmpty {
                out += alt
            }
        }
        out += decode(s)
        return out
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let r = tag.range(ofLiteral: name + "=") else { return nil }
        var rest = tag[r.upperBound...]
        guard let q = rest.first else { return nil }
        if q == "\"" || q == "'" {
            rest = rest.dropFirst()
            return String(rest.prefix { $0 != q })
        }
        return String(rest.prefix { !$0.isWhitespace })
    }

    static let entities: [Substring: String] = [
        "nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "middot": "·", "copy": "©",
        "reg": "®", "trade": "™", "mdash": "—", "ndash": "–", "hellip": "…", "rsquo": "’", "lsquo": "‘",
        "ldquo": "“", "rdquo": "”", "bull": "•", "euro": "€", "laquo": "«", "raquo": "»", "zwnj": "", "shy": "",
    ]

    static func decode(_ s: Substring) -> String {
        guard s.contains("&") else { return String(s) }
        var out = ""
        var rest = s
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = after[..<semi]
                var rep: String? = entities[name]
                if rep == nil, name.hasPrefix("#") {
                    let num = name.dropFirst()
                    let v = num.hasPrefix("x") || num.hasPrefix("X") ? UInt32(num.dropFirst(), radix: 16) : UInt32(num)
                    rep = v.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                }
                if let rep {
                    out += rep
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }
}
