/// One piece of template source: literal text, an output `{{ … }}` or a tag `{% … %}`.
public struct TemplateToken: Sendable {
    public enum Kind: Sendable { case text, output, tag }
    public var kind: Kind
    /// Text content, output markup, or tag markup after the name.
    public var markup: String
    /// Tag name (`if`, `#` for inline comments); empty for text and output.
    public var name: String
    /// UTF-8 offset of the token, and of its markup, in the template source.
    public var offset: Int
    public var markupOffset: Int
}

/// Splits template source into tokens, applying whitespace control (`{{-`, `-%}`) and
/// keeping `raw`/`doc` bodies verbatim.
struct Tokenizer {
    let src: [UInt8]

    init(_ source: String) { src = Array(source.utf8) }

    func tokenize() throws -> [TemplateToken] {
        var tokens: [TemplateToken] = []
        var pos = 0
        var trimNext = false
        let n = src.count
        while pos < n {
            guard let open = findOpen(from: pos) else {
                appendText(&tokens, pos, n, trimLeft: trimNext, trimRight: false)
                break
            }
            let isOutput = src[open + 1] == UInt8(ascii: "{")
            var inner = open + 2
            let trimLeft = inner < n && src[inner] == UInt8(ascii: "-")
            if trimLeft { inner += 1 }
            appendText(&tokens, pos, open, trimLeft: trimNext, trimRight: trimLeft)
            let closer: (UInt8, UInt8) = isOutput ? (UInt8(ascii: "}"), UInt8(ascii: "}")) : (UInt8(ascii: "%"), UInt8(ascii: "}"))
            guard let close = find(closer, from: inner) else {
                throw LiquidError(
                    .syntax, isOutput ? "output '{{' was never closed (expected '}}')" : "tag '{%' was never closed (expected '%}')", offset: open)
            }
            var markupEnd = close
            let trimRight = markupEnd > inner && src[markupEnd - 1] == UInt8(ascii: "-")
            if trimRight { markupEnd -= 1 }
            pos = close + 2
            trimNext = trimRight
            if isOutput {
                tokens.append(TemplateToken(kind: .output, markup: string(inner, markupEnd), name: "", offset: open, markupOffset: inner))
                continue
            }
            var t = tagToken(open: open, inner: inner, end: markupEnd)
            tokens.append(t)
            if t.name == "raw" || t.name == "doc" {
                // Bodies of raw and doc are not tokenized: everything up to the end tag is text.
                let endName = "end" + t.name
                guard let (bodyEnd, endOpen, endClose, endTrimL, endTrimR) = findEndTag(endName, from: pos) else {
                    throw LiquidError(.syntax, "tag '\(t.name)' was never closed (expected '{% \(endName) %}')", offset: open)
                }
                appendText(&tokens, pos, bodyEnd, trimLeft: trimRight, trimRight: endTrimL, keepEmpty: true)
                t = TemplateToken(kind: .tag, markup: "", name: endName, offset: endOpen, markupOffset: endOpen)
                tokens.append(t)
                pos = endClose
                trimNext = endTrimR
            }
        }
        return tokens
    }

    private func findOpen(from start: Int) -> Int? {
        var i = start
        let n = src.count
        while i + 1 < n {
            if src[i] == UInt8(ascii: "{") {
                let c = src[i + 1]
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "%") { return i }
            }
            i += 1
        }
        return nil
    }

    private func find(_ pair: (UInt8, UInt8), from start: Int) -> Int? {
        var i = start
        while i + 1 < src.count {
            if src[i] == pair.0 && src[i + 1] == pair.1 { return i }
            i += 1
        }
        return nil
    }

    /// Finds `{%-? endname -?%}`: returns (end of body, tag start, after tag, trim flags).
    private func findEndTag(_ name: String, from start: Int) -> (Int, Int, Int, Bool, Bool)? {
        var i = start
        let nameBytes = Array(name.utf8)
        while let open = find((UInt8(ascii: "{"), UInt8(ascii: "%")), from: i) {
            var j = open + 2
            let tl = j < src.count && src[j] == UInt8(ascii: "-")
            if tl { j += 1 }
            while j < src.count, isSpace(src[j]) { j += 1 }
            if j + nameBytes.count <= src.count, Array(src[j..<j + nameBytes.count]) == nameBytes {
                var k = j + nameBytes.count
                while k < src.count, isSpace(src[k]) { k += 1 }
                var tr = false
                if k < src.count, src[k] == UInt8(ascii: "-") { tr = true; k += 1 }
                if k + 1 < src.count, src[k] == UInt8(ascii: "%"), src[k + 1] == UInt8(ascii: "}") {
                    return (open, open, k + 2, tl, tr)
                }
            }
            i = open + 2
        }
        return nil
    }

    private func tagToken(open: Int, inner: Int, end: Int) -> TemplateToken {
        var i = inner
        while i < end, isSpace(src[i]) { i += 1 }
        let nameStart = i
        if i < end, src[i] == UInt8(ascii: "#") {
            i += 1
        } else {
            while i < end, isWord(src[i]) { i += 1 }
        }
        let name = string(nameStart, i)
        var m = i
        while m < end, isSpace(src[m]) { m += 1 }
        var e = end
        while e > m, isSpace(src[e - 1]) { e -= 1 }
        return TemplateToken(kind: .tag, markup: string(m, e), name: name, offset: open, markupOffset: m)
    }

    private func appendText(_ tokens: inout [TemplateToken], _ start: Int, _ end: Int, trimLeft: Bool, trimRight: Bool, keepEmpty: Bool = false) {
        var s = start, e = end
        if trimLeft { while s < e, isSpace(src[s]) { s += 1 } }
        if trimRight { while e > s, isSpace(src[e - 1]) { e -= 1 } }
        if s < e || keepEmpty {
            tokens.append(TemplateToken(kind: .text, markup: string(s, e), name: "", offset: s, markupOffset: s))
        }
    }

    private func string(_ a: Int, _ b: Int) -> String { String(decoding: src[a..<max(a, b)], as: UTF8.self) }
}

@inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0B || c == 0x0C }
@inline(__always) func isWord(_ c: UInt8) -> Bool {
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c >= 0x80
}
