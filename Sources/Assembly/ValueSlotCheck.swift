import Liquid

/// The per-recipient side of `HoleContexts`: are this recipient's values safe where they land?
/// A problem holds the recipient (never a silent fix: a link rewritten to `#` is a broken email).
/// Runs for every recipient, so it walks the slots' bytes in place and allocates only to word a
/// reason.
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
            if let scheme = URLScheme.dangerous(h.text) {
                return Reason(
                    "guard.links.scheme",
                    "a value from the recipient data is a '\(scheme):' URL (\(Preview.of(h.text))): only http(s) links may come from data")
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
            if schemeFixed { return nil }
            var url = URLScheme()
            let verdict = walk(holes) { url.feed($0) } ?? url.end()
            return verdict.map { linkReason($0, holes) }
        case .urlList:
            return listProblem(holes)
        case .css:
            return CSSCheck.problem(self, holes)
        case .script:
            guard let h = firstValue(holes, where: { !$0.isEmpty }) else { return nil }
            return Reason("guard.html.script", "a value from the recipient data lands in script (\(name)): \(Preview.of(h))")
        case .token:
            guard let h = firstValue(holes, where: { !Self.isToken($0) }) else { return nil }
            return Reason(
                "guard.html.attribute",
                "a value from the recipient data lands in a tag outside a quoted attribute value (<\(name)>) and is not a plain word: \(Preview.of(h))"
            )
        case .quoted:
            return nil
        }
    }

    /// `srcset`: each comma starts another URL, checked alike.
    private func listProblem(_ holes: [Hole]) -> Reason? {
        var url = URLScheme()
        var decided = false
        let verdict =
            walk(holes) { b -> URLScheme.Problem?? in
                if b.byte == Byte.comma {
                    if !decided, let problem = url.end() { return .some(problem) }
                    url = URLScheme()
                    decided = false
                    return nil
                }
                guard !decided else { return nil }
                guard let v = url.feed(b) else { return nil }
                decided = true
                if let problem = v { return .some(problem) }
                return nil  // this candidate is fine: go on to the next
            } ?? (decided ? nil : url.end())
        return verdict.map { linkReason($0, holes) }
    }

    /// A value written raw (`| raw`, marked safe) must not close the attribute it is in.
    private func rawQuoteProblem(_ holes: [Hole]) -> Reason? {
        for case .hole(let i) in parts where i < holes.count && holes[i].safe {
            if holes[i].text.utf8.contains(where: { $0 == Byte.quote || $0 == Byte.apostrophe || $0 == Byte.lessThan || $0 == Byte.greaterThan }) {
                return Reason(
                    "guard.html.attribute", "a raw (unescaped) value would close the \(name) attribute it is in: \(Preview.of(holes[i].text))")
            }
        }
        return nil
    }

    private func firstValue(_ holes: [Hole], where bad: (String) -> Bool) -> String? {
        for case .hole(let i) in parts where i < holes.count && bad(holes[i].text) { return holes[i].text }
        return nil
    }

    /// Feeds the slot's bytes, as the browser will read them, to `visit` until it decides:
    /// `.some(verdict)` stops the walk (nil inside: fine; a problem: held); `nil` goes on.
    /// Returns nil when the walk ended without a decision.
    func walk(_ holes: [Hole], _ visit: (MarkedByte) -> URLScheme.Problem??) -> URLScheme.Problem?? {
        for p in parts {
            switch p {
            case .text(let t):
                for byte in t { if let v = visit(MarkedByte(byte: byte, fromValue: false)) { return v } }
            case .hole(let i) where i < holes.count:
                for byte in holes[i].text.utf8 { if let v = visit(MarkedByte(byte: byte, fromValue: true)) { return v } }
            case .hole:
                continue
            }
        }
        return nil
    }

    /// The slot's text, filled (for a reason only).
    func filledText(_ holes: [Hole]) -> String {
        parts.map { p in
            switch p {
            case .text(let t): String(decoding: t, as: UTF8.self)
            case .hole(let i): i < holes.count ? holes[i].text : ""
            }
        }.joined()
    }

    private func linkReason(_ problem: URLScheme.Problem, _ holes: [Hole]) -> Reason {
        Reason(
            "guard.links.scheme",
            "a value from the recipient data makes the \(name) attribute \(problem.description) (\(Preview.of(filledText(holes).trimmingLeadingControls))): only http(s) links may come from data"
        )
    }

    static func isToken(_ s: String) -> Bool {
        s.utf8.allSatisfy { Byte.isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == Byte.dash || $0 == 0x5F || $0 == 0x2E }
    }
}

