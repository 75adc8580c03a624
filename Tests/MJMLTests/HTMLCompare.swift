import Foundation

/// The corpus comparison of `../shared/corpus/README.md`, in Swift (a port of
/// `../shared/tools/htmlnorm.py`, no looser): tokenise both documents (conditional comments
/// parsed as HTML), compare text with whitespace collapsed, attributes as sets, `class` as a set,
/// `style` as a property map, `<style>` rules as a multiset, numbers within 1e-5, hex colours
/// case-insensitive. `difference(expected, actual)` returns nil when equal, else the first difference.
enum HTMLCompare {
    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr",
    ]
    static let relTol = 1e-5

    enum Kind: Equatable { case decl, start, end, text, comment, css, cc, endcc }

    struct Token {
        var kind: Kind
        var data: String
        var attrs: [String: String] = [:]
        var ccDownlevel = false  // cc: `<!-->` follows; endcc: `<!--` precedes
        var pos: Int
    }

    // MARK: - regexes

    static func re(_ p: String, _ opts: NSRegularExpression.Options = []) -> NSRegularExpression {
        try! NSRegularExpression(pattern: p, options: opts)
    }

    static let ccRE = re(#"<!--\[if\s+([^\]]*?)\s*\]>(<!-->)?|(<!--)?<!\[endif\]-->"#, [.caseInsensitive])
    static let randID = #"(?:[0-9a-f]{12,16}|\d{8})"#
    static let carouselID = re(#"(mj-carousel-(?:radio-)?)"# + randID + #"(?![0-9a-zA-Z])"#)
    static let forID = re(#"(\s(?:for|id)=["'])"# + randID + #"(?=["'])"#)
    static let ws = re(#"[ \t\n\r\f]+"#)
    static let num = re(#"(?<![\w#.])(\d+(?:\.\d+)?|\.\d+)"#)
    static let numericAttr = re(#"^[-+\d.,%\s]*\d[-+\d.,%\s]*(?:px)?$"#)
    static let classFraction = re(#"(-(?:per|px)-\d+)-(\d+)"#)
    static let cssComment = re(#"/\*.*?\*/"#, [.dotMatchesLineSeparators])

    static func sub(_ r: NSRegularExpression, _ s: String, _ template: String) -> String {
        r.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: template)
    }

    static func collapse(_ s: String) -> String { sub(ws, s, " ") }

    static func stripASCII(_ s: String) -> String {
        var sc = Substring(s)
        while let f = sc.first, " \t\n\r\u{0C}".contains(f) { sc.removeFirst() }
        while let l = sc.last, " \t\n\r\u{0C}".contains(l) { sc.removeLast() }
        return String(sc)
    }

    // MARK: - tokenizer

    static func tokenize(_ src: String) -> [Token] {
        var toks: [Token] = []
        let ns = src as NSString
        var last = 0
        let matches = ccRE.matches(in: src, range: NSRange(location: 0, length: ns.length))
        for m in matches + [nil] {
            let end = m?.range.location ?? ns.length
            parseHTML(ns.substring(with: NSRange(location: last, length: end - last)), base: last, into: &toks)
            if let m {
                if m.range(at: 1).location == NSNotFound {
                    toks.append(Token(kind: .endcc, data: "", ccDownlevel: m.range(at: 3).location != NSNotFound, pos: m.range.location))
                } else {
                    let cond = collapse(ns.substring(with: m.range(at: 1))).lowercased()
                    toks.append(Token(kind: .cc, data: cond, ccDownlevel: m.range(at: 2).location != NSNotFound, pos: m.range.location))
                }
                last = m.range.location + m.range.length
            }
        }
        return sanitize(toks)
    }

    /// A small HTML tokenizer with Python's HTMLParser semantics (names lowercased, char refs
    /// decoded, `<x/>` = `<x></x>`, raw text inside style/script, adjacent text merged).
    static func parseHTML(_ s: String, base: Int, into toks: inout [Token]) {
        let u = Array(s.utf16)
        var i = 0
        func str(_ a: Int, _ b: Int) -> String { String(utf16CodeUnits: Array(u[a..<b]), count: b - a) }
        func isLetter(_ c: UInt16) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
        func isWS(_ c: UInt16) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 || c == 12 }
        func find(_ needle: String, from: Int) -> Int? {
            let n = Array(needle.utf16)
            guard n.count <= u.count else { return nil }
            var k = from
            while k + n.count <= u.count {
                if u[k] == n[0] && Array(u[k..<(k + n.count)]) == n { return k }
                k += 1
            }
            return nil
        }
        func addText(_ text: String, _ pos: Int) {
            if let lastTok = toks.last, lastTok.kind == .text || lastTok.kind == .css, lastTok.pos >= base {
                toks[toks.count - 1].data += text
            } else {
                let style = toks.last.map { $0.kind == .start && $0.data == "style" } ?? false
                toks.append(Token(kind: style ? .css : .text, data: text, pos: pos))
            }
        }
        var rawUntil: String? = nil
        while i < u.count {
            if let tag = rawUntil {
                let close = find("</" + tag, from: i) ?? u.count
                if close > i { addText(str(i, close), base + i) }
                i = close
                rawUntil = nil
                continue
            }
            if u[i] == 60 /* < */, i + 1 < u.count {
                let c = u[i + 1]
                if c == 33 /* ! */ {
                    if i + 3 < u.count, u[i + 2] == 45, u[i + 3] == 45 {
                        let end = find("-->", from: i + 4)
                        let body = str(i + 4, end ?? u.count)
                        toks.append(Token(kind: .comment, data: body, pos: base + i))
                        i = (end ?? u.count - 3) + 3
                    } else {
                        let end = u[i...].firstIndex(of: 62) ?? u.count - 1
                        toks.append(Token(kind: .decl, data: collapse(stripASCII(str(i + 2, end))).lowercased(), pos: base + i))
                        i = end + 1
                    }
                    continue
                }
                if c == 47 /* / */, i + 2 < u.count, isLetter(u[i + 2]) {
                    var j = i + 2
                    while j < u.count, !isWS(u[j]), u[j] != 62, u[j] != 47 { j += 1 }
                    let name = str(i + 2, j).lowercased()
                    let end = u[j...].firstIndex(of: 62) ?? u.count - 1
                    if !void.contains(name) { toks.append(Token(kind: .end, data: name, pos: base + i)) }
                    i = end + 1
                    continue
                }
                if isLetter(c) {
                    var j = i + 1
                    while j < u.count, !isWS(u[j]), u[j] != 62, u[j] != 47 { j += 1 }
                    let name = str(i + 1, j).lowercased()
                    var attrs: [String: String] = [:]
                    var selfClosing = false
                    while j < u.count {
                        while j < u.count, isWS(u[j]) { j += 1 }
                        guard j < u.count else { break }
                        if u[j] == 62 { j += 1; break }
                        if u[j] == 47 {
                            if j + 1 < u.count, u[j + 1] == 62 { selfClosing = true; j += 2; break }
                            j += 1
                            continue
                        }
                        let ns = j
                        while j < u.count, !isWS(u[j]), u[j] != 61, u[j] != 62,
                            !(u[j] == 47 && j + 1 < u.count && u[j + 1] == 62)
                        { j += 1 }
                        let an = str(ns, j).lowercased()
                        while j < u.count, isWS(u[j]) { j += 1 }
                        var value = ""
                        if j < u.count, u[j] == 61 {
                            j += 1
                            while j < u.count, isWS(u[j]) { j += 1 }
                            if j < u.count, u[j] == 34 || u[j] == 39 {
                                let q = u[j]
                                let vs = j + 1
                                var ve = vs
                                while ve < u.count, u[ve] != q { ve += 1 }
                                value = str(vs, ve)
                                j = min(ve + 1, u.count)
                            } else {
                                let vs = j
                                while j < u.count, !isWS(u[j]), u[j] != 62 { j += 1 }
                                value = str(vs, j)
                            }
                        }
                        if attrs[an] == nil { attrs[an] = decodeEntities(value) }
                    }
                    toks.append(Token(kind: .start, data: name, attrs: attrs, pos: base + i))
                    if selfClosing && !void.contains(name) {
                        toks.append(Token(kind: .end, data: name, pos: base + i))
                    } else if name == "style" || name == "script" {
                        rawUntil = name
                    }
                    i = j
                    continue
                }
            }
            var j = i + 1
            while j < u.count, u[j] != 60 { j += 1 }
            addText(decodeEntities(str(i, j)), base + i)
            i = j
        }
    }

    static let entities: [String: String] = [
        "nbsp": "\u{A0}", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "copy": "©",
        "reg": "®", "trade": "™", "mdash": "—", "ndash": "–", "hellip": "…", "rsquo": "’", "lsquo": "‘",
        "ldquo": "“", "rdquo": "”", "bull": "•", "middot": "·", "laquo": "«", "raquo": "»", "euro": "€",
        "zwnj": "\u{200C}", "zwj": "\u{200D}", "shy": "\u{AD}", "times": "×", "eacute": "é",
    ]

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var it = s[...]
        while let amp = it.firstIndex(of: "&") {
            out += it[..<amp]
            let rest = it[it.index(after: amp)...]
            if let semi = rest.prefix(32).firstIndex(of: ";") {
                let name = String(rest[..<semi])
                var rep: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    rep = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    rep = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    rep = entities[name]
                }
                if let rep {
                    out += rep
                    it = rest[rest.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            it = rest
        }
        return out + it
    }

    static func sanitize(_ toks: [Token]) -> [Token] {
        var out: [Token] = []
        for t in toks {
            if t.kind == .text || t.kind == .comment || t.kind == .css {
                let body = t.kind == .css ? sub(cssComment, t.data, "") : t.data
                if sub(ws, body, "").isEmpty { continue }
            }
            let prev = out.last
            if let prev, t.kind == .end, t.data == "style", prev.kind == .start, prev.data == "style" {
                out.removeLast()
            } else if let prev, t.kind == .endcc, prev.kind == .cc {
                out.removeLast()
            } else if let prev, t.kind == .cc, prev.kind == .endcc,
                let lastCC = out.last(where: { $0.kind == .cc }),
                lastCC.data == t.data, lastCC.ccDownlevel == t.ccDownlevel
            {
                out.removeLast()
            } else {
                out.append(t)
            }
        }
        return out
    }

    // MARK: - values and CSS

    /// Splits on characters of `seps` outside quotes and brackets → (chunk, separator).
    static func splitTop(_ s: String, _ seps: Set<Character>) -> [(String, Character?)] {
        var parts: [(String, Character?)] = []
        var buf = ""
        var depth = 0
        var quote: Character? = nil
        for ch in s {
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == "(" || ch == "[" {
                depth += 1
            } else if ch == ")" || ch == "]" {
                depth -= 1
            } else if depth <= 0 && seps.contains(ch) {
                parts.append((buf, ch))
                buf = ""
                continue
            }
            buf.append(ch)
        }
        return parts + [(buf, nil)]
    }

    static let aroundPunct = re(#"\s*([,()])\s*"#)
    static let important = re(#"\s*!\s*important$"#, [.caseInsensitive])
    static let hex3 = re(#"#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])\b"#)
    static let hex6 = re(#"#[0-9a-fA-F]{6}\b"#)

    static func normValue(_ v: String) -> String {
        var v = sub(aroundPunct, collapse(stripASCII(v)), "$1")
        v = sub(important, v, " !important")
        v = sub(hex3, v, "#$1$1$2$2$3$3")
        let ns = v as NSString
        var out = ""
        var last = 0
        for m in hex6.matches(in: v, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            out += ns.substring(with: m.range).lowercased()
            last = m.range.location + m.range.length
        }
        out += ns.substring(from: last)
        return out.replacingOccurrences(of: "'", with: "\"")
    }

    /// Text parts equal; integers equal; numbers with a fraction equal within `relTol`.
    static func sameValue(_ a: String, _ b: String) -> Bool {
        let pa = splitNumbers(a), pb = splitNumbers(b)
        guard pa.count == pb.count else { return false }
        for (i, (x, y)) in zip(pa, pb).enumerated() {
            if i % 2 == 0 {
                if x != y { return false }
            } else {
                guard let fx = Double(x), let fy = Double(y) else { return false }
                if fx == fy { continue }
                if !(x + y).contains(".") { return false }
                if abs(fx - fy) > relTol * max(abs(fx), abs(fy)) { return false }
            }
        }
        return true
    }

    /// Like Python's re.split with one group: text, number, text, number, …, text.
    static func splitNumbers(_ s: String) -> [String] {
        let ns = s as NSString
        var out: [String] = []
        var last = 0
        for m in num.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
            out.append(ns.substring(with: NSRange(location: last, length: m.range.location - last)))
            out.append(ns.substring(with: m.range))
            last = m.range.location + m.range.length
        }
        out.append(ns.substring(from: last))
        return out
    }

    static func parseDecls(_ text: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for (decl, _) in splitTop(text, [";"]) {
            guard let colon = decl.firstIndex(of: ":") else { continue }
            let k = stripASCII(String(decl[..<colon])).lowercased()
            if k.isEmpty { continue }
            out[k, default: []].append(normValue(String(decl[decl.index(after: colon)...])))
        }
        return out
    }

    static func diffDecls(_ e: [String: [String]], _ g: [String: [String]]) -> String? {
        for k in Set(e.keys).union(g.keys).sorted() {
            guard let ev = e[k] else { return "unexpected property \(k):\(g[k]!.last!)" }
            guard let gv = g[k] else { return "missing property \(k):\(ev.last!)" }
            if ev.count != gv.count || !zip(ev, gv).allSatisfy({ sameValue($0, $1) }) {
                return "property \(k): expected '\(ev.joined(separator: "; "))', got '\(gv.joined(separator: "; "))'"
            }
        }
        return nil
    }

    static let atPunct = re(#"\s*([>+~,:()])\s*"#)
    static let selPunct = re(#"\s*([>+~,])\s*"#)
    static let atName = re(#"^@[\w-]+"#)

    static func normSelector(_ s: String) -> String {
        let s = sub(classFraction, collapse(stripASCII(s)), "$1.$2")
        if s.hasPrefix("@") {
            let t = sub(atPunct, s, "$1")
            let ns = t as NSString
            if let m = atName.firstMatch(in: t, range: NSRange(location: 0, length: ns.length)) {
                return ns.substring(with: m.range).lowercased() + ns.substring(from: m.range.length)
            }
            return t
        }
        let t = sub(selPunct, s, "$1")
        return splitTop(t, [","]).map { $0.0 }.sorted().joined(separator: ",")
    }

    struct Rule { var context: String; var selector: String; var decls: [String: [String]] }

    static func parseCSS(_ text: String) -> [Rule] {
        var rules: [Rule] = []
        var stack: [(sel: String, decls: String, nested: Bool)] = []
        var parts = splitTop(sub(cssComment, text, ""), ["{", "}", ";"])
        let opens = parts.filter { $0.1 == "{" }.count - parts.filter { $0.1 == "}" }.count
        if opens > 0 { parts += Array(repeating: ("", "}"), count: opens) }
        for (buf, sep) in parts {
            if sep == "{" {
                if !stack.isEmpty { stack[stack.count - 1].nested = true }
                stack.append((normSelector(buf), "", false))
            } else if !stack.isEmpty && sep != "}" {
                stack[stack.count - 1].decls += buf + ";"
            } else if !stack.isEmpty {
                let top = stack.removeLast()
                let decls = parseDecls(top.decls + buf)
                if !decls.isEmpty || !top.nested {
                    rules.append(Rule(context: stack.map { $0.sel }.joined(separator: "/"), selector: top.sel, decls: decls))
                }
            } else if !stripASCII(buf).isEmpty {
                rules.append(Rule(context: "", selector: normSelector(buf), decls: [:]))
            }
        }
        return rules
    }

    static func diffCSS(_ exp: String, _ gen: String) -> String? {
        var g = parseCSS(gen)
        for r in parseCSS(exp) {
            let name = stripASCII(r.context + " " + r.selector)
            let sameKey = g.indices.filter { sameValue(g[$0].context, r.context) && sameValue(g[$0].selector, r.selector) }
            guard let first = sameKey.first else { return "CSS rule missing: \(name)" }
            guard let exact = sameKey.first(where: { diffDecls(r.decls, g[$0].decls) == nil }) else {
                return "CSS rule \(name) {...}: \(diffDecls(r.decls, g[first].decls) ?? "")"
            }
            g.remove(at: exact)
        }
        if let extra = g.first { return "unexpected CSS rule: \(stripASCII(extra.context + " " + extra.selector))" }
        return nil
    }

    // MARK: - comparison

    static func classList(_ v: String) -> [String] {
        let names = Set(sub(classFraction, v, "$1.$2").split(whereSeparator: { " \t\n\r\u{0C}".contains($0) }).map(String.init))
        func key(_ c: String) -> (String, [Double]) {
            (sub(num, c, "0"), splitNumbers(c).enumerated().filter { $0.offset % 2 == 1 }.compactMap { Double($0.element) })
        }
        return names.sorted { a, b in
            let ka = key(a), kb = key(b)
            if ka.0 != kb.0 { return ka.0 < kb.0 }
            return ka.1.lexicographicallyPrecedes(kb.1)
        }
    }

    static func isNumericAttr(_ v: String) -> Bool {
        numericAttr.firstMatch(in: v, range: NSRange(v.startIndex..., in: v)) != nil
    }

    static func diffAttrs(_ e0: [String: String], _ g0: [String: String]) -> String? {
        var e = e0.filter { !(($0.key == "class" || $0.key == "style") && stripASCII($0.value).isEmpty) }
        let g = g0.filter { !(($0.key == "class" || $0.key == "style") && stripASCII($0.value).isEmpty) }
        if e["alt"] == "" && g["alt"] == nil { e["alt"] = nil }
        if let k = Set(e.keys).subtracting(g.keys).sorted().first { return "missing attribute \(k)=\"\(e[k]!)\"" }
        if let k = Set(g.keys).subtracting(e.keys).sorted().first { return "unexpected attribute \(k)=\"\(g[k]!)\"" }
        for k in e.keys.sorted() {
            let ev = e[k]!, gv = g[k]!
            if k == "style" {
                if let d = diffDecls(parseDecls(ev), parseDecls(gv)) { return "style attribute: " + d }
            } else if k == "class" {
                let ec = classList(ev), gc = classList(gv)
                if ec.count != gc.count || !zip(ec, gc).allSatisfy({ sameValue($0, $1) }) {
                    return "class: expected \"\(ev)\", got \"\(gv)\""
                }
            } else if k == "width" || k == "height" || (isNumericAttr(ev) && isNumericAttr(gv)) {
                if !sameValue(normValue(ev), normValue(gv)) { return "attribute \(k): expected \"\(ev)\", got \"\(gv)\"" }
            } else if ev != gv {
                return "attribute \(k): expected \"\(ev)\", got \"\(gv)\""
            }
        }
        return nil
    }

    static func describe(_ t: Token?) -> String {
        guard let t else { return "end of document" }
        switch t.kind {
        case .start: return "<\(t.data)>"
        case .end: return "</\(t.data)>"
        case .cc: return "<!--[if \(t.data)]>" + (t.ccDownlevel ? "<!-->" : "")
        case .endcc: return t.ccDownlevel ? "<!--<![endif]-->" : "<![endif]-->"
        default: return "\(t.kind) '\(String(stripASCII(collapse(t.data)).prefix(40)))'"
        }
    }

    static func diffToken(_ e: Token, _ g: Token) -> String? {
        let dataKinds: [Kind] = [.start, .end, .decl, .cc, .endcc]
        if e.kind != g.kind || (dataKinds.contains(e.kind) && (e.data != g.data || e.ccDownlevel != g.ccDownlevel)) {
            return "expected \(describe(e)), got \(describe(g))"
        }
        switch e.kind {
        case .start: return diffAttrs(e.attrs, g.attrs).map { "<\(e.data)>: \($0)" }
        case .css: return diffCSS(e.data, g.data)
        case .text, .comment:
            let a = stripASCII(collapse(e.data)), b = stripASCII(collapse(g.data))
            return a == b ? nil : "\(e.kind) differs: expected '\(a.prefix(60))', got '\(b.prefix(60))'"
        default: return nil
        }
    }

    static func normalizeIDs(_ s: String) -> String {
        sub(forID, sub(carouselID, s, "$100000000"), "$100000000")
    }

    /// nil when the documents are the same under the corpus rules; else the first difference.
    static func difference(expected: String, actual: String) -> String? {
        let et = tokenize(normalizeIDs(expected)), gt = tokenize(normalizeIDs(actual))
        for i in 0..<max(et.count, gt.count) {
            let e = i < et.count ? et[i] : nil, g = i < gt.count ? gt[i] : nil
            let d: String?
            if let e, let g { d = diffToken(e, g) } else { d = "expected \(describe(e)), got \(describe(g))" }
            if let d { return d }
        }
        return nil
    }
}
