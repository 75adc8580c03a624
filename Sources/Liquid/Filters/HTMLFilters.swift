import Foundation

let htmlFilters: [String: Filter] = [
    "escape": Filter { v, _, _ in v.isNil ? .null : .string(htmlEscape(v.text)) },
    "h": Filter { v, _, _ in v.isNil ? .null : .string(htmlEscape(v.text)) },
    "escape_once": Filter { v, _, _ in v.isNil ? .null : .string(htmlEscapeOnce(v.text)) },
    "strip_html": Filter { v, _, _ in
        var s = v.text
        for pattern in ["(?s)<script.*?</script>", "(?s)<!--.*?-->", "(?s)<style.*?</style>", "(?s)<.*?>"] {
            s = s.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        return .string(s)
    },
    "newline_to_br": Filter { v, _, _ in
        .string(v.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "<br />\n"))
    },
    // Marks a value as HTML under autoescape: the output is written as is.
    "raw": Filter { v, _, _ in v },
    "safe": Filter { v, _, _ in v },
]

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
