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

    mutating func inline(_ lines: [Line]) {
        var cu: [UInt16] = [], cm: [Int] = []
        for (k, l) in lines.enumerated() {
            if k > 0 { cu.append(10); cm.append(lines[k - 1].e) }
            cu.append(contentsOf: u[l.s..<l.e]); cm.append(contentsOf: l.s..<l.e)
        }
        var nodes: [Node] = []
        var tu: [UInt16] = [], tm: [Int] = []
        func flushText() { if !tu.isEmpty { nodes.append(.text(tu, tm)); tu = []; tm = [] } }
        let n = cu.count
        var i = 0
        func at(_ k: Int) -> UInt16 { k >= 0 && k < n ? cu[k] : 32 }
        while i < n {
            let c = cu[i]
            // backslash escape
            if c == 92, i + 1 < n, MarkdownBlocks.isPunct(cu[i + 1]) {
                tu.append(cu[i + 1]); tm.append(cm[i + 1]); i += 2; continue
            }
            // code span
            if c == 96 {
                var j = i
                while j < n, cu[j] == 96 { j += 1 }
                let len = j - i
                var k = j
                var close = -1
                while k < n {
                    if cu[k] == 96 {
                        var e = k
                        while e < n, cu[e] == 96 { e += 1 }
                        if e - k == len { close = k; break }
                        k = e
                    } else { k += 1 }
                }
                if close >= 0 {
                    var s = j, e = close
                    var units = Array(cu[s..<e]).map { $0 == 10 ? UInt16(32) : $0 }
                    var map = Array(cm[s..<e])
                    if units.count >= 2, units.first == 32, units.last == 32, units.contains(where: { $0 != 32 }) {
                        units.removeFirst(); units.removeLast(); map.removeFirst(); map.removeLast(); s += 1; e -= 1
                    }
                    flushText(); nodes.append(.code(units, map))
                    i = close + len
                    continue
                }
                tu.append(contentsOf: cu[i..<j]); tm.append(contentsOf: cm[i..<j]); i = j; continue
            }
            if c == 60 /* < */ {
                if let (end, node) = angle(cu, cm, i) {
                    flushText(); nodes.append(node); i = end; continue
                }
            }
            if c == 38 /* & */ {
                var j = i + 1
                while j < n, j - i < 33, cu[j] != 59, cu[j] != 32, cu[j] != 38 { j += 1 }
                if j < n, cu[j] == 59 {
                    let d = Entities.decode(cu[i...j], base: 0)
                    if d.units.count < j - i + 1 {
                        for x in d.units { tu.append(x); tm.append(cm[i]) }
                        i = j + 1; continue
                    }
                }
            }
            if c == 42 || c == 95 || c == 126 {
                var j = i
                while j < n, cu[j] == c { j += 1 }
                let before = at(i - 1), after = at(j)
                let ws: (UInt16) -> Bool = { MappedText.isSpace($0) }
                let left = !ws(after) && (!MarkdownBlocks.isPunct(after) || ws(before) || MarkdownBlocks.isPunct(before))
                let right = !ws(before) && (!MarkdownBlocks.isPunct(before) || ws(after) || MarkdownBlocks.isPunct(after))
                var canOpen = left, canClose = right
                if c == 95 {
                    canOpen = left && (!right || MarkdownBlocks.isPunct(before))
                    canClose = right && (!left || MarkdownBlocks.isPunct(after))
                }
                if c == 126 && j - i > 2 { canOpen = false; canClose = false }
                flushText()
                nodes.append(.delim(ch: c, at: i, count: j - i, canOpen: canOpen, canClose: canClose))
                i = j; continue
            }
            if c == 91 || (c == 33 && i + 1 < n && cu[i + 1] == 91) {
                flushText()
                nodes.append(.bracket(image: c == 33, at: i, active: true))
                i += c == 33 ? 2 : 1; continue
            }
            if c == 93 {
                flushText()
                if let end = closeBracket(&nodes, cu, cm, i) { i = end; continue }
                tu.append(c); tm.append(cm[i]); i += 1; continue
            }
            // GFM linkify
            if (c == 104 || c == 119), i == 0 || MappedText.isSpace(cu[i - 1]) || cu[i - 1] == 40 || cu[i - 1] == 42 || cu[i - 1] == 95 {
                if let end = linkify(cu, i) {
                    flushText()
                    let text = MappedText(units: Array(cu[i..<end]), map: Array(cm[i..<end]))
                    let s = text.string
                    nodes.append(.autolink(text: text, href: s.hasPrefix("www.") ? "http://" + s : s))
                    i = end; continue
                }
            }
            tu.append(c); tm.append(cm[i]); i += 1
        }
        flushText()
        emphasis(&nodes, cu, cm)
        emit(nodes, cu, cm)
    }

    private func linkify(_ cu: [UInt16], _ i: Int) -> Int? {
        let rest = String(decoding: cu[i..<min(cu.count, i + 8)], as: UTF16.self)
        guard rest.hasPrefix("http://") || rest.hasPrefix("https://") || rest.hasPrefix("www.") else { return nil }
        var j = i
        while j < cu.count, !MappedText.isSpace(cu[j]), cu[j] != 60 { j += 1 }
        while j > i, [46, 44, 58, 59, 33, 63, 42, 95, 39, 34].contains(cu[j - 1]) { j -= 1 }
        // unbalanced closing parens are not part of the URL
        var open = 0, close = 0
        for k in i..<j { if cu[k] == 40 { open += 1 } else if cu[k] == 41 { close += 1 } }
        while j > i, cu[j - 1] == 41, close > open { j -= 1; close -= 1 }
        let body = String(decoding: cu[i..<j], as: UTF16.self)
        let minimal = body.hasPrefix("www.") ? 5 : (body.hasPrefix("https://") ? 9 : 8)
        return j - i >= minimal ? j : nil
    }

    /// `<...>`: an autolink, or inline HTML handed to the HTML tokenizer.
    private func angle(_ cu: [UInt16], _ cm: [Int], _ i: Int) -> (Int, Node)? {
        var j = i + 1
        while j < cu.count, cu[j] != 62, cu[j] != 60, !(cu[j] == 10 && j + 1 < cu.count && cu[j + 1] == 10) { j += 1 }
        guard j < cu.count, cu[j] == 62 else { return nil }
        let inner = String(decoding: cu[(i + 1)..<j], as: UTF16.self)
        if !inner.contains(" "), !inner.contains("\n"),
           inner.range(of: "^[A-Za-z][A-Za-z0-9+.-]{1,31}:", options: .regularExpression) != nil || inner.range(of: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", options: .regularExpression) != nil {
            let text = MappedText(units: Array(cu[(i + 1)..<j]), map: Array(cm[(i + 1)..<j]))
            return (j + 1, .autolink(text: text, href: inner.contains("@") && !inner.contains(":") ? "mailto:" + inner : inner))
        }
        guard let f = cu.count > i + 1 ? cu[i + 1] : nil,
              (f >= 65 && f <= 90) || (f >= 97 && f <= 122) || f == 47 || f == 33 || f == 63 else { return nil }
        if f == 33, inner.hasPrefix("!--") {
            // a comment may contain '>' ... find '-->'
            var k = i + 4
            while k + 2 < cu.count, !(cu[k] == 45 && cu[k + 1] == 45 && cu[k + 2] == 62) { k += 1 }
            guard k + 2 < cu.count else { return nil }
            let body = String(decoding: cu[(i + 4)..<k], as: UTF16.self)
            return (k + 3, .html([.comment(body)]))
        }
        let slice = Array(cu[i...j])
        let toks = HTMLTokenizer.tokens(slice, base: 0)
        return (j + 1, .html(toks.map { remap($0, cm, i) }))
    }

    private func remap(_ t: HTMLToken, _ cm: [Int], _ base: Int) -> HTMLToken {
        switch t {
        case .start(let n, let attrs, let sc):
            return .start(name: n, attrs: attrs.map { a in
                var a = a
                if let m = a.mapped { a.mapped = MappedText(units: m.units, map: m.map.map { $0 >= 0 ? cm[base + $0] : -1 }) }
                a.valueOffset = a.valueOffset >= 0 ? cm[base + a.valueOffset] : -1
                return a
            }, selfClosing: sc)
        case .text(let m):
            return .text(MappedText(units: m.units, map: m.map.map { $0 >= 0 ? cm[base + $0] : -1 }))
        default: return t
        }
    }

    /// `]`: closes the nearest open bracket as a link or image when a destination follows.
    private func closeBracket(_ nodes: inout [Node], _ cu: [UInt16], _ cm: [Int], _ i: Int) -> Int? {
        guard let bi = nodes.lastIndex(where: { if case .bracket = $0 { return true }; return false }),
              case .bracket(let image, let bAt, let active) = nodes[bi] else { return nil }
        guard active else { nodes.remove(at: bi); nodes.insert(.text(image ? [33, 91] : [91], image ? [cm[bAt], cm[bAt + 1]] : [cm[bAt]]), at: bi); return nil }
        var end = -1
        var href = ""
        let n = cu.count
        if i + 1 < n, cu[i + 1] == 40 {
            // inline destination, balanced parens, optional title
            var j = i + 2, depth = 0
            while j < n {
                if cu[j] == 92 { j += 2; continue }
                if cu[j] == 40 { depth += 1 }
                if cu[j] == 41 { if depth == 0 { break }; depth -= 1 }
                j += 1
            }
            if j < n {
                let inner = String(decoding: cu[(i + 2)..<j], as: UTF16.self).trimmingCharacters(in: .whitespacesAndNewlines)
                href = String(inner.split(separator: " ", maxSplits: 1).first ?? "")
                if href.hasPrefix("<"), href.hasSuffix(">") { href = String(href.dropFirst().dropLast()) }
                end = j + 1
            }
        } else if i + 1 < n, cu[i + 1] == 91 {
            var j = i + 2
            while j < n, cu[j] != 93 { j += 1 }
            if j < n {
                var label = String(decoding: cu[(i + 2)..<j], as: UTF16.self).lowercased()
                if label.isEmpty { label = String(decoding: cu[(bAt + (image ? 2 : 1))..<i], as: UTF16.self).lowercased() }
                if refs.contains(label) { end = j + 1 }
            }
        } else {
            let label = String(decoding: cu[(bAt + (image ? 2 : 1))..<i], as: UTF16.self).lowercased()
            if refs.contains(label) { end = i + 1 }
        }
        guard end >= 0 else {
            nodes.remove(at: bi)
            nodes.insert(.text(image ? [33, 91] : [91], image ? [cm[bAt], cm[bAt + 1]] : [cm[bAt]]), at: bi)
            return nil
        }
        let inner = Array(nodes[(bi + 1)...])
        nodes.removeSubrange(bi...)
        if image {
            var au: [UInt16] = [], am: [Int] = []
            for x in inner {
                switch x {
                case .text(let a, let b), .code(let a, let b): au += a; am += b
                case .delim(let ch, let at, let count, _, _): au += Array(repeating: ch, count: count); am += Array(at..<(at + count)).map { cm[$0] }
                case .autolink(let t, _): au += t.units; am += t.map
                default: break
                }
            }
            nodes.append(.image(alt: MappedText(units: au, map: am)))
        } else {
            var inner = inner
            emphasis(&inner, cu, cm)
            nodes.append(.linkOpen(href: href))
            nodes += inner
            nodes.append(.linkClose)
            // no links inside links
            for k in nodes.indices { if case .bracket(let im, let a, _) = nodes[k], !im { nodes[k] = .bracket(image: false, at: a, active: false) } }
        }
        return end
    }

    private func emphasis(_ nodes: inout [Node], _ cu: [UInt16], _ cm: [Int]) {
        struct D { var idx: Int; var ch: UInt16; var at: Int; var count: Int; var orig: Int; var canOpen: Bool; var canClose: Bool; var opens: [String] = []; var closes: [String] = []; var leftUsed = 0 }
        var ds: [D] = []
        for (k, x) in nodes.enumerated() {
            if case .delim(let ch, let at, let count, let o, let c) = x { ds.append(D(idx: k, ch: ch, at: at, count: count, orig: count, canOpen: o, canClose: c)) }
        }
        guard !ds.isEmpty else { return }
        var ci = 0
        while ci < ds.count {
            guard ds[ci].canClose, ds[ci].count > 0 else { ci += 1; continue }
            var oi = ci - 1
            var found = -1
            while oi >= 0 {
                let o = ds[oi]
                if o.ch == ds[ci].ch && o.canOpen && o.count > 0 {
                    let both = (o.canClose || ds[ci].canOpen) && (o.orig + ds[ci].orig) % 3 == 0 && !(o.orig % 3 == 0 && ds[ci].orig % 3 == 0)
                    if o.ch == 126 { if o.count == ds[ci].count { found = oi; break } } else if !both { found = oi; break }
                }
                oi -= 1
            }
            guard found >= 0 else { ci += 1; continue }
            let use = ds[found].ch == 126 ? ds[found].count : ((ds[found].count >= 2 && ds[ci].count >= 2) ? 2 : 1)
            let tag = ds[found].ch == 126 ? "del" : (use == 2 ? "strong" : "em")
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
                if d.count > 0 { rep.append(.text(Array(repeating: d.ch, count: d.count), Array(d.at..<(d.at + d.count)).map { cm[$0] })) }
                rep += d.opens.map { .tag(open: true, name: $0) }
            } else {
                rep += d.closes.map { .tag(open: false, name: $0) }
                let litStart = d.at + d.leftUsed
                if d.count > 0 { rep.append(.text(Array(repeating: d.ch, count: d.count), Array(litStart..<(litStart + d.count)).map { cm[$0] })) }
                rep += d.opens.map { .tag(open: true, name: $0) }
            }
            nodes.replaceSubrange(d.idx...d.idx, with: rep)
        }
    }

    private mutating func emit(_ nodes: [Node], _ cu: [UInt16], _ cm: [Int]) {
        var tu: [UInt16] = [], tm: [Int] = []
        func flush(_ out: inout [HTMLToken]) { if !tu.isEmpty { out.append(.text(MappedText(units: tu, map: tm))); tu = []; tm = [] } }
        for x in nodes {
            switch x {
            case .text(let a, let b): tu += a; tm += b
            case .delim(let ch, let at, let count, _, _): tu += Array(repeating: ch, count: count); tm += Array(at..<(at + count)).map { cm[$0] }
            case .bracket(let image, let at, _): if image { tu += [33, 91]; tm += [cm[at], cm[at + 1]] } else { tu.append(91); tm.append(cm[at]) }
            case .code(let a, let b):
                flush(&out)
                out.append(.start(name: "code", attrs: [], selfClosing: false))
                if !a.isEmpty { out.append(.text(MappedText(units: a, map: b))) }
                out.append(.end(name: "code"))
            case .html(let toks): flush(&out); out += toks
            case .linkOpen(let href): flush(&out); out.append(.start(name: "a", attrs: [HTMLAttribute(name: "href", value: href, valueOffset: -1, mapped: nil)], selfClosing: false))
            case .linkClose: flush(&out); out.append(.end(name: "a"))
            case .image(let alt):
                flush(&out)
                out.append(.start(name: "img", attrs: [HTMLAttribute(name: "alt", value: alt.string, valueOffset: alt.map.first ?? -1, mapped: alt)], selfClosing: true))
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

import Foundation
