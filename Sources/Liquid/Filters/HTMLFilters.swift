import Foundation

let htmlFilters: [String: Filter] = [
    "escape": Filter { v, _, _ in v.isNil ? .null : .string(htmlEscape(v.text)) },
    "h": Filter { v, _, _ in v.isNil ? .null : .string(htmlEscape(v.text)) },
    "escape_once": Filter { v, _, _ in v.isNil ? .null : .string(htmlEscapeOnce(v.text)) },
    "strip_html": Filter { v, _, _ in
        var bytes = Array(v.text.utf8)
        for (open, close) in [("<script", "</script>"), ("<!--", "-->"), ("<style", "</style>"), ("<", ">")] {
            bytes = removeSpans(bytes, open: Array(open.utf8), close: Array(close.utf8))
        }
        return .string(String(decoding: bytes, as: UTF8.self))
    },
    "newline_to_br": Filter { v, _, _ in
        .string(v.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "<br />\n"))
    },
    // Marks a value as HTML under autoescape: the output is written as is.
    "raw": Filter { v, _, _ in v },
    "safe": Filter { v, _, _ in v },
]

/// Removes every `open … close` span, leftmost first, each ending at the first `close` after its
/// `open` (the regex `open.*?close` with dot matching newlines). Linear: the next `close` is
/// found once and reused, where a regex searched to the end again for every unclosed `open`.
func removeSpans(_ s: [UInt8], open: [UInt8], close: [UInt8]) -> [UInt8] {
    func starts(_ p: [UInt8], at i: Int) -> Bool { i + p.count <= s.count && s[i..<(i + p.count)].elementsEqual(p) }
    var out: [UInt8] = []
    out.reserveCapacity(s.count)
    var nextClose = -1  // start of the first `close` at or after the last search point; s.count: none
    var i = 0
    while i < s.count {
        guard s[i] == open[0], starts(open, at: i) else { out.append(s[i]); i += 1; continue }
        let from = i + open.count
        if nextClose < from && nextClose < s.count {
            nextClose = from
            while nextClose < s.count && !starts(close, at: nextClose) { nextClose += 1 }
        }
        if nextClose >= s.count { out.append(contentsOf: s[i...]); break }  // no close: nothing more matches
        i = nextClose + close.count
    }
    return out
}

func htmlEscape(_ s: String) -> String {
    // Most values need no escaping: return them without building a new string.
    guard s.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return s }
    var out = OutputBuffer(bytes: [], limit: Int.max)
    out.bytes.reserveCapacity(s.utf8.count + 16)
    out.appendEscaped(s)
    return String(decoding: out.bytes, as: UTF8.self)
}

/// Escapes, leaving existing entities (`&amp;`, `&#20;`, `&#x1F;`) alone.
func htmlEscapeOnce(_ s: String) -> String {
    let pattern = try! NSRegularExpression(pattern: "&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);")
    let ns = s as NSString
    var out = ""
    var last = 0
    for m in pattern.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
        out += htmlEscape(ns.substring(with: NSRange(location: last, length: m.range.location - last)))
        out += ns.substring(with: m.range)
        last = m.range.location + m.range.length
    }
    out += htmlEscape(ns.substring(from: last))
    return out
}
