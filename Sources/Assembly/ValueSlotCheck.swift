import Liquid

/// The per-recipient side of `HoleContexts`: are this recipient's values safe where they land?
/// A problem holds the recipient (never a silent fix: a link rewritten to `#` is a broken email).
extension HoleContexts {
    /// The first problem with these values, as a reason (`guard.links.scheme`,
    /// `guard.style.value`, `guard.html.script`, `guard.html.attribute`), or nil.
    func problem(_ holes: [Hole]) -> Reason? {
        for slot in slots {
            if let r = slot.problem(holes) { return r }
        }
        return nil
    }

    /// For a skeleton rendered with its values inline (no holes to place): a value whose text is
    /// a script-capable URL is held wherever it landed. Narrower than the placed check (an
    /// `ftp:` link passes here), but these skeletons are rare: MJML computed something from a value.
    static func inlineProblem(_ holes: [Hole]) -> Reason? {
        for h in holes {
            if let scheme = URLCheck.dangerousScheme(h.text) {
                return Reason("guard.links.scheme", "a value from the recipient data is a '\(scheme):' URL (\(Preview.of(h.text))): only http(s) links may come from data")
            }
        }
        return nil
    }
}

extension ValueSlot {
    func problem(_ holes: [Hole]) -> Reason? {
        if kind != .token, let r = rawQuoteProblem(holes) { return r }
        switch kind {
        case .url:
            return URLCheck.problem(stream(holes), in: name)
        case .urlList:
            return URLCheck.listProblem(stream(holes), in: name)
        case .css:
            return CSSCheck.problem(parts, holes, in: name)
        case .script:
            guard let h = filled(holes).first(where: { !$0.text.isEmpty }) else { return nil }
            return Reason("guard.html.script", "a value from the recipient data lands in script (\(name)): \(Preview.of(h.text))")
        case .token:
            guard let h = filled(holes).first(where: { !Self.isToken($0.text) }) else { return nil }
            return Reason("guard.html.attribute", "a value from the recipient data lands in a tag outside a quoted attribute value (<\(name)>) and is not a plain word: \(Preview.of(h.text))")
        case .quoted:
            return nil
        }
    }

    /// A value written raw (`| raw`, marked safe) must not close the attribute it is in.
    private func rawQuoteProblem(_ holes: [Hole]) -> Reason? {
        for h in filled(holes) where h.safe && h.text.utf8.contains(where: { $0 == Byte.quote || $0 == Byte.apostrophe || $0 == Byte.lessThan || $0 == Byte.greaterThan }) {
            return Reason("guard.html.attribute", "a raw (unescaped) value would close the \(name) attribute it is in: \(Preview.of(h.text))")
        }
        return nil
    }

    private func filled(_ holes: [Hole]) -> [Hole] {
        parts.compactMap { if case .hole(let i) = $0, i < holes.count { holes[i] } else { nil } }
    }

    /// The slot's bytes as the browser will read them, each marked with whether a value wrote it.
    func stream(_ holes: [Hole]) -> [(byte: UInt8, fromValue: Bool)] {
        var out: [(UInt8, Bool)] = []
        for p in parts {
            switch p {
            case .text(let t): out.append(contentsOf: t.lazy.map { ($0, false) })
            case .hole(let i) where i < holes.count: out.append(contentsOf: holes[i].text.utf8.lazy.map { ($0, true) })
            case .hole: continue
            }
        }
        return out
    }

    static func isToken(_ s: String) -> Bool {
        s.utf8.allSatisfy { Byte.isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == Byte.dash || $0 == 0x5F || $0 == 0x2E }
    }
}

/// Links: whoever wrote the scheme decides it. A scheme written by the template's own text
/// (`mailto:{{ email }}`, `https://{{ host }}`) is the author's; a scheme that any value helped
/// write must be http or https. A relative URL whose first byte came from a value is held too
/// (it would otherwise become whatever the value says), and so is a `//host` one that a value
/// completed.
enum URLCheck {
    static func problem(_ s: [(byte: UInt8, fromValue: Bool)], in attribute: String) -> Reason? {
        var i = 0
        return candidate(s, &i, in: attribute)
    }

    /// `srcset`: each comma starts another candidate, checked alike.
    static func listProblem(_ s: [(byte: UInt8, fromValue: Bool)], in attribute: String) -> Reason? {
        var i = 0
        while i < s.count {
            if let r = candidate(s, &i, in: attribute) { return r }
            while i < s.count, s[i].byte != Byte.comma { i += 1 }
            i += 1
        }
        return nil
    }

    /// Checks the URL starting at `i` (after white space) and leaves `i` after its scheme part.
    private static func candidate(_ s: [(byte: UInt8, fromValue: Bool)], _ i: inout Int, in attribute: String) -> Reason? {
        while i < s.count, s[i].byte <= 0x20 { i += 1 }  // a browser skips leading spaces and controls
        guard i < s.count else { return nil }
        let start = i
        var fromValue = false
        while i < s.count {
            let c = s[i].byte
            fromValue = fromValue || s[i].fromValue
            if c == Byte.colon {
                i += 1
                guard fromValue else { return nil }  // the template's text fixed the scheme
                let scheme = String(decoding: s[start..<(i - 1)].map { Byte.lower($0.byte) }, as: UTF8.self)
                if scheme == "http" || scheme == "https" { return nil }
                return reason(s, start, attribute, "a '\(scheme):' link")
            }
            if c == Byte.slash || c == Byte.backslash || c == 0x3F || c == Byte.hash { break }
            i += 1
        }
        // No scheme: a relative URL. Its first byte decides where it points.
        if s[start].fromValue { return reason(s, start, attribute, "a relative link") }
        if s[start].byte == Byte.slash, start + 1 < s.count, s[start + 1].fromValue,
           s[start + 1].byte == Byte.slash || s[start + 1].byte == Byte.backslash {
            return reason(s, start, attribute, "a link to another host ('//')")
        }
        return nil
    }

