/// Where each value of a skeleton lands in its HTML, found once per skeleton, so that a value
/// from recipient data is checked for the context it lands in and not only HTML-escaped.
///
/// HTML escaping keeps a value inside its text or quoted attribute, but it cannot make every
/// value safe there: `javascript:alert(1)` is harmless text and a live link in `href`;
/// `red;position:fixed` stays inside `style="…"` and still adds a declaration (the browser
/// decodes `&#39;` back to a quote before CSS reads it). So the static bytes around the holes
/// are scanned once, like a browser's tokenizer would, and the holes that land anywhere but
/// text or a plain attribute become `ValueSlot`s, checked per recipient by `HoleContexts.problem`.
struct HoleContexts: Sendable {
    /// The attribute values (and other places) that hold at least one hole and need a check.
    let slots: [ValueSlot]

    var isEmpty: Bool { slots.isEmpty }

    static let none = HoleContexts(slots: [])
}

/// A run of static bytes and values that the browser reads as one thing (an attribute value, a
/// CSS `url(…)` argument), and what that thing is.
struct ValueSlot: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// One URL (`href`, `src`, `background`, `action`…): its scheme must be http(s), or fixed
        /// by the template's own text.
        case url
        /// A comma-separated list of URL candidates with descriptors (`srcset`).
        case urlList
        /// A CSS declaration list (`style`, or a `<style>` element): values cannot add
        /// declarations, rules, comments or functions.
        case css
        /// Script (`on*` attributes, `<script>`): no value from recipient data belongs there.
        case script
        /// An attribute name or an unquoted value: only a plain token is safe.
        case token
        /// A quoted plain attribute (`alt`, `title`…): escaping suffices unless the value is
        /// marked safe (raw), which must not close the quotes.
        case quoted
    }

    enum Part: Sendable, Equatable {
        case text([UInt8])
        case hole(Int)
    }

    var kind: Kind
    var parts: [Part]
    /// The attribute's name (lower case), for messages.
    var name: String
    /// A link whose scheme the template's text settles (`isFixedByTemplate`).
    var schemeFixed = false
}

extension ValueSlot {
    /// A link whose scheme (or relative path) the template's own text settles before any value
    /// (`https://example.com/{{ path }}`, `mailto:{{ email }}`, `/p/{{ sku }}`): nothing a value
    /// holds can change where it points, so per recipient only raw values are looked at.
    var isFixedByTemplate: Bool {
        guard kind == .url else { return false }
        var url = URLScheme()
        for part in parts {
            guard case .text(let t) = part else { return false }
            for byte in t {
                if let verdict = url.feed(MarkedByte(byte: byte, fromValue: false)) { return verdict == nil }
            }
        }
        return false
    }
}

extension HoleContexts {
    /// Scans the HTML of a skeleton (its static segments and the holes between them).
    init(html s: Segments) {
        var scanner = HTMLContextScanner()
        s.raw.withUnsafeBufferPointer { buf in
            var start = 0
            for cut in s.cuts {
                scanner.feed(UnsafeBufferPointer(rebasing: buf[start..<cut.raw]))
                start = cut.raw
                if cut.hole >= 0 { scanner.hole(cut.hole) }
            }
        }
        self.init(
            slots: scanner.finish().map { slot in
                var slot = slot
                slot.schemeFixed = slot.isFixedByTemplate
                return slot
            })
    }
}

/// A small HTML tokenizer (the states of the WHATWG one that matter for where a value lands):
/// text, tags and their attributes, comments, and the raw text of `<style>` and `<script>`.
/// It records, for every hole, the attribute value or element it falls in.
struct HTMLContextScanner {
    private enum State {
        case data, tagOpen, tagName, beforeAttribute, attributeName, afterAttributeName
        case beforeValue, quotedValue(UInt8), unquotedValue, comment, declaration
        case rawText
    }

