/// `<mj-html-attributes>`: adds attributes to output elements matching a CSS selector.
enum HTMLAttributes {
    static func apply(_ rules: [(selector: String, attributes: [(String, String)])], to html: [UInt8]) -> [UInt8] {
        // Expressed as an inliner pass over the same element walk: reuse its tokenizer.
        var out = html
        for rule in rules {
            guard let sel = Selector(rule.selector) else { continue }
            out = rewrite(out, sel, rule.attributes)
        }
        return out
    }

    private static func rewrite(_ html: [UInt8], _ sel: Selector, _ attrs: [(String, String)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(html.count)
        var path: [CSSInliner.Element] = []
        var i = 0
        let n = html.count
        while i < n {
            guard html[i] == 60 else {
                let next = html[i...].firstIndex(of: 60) ?? n
                out.append(contentsOf: html[i..<next]); i = next; continue
            }
            if i + 3 < n, html[i + 1] == 33, html[i + 2] == 45, html[i + 3] == 45 {
                let end = CSSInliner.find([45, 45, 62], in: html, from: i + 4).map { $0 + 3 } ?? n
                out.append(contentsOf: html[i..<end]); i = end; continue
            }
            let close = html[i...].firstIndex(of: 62) ?? (n - 1)
            let tagBytes = html[i...close]
            i = close + 1
            guard tagBytes.count >= 3, CSSInliner.isLetter(tagBytes[tagBytes.startIndex + 1]) else {
                if tagBytes.count >= 3, tagBytes[tagBytes.startIndex + 1] == 47 {
                    let name = String(decoding: tagBytes.dropFirst(2).prefix { CSSInliner.isLetter($0) }, as: UTF8.self).lowercased()
                    if let k = path.lastIndex(where: { $0.tag == name }) { path.removeSubrange(k...) }
                }
                out.append(contentsOf: tagBytes)
                continue
            }
            var (element, selfClosing) = CSSInliner.parseStartTag(tagBytes)
            path.append(element)
            if sel.matches(path: path) {
                for (k, v) in attrs {
                    if let j = element.attrs.firstIndex(where: { $0.0 == k }) { element.attrs[j].1 = v } else { element.attrs.append((k, v)) }
                }
                var tag = "<" + element.tag
                for (k, v) in element.attrs { tag += " \(k)=\"\(v)\"" }
                tag += selfClosing ? " />" : ">"
                out.append(contentsOf: Array(tag.utf8))
            } else {
                out.append(contentsOf: tagBytes)
            }
            if selfClosing || CSSInliner.void.contains(element.tag) { path.removeLast() }
            selfClosing = false
        }
        return out
    }
}