    private static func reason(_ s: [(byte: UInt8, fromValue: Bool)], _ start: Int, _ attribute: String, _ what: String) -> Reason {
        let url = String(decoding: s[start...].prefix(80).map(\.byte), as: UTF8.self)
        return Reason("guard.links.scheme", "a value from the recipient data makes the \(attribute) attribute \(what) (\(Preview.of(url))): only http(s) links may come from data")
    }

    /// `javascript:`, `vbscript:`, `data:`, `file:` or `blob:` at the start of a value, as a
    /// browser reads it (leading spaces and controls skipped, tabs and newlines inside ignored).
    static func dangerousScheme(_ text: String) -> String? {
        var scheme: [UInt8] = []
        for c in text.utf8 {
            if c <= 0x20 { if scheme.isEmpty { continue } else if c == 0x09 || c == 0x0A || c == 0x0D { continue } else { return nil } }
            if c == Byte.colon { break }
            guard Byte.isLetter(c), scheme.count < 10 else { return nil }
            scheme.append(Byte.lower(c))
        }
        let s = String(decoding: scheme, as: UTF8.self)
        return ["javascript", "vbscript", "data", "file", "blob"].contains(s) && text.utf8.contains(Byte.colon) ? s : nil
    }
}

/// CSS: a value may be a CSS value (a colour, a length, a font name) but cannot end the
/// declaration, open a block, a comment, a string or a function; inside `url(…)` it is a link,
/// checked as links are, and cannot close the `url(`.
enum CSSCheck {
    static func problem(_ parts: [ValueSlot.Part], _ holes: [Hole], in name: String) -> Reason? {
        var urlParts: [ValueSlot.Part]?  // inside `url(`: the argument so far
        var recent: [UInt8] = []  // the last static bytes, to spot `url(`
        for p in parts {
            switch p {
            case .text(let t):
                for c in t {
                    if urlParts != nil {
                        if c == Byte.closeParen {
                            if let r = urlProblem(urlParts!, holes, name) { return r }
                            urlParts = nil
                        } else {
                            urlParts!.append(.text([c]))
                        }
                        continue
                    }
                    recent.append(Byte.lower(c))
                    if recent.count > 4 { recent.removeFirst() }
                    if recent == Array("url(".utf8) { urlParts = [] }
                }
            case .hole(let i):
                guard i < holes.count else { continue }
                if urlParts != nil {
                    if let bad = holes[i].text.utf8.first(where: { $0 == Byte.quote || $0 == Byte.apostrophe || $0 == Byte.openParen || $0 == Byte.closeParen || $0 == Byte.backslash || $0 <= 0x20 }) {
                        return Reason("guard.style.value", "a value from the recipient data in a CSS url() of \(name) contains '\(Preview.char(bad))': \(Preview.of(holes[i].text))")
                    }
                    urlParts!.append(.hole(i))
                } else if let bad = declarationBreak(holes[i].text) {
                    return Reason("guard.style.value", "a value from the recipient data in \(name) contains '\(bad)', which would change the CSS around it: \(Preview.of(holes[i].text))")
                }
            }
        }
        if let u = urlParts { return urlProblem(u, holes, name) }
        return nil
    }

    private static func urlProblem(_ parts: [ValueSlot.Part], _ holes: [Hole], _ name: String) -> Reason? {
        guard parts.contains(where: { if case .hole = $0 { true } else { false } }) else { return nil }
        var s = ValueSlot(kind: .url, parts: parts, name: "\(name) url()").stream(holes)
        // The argument's own quotes are the template's: skip them.
        while let f = s.first, !f.fromValue, Byte.isSpace(f.byte) || f.byte == Byte.quote || f.byte == Byte.apostrophe { s.removeFirst() }
        while let l = s.last, !l.fromValue, Byte.isSpace(l.byte) || l.byte == Byte.quote || l.byte == Byte.apostrophe { s.removeLast() }
        return URLCheck.problem(s, in: "\(name) url()")
    }

    /// What in a value would end a declaration or start something else: `;`, braces, quotes,
    /// parentheses (functions: `url(`, `expression(`), backslash escapes, `<`, `>`, `@`,
    /// comments, control characters.
    static func declarationBreak(_ text: String) -> String? {
        var previous: UInt8 = 0
        for c in text.utf8 {
            switch c {
            case Byte.semicolon, 0x7B, 0x7D, Byte.quote, Byte.apostrophe, Byte.openParen, Byte.closeParen,
                 Byte.backslash, Byte.lessThan, Byte.greaterThan, 0x40:
                return Preview.char(c)
            case 0x2A where previous == Byte.slash, Byte.slash where previous == 0x2A:
                return previous == Byte.slash ? "/*" : "*/"
            default:
                if c < 0x20 || c == 0x7F { return Preview.char(c) }
            }
            previous = c
        }
        return nil
    }
}

/// Short, printable quotations of values for reasons (a reason is read by a person; a value
/// may be long or hold control characters).
enum Preview {
    static func of(_ text: String) -> String {
        let shown = text.unicodeScalars.prefix(60).map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        return "'" + shown + (text.unicodeScalars.count > 60 ? "…'" : "'")
    }

    static func char(_ c: UInt8) -> String {
        c < 0x20 || c == 0x7F ? "\\u{\(String(c, radix: 16))}" : String(UnicodeScalar(c))
    }
}