    private var state = State.data
    private var name: [UInt8] = []
    private var tag: [UInt8] = []
    private var isEndTag = false
    private var parts: [ValueSlot.Part] = []
    /// The element whose raw text we are in (`style` or `script`), and how much of `</name` matched.
    private var rawElement: [UInt8] = []
    private var commentDashes = 0
    /// Holes met in a tag outside any value (`<a {{x}}>`): each is a `token` slot of its own.
    private var tokens: [ValueSlot] = []
    private var slots: [ValueSlot] = []
    private var valueHasHole = false
    /// Where the static text of the current value (or raw text) starts in the buffer being fed;
    /// nil outside one. It is copied only when a hole joins it: most values hold none.
    private var pending: Int?

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        while i < bytes.count {
            i = step(bytes, i)
        }
        // A buffer ends where a hole starts: the value's text so far belongs to its slot.
        if let start = pending {
            appendText(bytes, start..<bytes.count)
            pending = 0
        }
    }

    mutating func hole(_ index: Int) {
        switch state {
        case .data, .comment, .declaration:
            return
        case .quotedValue, .unquotedValue:
            parts.append(.hole(index))
            valueHasHole = true
        case .rawText:
            parts.append(.hole(index))
            valueHasHole = true
        case .tagOpen, .tagName, .beforeAttribute, .attributeName, .afterAttributeName, .beforeValue:
            tokens.append(ValueSlot(kind: .token, parts: [.hole(index)], name: String(decoding: tag, as: UTF8.self)))
        }
    }

    mutating func finish() -> [ValueSlot] {
        if case .rawText = state { closeRawText(nil, upTo: 0) }  // its text was kept by `feed`
        return slots + tokens
    }

    // MARK: states

    /// Handles the byte at `i` (and sometimes a few more); returns the next index.
    private mutating func step(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        switch state {
        case .data:
            guard c == Byte.lessThan else {
                var j = i + 1
                while j < b.count, b[j] != Byte.lessThan { j += 1 }
                return j
            }
            openTag()
        case .tagOpen:
            tagOpen(c)
        case .tagName:
            tagName(c, at: i)
        case .beforeAttribute, .afterAttributeName:
            if Byte.isSpace(c) || c == Byte.slash { break }
            if c == Byte.greaterThan { endTag(at: i); break }
            if c == Byte.equals, case .afterAttributeName = state { state = .beforeValue; break }
            name.removeAll(keepingCapacity: true)
            name.append(Byte.lower(c))
            state = .attributeName
        case .attributeName:
            attributeName(c, at: i)
        case .beforeValue:
            if Byte.isSpace(c) { break }
            if c == Byte.quote || c == Byte.apostrophe {
                startValue(at: i + 1); state = .quotedValue(c)
            } else if c == Byte.greaterThan {
                endTag(at: i)
            } else {
                startValue(at: i); state = .unquotedValue; return i
            }
        case .quotedValue(let q):
            return quotedValue(b, i, quote: q)
        case .unquotedValue:
            if Byte.isSpace(c) {
                endValue(b, upTo: i); state = .beforeAttribute
            } else if c == Byte.greaterThan {
                endValue(b, upTo: i); endTag(at: i)
            }
        case .comment:
            if c == Byte.greaterThan && commentDashes >= 2 { state = .data }
            commentDashes = c == Byte.dash ? commentDashes + 1 : 0
        case .declaration:
            declaration(c)
        case .rawText:
            return rawText(b, i)
        }
        return i + 1
    }

    private mutating func tagOpen(_ c: UInt8) {
        if c == Byte.bang {
            state = .declaration; commentDashes = 0
        } else if c == Byte.slash {
            state = .tagName; isEndTag = true
        } else if c == Byte.question {
            state = .declaration
        } else if Byte.isLetter(c) {
            state = .tagName; tag.append(Byte.lower(c))
        } else {
            state = .data
        }
    }

    private mutating func tagName(_ c: UInt8, at i: Int) {
        if Byte.isSpace(c) {
            state = .beforeAttribute
        } else if c == Byte.greaterThan {
            endTag(at: i)
        } else if c != Byte.slash {
            tag.append(Byte.lower(c))
        }
    }

    private mutating func attributeName(_ c: UInt8, at i: Int) {
        if Byte.isSpace(c) {
            state = .afterAttributeName
        } else if c == Byte.equals {
            state = .beforeValue
        } else if c == Byte.greaterThan {
            endTag(at: i)
        } else if c == Byte.slash {
            state = .beforeAttribute
        } else {
            name.append(Byte.lower(c))
        }
    }

    private mutating func declaration(_ c: UInt8) {
        // `<!--` opens a comment; anything else (`<!DOCTYPE …>`, `<![endif]>`) ends at `>`.
        if c == Byte.dash {
            commentDashes += 1; if commentDashes == 2 { state = .comment; commentDashes = 0 }
        } else if c == Byte.greaterThan {
            state = .data
        } else {
            commentDashes = 0
        }
    }

    private mutating func quotedValue(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, quote: UInt8) -> Int {
        var j = i
        while j < b.count, b[j] != quote { j += 1 }
        guard j < b.count else { return j }
        endValue(b, upTo: j)
        state = .beforeAttribute
        return j + 1
    }

    /// Inside `<style>` or `<script>`: everything up to `</style` (`</script`) is one slot's text.
    private mutating func rawText(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var j = i
        while j < b.count {
            if b[j] == Byte.lessThan, endsRawText(b, at: j) {
                closeRawText(b, upTo: j)
                openTag()
                return j + 1
            }
            j += 1
        }
        return j
    }

    private func endsRawText(_ b: UnsafeBufferPointer<UInt8>, at j: Int) -> Bool {
        guard j + 1 + rawElement.count < b.count, b[j + 1] == Byte.slash else { return false }
        for (k, e) in rawElement.enumerated() where Byte.lower(b[j + 2 + k]) != e { return false }
        return true
    }

    private mutating func appendText(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) {
        guard !r.isEmpty else { return }
        if case .text(var t)? = parts.last {
            parts.removeLast()
            t.append(contentsOf: UnsafeBufferPointer(rebasing: b[r]))
            parts.append(.text(t))
        } else {
            parts.append(.text(Array(UnsafeBufferPointer(rebasing: b[r]))))
        }
    }

    private mutating func startValue(at index: Int) {
        parts.removeAll(keepingCapacity: true)
        valueHasHole = false
        pending = index
    }

    /// The value ends before `end`: a slot if a hole joined it.
    private mutating func endValue(_ b: UnsafeBufferPointer<UInt8>, upTo end: Int) {
        defer { parts.removeAll(keepingCapacity: true); valueHasHole = false; pending = nil }
        guard valueHasHole else { return }
        if let start = pending { appendText(b, start..<end) }
        let attribute = String(decoding: name, as: UTF8.self)
        if case .unquotedValue = state {
            slots.append(ValueSlot(kind: .token, parts: parts, name: attribute))
        } else {
            slots.append(ValueSlot(kind: Self.kind(ofAttribute: name), parts: parts, name: attribute))
        }
    }

    private mutating func openTag() {
        state = .tagOpen
        tag.removeAll(keepingCapacity: true)
        isEndTag = false
    }

    /// The tag closes with the `>` at `index`.
    private mutating func endTag(at index: Int) {
        state = .data
        if !isEndTag, tag == Self.style || tag == Self.script {
            rawElement = tag
            state = .rawText
            startValue(at: index + 1)
        }
    }

    private static let style = Array("style".utf8), script = Array("script".utf8)

    private mutating func closeRawText(_ b: UnsafeBufferPointer<UInt8>?, upTo end: Int) {
        defer { pending = nil }
        if valueHasHole {
            if let b, let start = pending { appendText(b, start..<end) }
            let isStyle = rawElement == Self.style
            slots.append(ValueSlot(kind: isStyle ? .css : .script, parts: parts, name: "<\(String(decoding: rawElement, as: UTF8.self))>"))
        }
        parts.removeAll(keepingCapacity: true)
        valueHasHole = false
    }

    /// Attributes whose value the browser reads as a URL, a URL list, CSS or script.
    static func kind(ofAttribute name: [UInt8]) -> ValueSlot.Kind {
        let n = String(decoding: name, as: UTF8.self)
        if urlAttributes.contains(n) { return .url }
        if n == "srcset" || n == "imagesrcset" { return .urlList }
        if n == "style" { return .css }
        if n.hasPrefix("on") { return .script }
        return .quoted
    }

    static let urlAttributes: Set<String> = [
        "href", "src", "background", "action", "formaction", "poster", "cite", "data",
        "longdesc", "usemap", "icon", "manifest", "xlink:href", "codebase", "archive",
    ]
}

/// The ASCII bytes the scanners compare against.
enum Byte {
    static let lessThan = UInt8(ascii: "<"), greaterThan = UInt8(ascii: ">")
    static let slash = UInt8(ascii: "/"), backslash = UInt8(ascii: "\\")
    static let bang = UInt8(ascii: "!"), question = UInt8(ascii: "?")
    static let equals = UInt8(ascii: "="), dash = UInt8(ascii: "-")
    static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")
    static let colon = UInt8(ascii: ":"), hash = UInt8(ascii: "#"), comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";"), openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")")

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
}