/// A byte of a slot and whether a value (rather than the template's text) wrote it.
struct MarkedByte {
    let byte: UInt8
    let fromValue: Bool
}

/// Decides a link's scheme byte by byte: whoever wrote the scheme decides it. A scheme written
/// entirely by the template's text (`mailto:{{ email }}`, `https://{{ host }}`) is the author's;
/// a scheme any value helped write must be http or https. A relative URL whose first byte came
/// from a value is held too (it would otherwise be whatever the value says), and so is a
/// `//host` that a value completed. Leading spaces and controls are skipped, as browsers do.
struct URLScheme {
    enum Problem: Equatable, CustomStringConvertible {
        case scheme(String), relative, otherHost
        var description: String {
            switch self {
            case .scheme(let s): "a '\(s):' link"
            case .relative: "a relative link"
            case .otherHost: "a link to another host ('//')"
            }
        }
    }

    private var count = 0
    private var firstFromValue = false
    private var firstIsSlash = false
    private var anyFromValue = false
    /// The scheme's first eight bytes, lower case, packed (no allocation per link), and its length.
    private var scheme: UInt64 = 0
    private var schemeLength = 0
    private static let http: UInt64 = 0x6874_7470, https: UInt64 = 0x68_7474_7073

    /// nil: undecided, feed more; `.some(nil)`: fine; `.some(problem)`: held.
    mutating func feed(_ b: MarkedByte) -> Problem?? {
        if count == 0 {
            if b.byte <= 0x20 { return nil }
            firstFromValue = b.fromValue
            firstIsSlash = b.byte == Byte.slash || b.byte == Byte.backslash
        }
        count += 1
        anyFromValue = anyFromValue || b.fromValue
        if count == 2 && firstIsSlash {
            // `/x` is a path on this host; `//x` (or `/\x`) names another host.
            return .some((b.byte == Byte.slash || b.byte == Byte.backslash) && b.fromValue ? .otherHost : nil)
        }
        if firstIsSlash { return firstFromValue ? .some(.relative) : nil }
        switch b.byte {
        case Byte.colon:
            guard anyFromValue else { return .some(nil) }  // the template's text fixed the scheme
            let isHTTP = (schemeLength == 4 && scheme == Self.http) || (schemeLength == 5 && scheme == Self.https)
            return .some(isHTTP ? nil : .scheme(schemeText))
        case Byte.slash, Byte.backslash, 0x3F, Byte.hash:
            return .some(firstFromValue ? .relative : nil)
        default:
            if schemeLength < 8 { scheme = scheme << 8 | UInt64(Byte.lower(b.byte)) }
            schemeLength += 1
            return nil
        }
    }

    private var schemeText: String {
        let n = min(schemeLength, 8)
        let bytes = (0..<n).map { UInt8(truncatingIfNeeded: scheme >> (8 * UInt64(n - 1 - $0))) }
        return String(decoding: bytes, as: UTF8.self) + (schemeLength > 8 ? "…" : "")
    }

    /// The URL ended before anything decided it: empty, or relative.
    func end() -> Problem? {
        count > 0 && firstFromValue ? .relative : nil
    }

    /// `javascript:`, `vbscript:`, `data:`, `file:` or `blob:` at the start of a value, as a
    /// browser reads it (leading spaces and controls skipped, tabs and newlines inside ignored).
    static func dangerous(_ text: String) -> String? {
        var scheme: [UInt8] = []
        for c in text.utf8 {
            if c == Byte.colon { break }
            if c <= 0x20 {
                if scheme.isEmpty || c == 0x09 || c == 0x0A || c == 0x0D { continue }
                return nil
            }
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
    static func problem(_ slot: ValueSlot, _ holes: [Hole]) -> Reason? {
        var url: URLScheme?  // inside `url(`: the argument's scheme so far
        var urlDecided = false
        var recent: UInt32 = 0  // the last four static bytes, lower case, to spot `url(`
        let urlOpen = UInt32(0x75) << 24 | UInt32(0x72) << 16 | UInt32(0x6C) << 8 | UInt32(0x28)
        for p in slot.parts {
            switch p {
            case .text(let t):
                for c in t {
                    if url != nil {
                        if c == Byte.closeParen {
                            if !urlDecided, let problem = url!.end() { return linkReason(problem, slot, holes) }
                            url = nil
                        } else if !urlDecided, !(url!.isFresh && (c == Byte.quote || c == Byte.apostrophe)) {
                            // The argument's own opening quote is the template's: not part of the link.
                            if let v = url!.feed(MarkedByte(byte: c, fromValue: false)) {
                                urlDecided = true
                                if let problem = v { return linkReason(problem, slot, holes) }
                            }
                        }
                        continue
                    }
                    recent = recent << 8 | UInt32(Byte.lower(c))
                    if recent == urlOpen { url = URLScheme(); urlDecided = false }
                }
            case .hole(let i):
                guard i < holes.count else { continue }
                let text = holes[i].text
                if url != nil {
                    if let bad = text.utf8.first(where: {
                        $0 == Byte.quote || $0 == Byte.apostrophe || $0 == Byte.openParen || $0 == Byte.closeParen || $0 == Byte.backslash
                            || $0 <= 0x20
                    }) {
                        return Reason(
                            "guard.style.value",
                            "a value from the recipient data in a CSS url() of \(slot.name) contains '\(Preview.char(bad))': \(Preview.of(text))")
                    }
                    guard !urlDecided else { continue }
                    for byte in text.utf8 {
                        if let v = url!.feed(MarkedByte(byte: byte, fromValue: true)) {
                            urlDecided = true
                            if let problem = v { return linkReason(problem, slot, holes) }
                            break
                        }
                    }
                } else if let bad = declarationBreak(text) {
                    return Reason(
                        "guard.style.value",
                        "a value from the recipient data in \(slot.name) contains '\(bad)', which would change the CSS around it: \(Preview.of(text))"
                    )
                }
            }
        }
        if let u = url, !urlDecided, let problem = u.end() { return linkReason(problem, slot, holes) }
        return nil
    }

    private static func linkReason(_ problem: URLScheme.Problem, _ slot: ValueSlot, _ holes: [Hole]) -> Reason {
        Reason(
            "guard.links.scheme",
            "a value from the recipient data makes a CSS url() in \(slot.name) \(problem.description) (\(Preview.of(slot.filledText(holes)))): only http(s) links may come from data"
        )
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

extension URLScheme {
    /// No byte fed yet (leading spaces do not count).
    var isFresh: Bool { count == 0 }
}

extension String {
    var trimmingLeadingControls: Substring { drop { $0.unicodeScalars.allSatisfy { $0.value <= 0x20 } } }
}

/// Short, printable quotations of values for reasons (a reason is read by a person; a value
/// may be long or hold control characters).
enum Preview {
    static func of<S: StringProtocol>(_ text: S) -> String {
        let shown = text.unicodeScalars.prefix(60).map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }
            .joined()
        return "'" + shown + (text.unicodeScalars.count > 60 ? "…'" : "'")
    }

    static func char(_ c: UInt8) -> String {
        c < 0x20 || c == 0x7F ? "\\u{\(String(c, radix: 16))}" : String(UnicodeScalar(c))
    }
}
