import Foundation

/// One content file as the rules see it: the raw text, the same text with Liquid masked (every
/// `{{ … }}` / `{% … %}` turned into spaces, newlines kept, so offsets and positions stay the
/// file's own), where the body starts after the front matter, and offset → line:col.
/// Offsets are UTF-16 (what `NSRegularExpression` reports).
struct LintSource: Sendable {
    let path: String
    let text: String
    let masked: String
    /// UTF-16 offset of the first body character (0 without front matter).
    let bodyStart: Int
    /// UTF-16 range of the YAML between the fences (empty without front matter).
    let frontMatter: NSRange
    private let lineStarts: [Int]

    init(path: String, text: String) {
        self.path = path
        self.text = text
        let units = Array(text.utf16)
        var starts = [0]
        for (i, u) in units.enumerated() where u == 0x0A { starts.append(i + 1) }
        lineStarts = starts
        masked = String(decoding: Self.maskLiquid(units), as: UTF16.self)
        (frontMatter, bodyStart) = Self.fences(units, lineStarts: starts)
    }

    /// 1-based line and column (in Unicode scalars) of a UTF-16 offset.
    func position(_ offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        let prefix = (text as NSString).substring(with: NSRange(location: start, length: max(0, offset - start)))
        return (lo + 1, prefix.unicodeScalars.count + 1)
    }

    /// The UTF-16 offset of a 1-based line and a UTF-8 byte count into that line; nil past the end.
    func offset(line: Int, utf8Column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] : (text as NSString).length
        let lineText = (text as NSString).substring(with: NSRange(location: start, length: end - start))
        guard utf8Column <= lineText.utf8.count else { return nil }
        return start + String(decoding: lineText.utf8.prefix(utf8Column), as: UTF8.self).utf16.count
    }

    /// The UTF-16 offset of a 1-based line and column (in Unicode scalars); nil past the line's end.
    func offset(line: Int, column: Int) -> Int? {
        guard let start = offset(line: line, utf8Column: 0) else { return nil }
        let rest = (text as NSString).substring(from: start).unicodeScalars
        guard column >= 1, column - 1 <= rest.count else { return nil }
        return start + String(String.UnicodeScalarView(rest.prefix(column - 1))).utf16.count
    }

    /// 1-based line where the body starts.
    var bodyLine: Int { position(bodyStart).line }

    func substring(_ r: NSRange, masked useMasked: Bool = true) -> String {
        ((useMasked ? masked : text) as NSString).substring(with: r)
    }

    static func maskLiquid(_ units: [UInt16]) -> [UInt16] {
        var out = units
        var i = 0
        let n = units.count
        while i + 1 < n {
            if units[i] == 0x7B, units[i + 1] == 0x7B || units[i + 1] == 0x25 {  // {{ or {%
                let close: UInt16 = units[i + 1] == 0x7B ? 0x7D : 0x25
                var j = i + 2
                while j + 1 < n, !(units[j] == close && units[j + 1] == 0x7D) { j += 1 }
                let end = min(n, j + 2)
                for k in i..<end where out[k] != 0x0A { out[k] = 0x20 }
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    static func fences(_ units: [UInt16], lineStarts: [Int]) -> (NSRange, Int) {
        func line(_ i: Int) -> String {
            let s = lineStarts[i]
            let e = i + 1 < lineStarts.count ? lineStarts[i + 1] - 1 : units.count
            return String(decoding: units[s..<max(s, e)], as: UTF16.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard !lineStarts.isEmpty, line(0).replacingOccurrences(of: "\u{FEFF}", with: "") == "---" else {
            return (NSRange(location: 0, length: 0), 0)
        }
        for i in 1..<lineStarts.count where line(i) == "---" {
            let yamlStart = lineStarts.count > 1 ? lineStarts[1] : units.count
            let body = i + 1 < lineStarts.count ? lineStarts[i + 1] : units.count
            return (NSRange(location: yamlStart, length: lineStarts[i] - yamlStart), body)
        }
        return (NSRange(location: 0, length: 0), 0)
    }
}

/// A regex compiled once; `matches` over a string's UTF-16 range.
struct CompiledRegex: Sendable {
    let regex: NSRegularExpression
    init(_ pattern: String, caseInsensitive: Bool = false) {
        // Patterns here are ours or validated by BrandContext; a bad one matches nothing.
        regex =
            (try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : []))
            ?? (try! NSRegularExpression(pattern: "(?!)"))
    }
    init?(checked pattern: String, caseInsensitive: Bool = false) {
        guard let r = try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : []) else { return nil }
        regex = r
    }
    func matches(_ s: String, in range: NSRange? = nil) -> [NSTextCheckingResult] {
        regex.matches(in: s, range: range ?? NSRange(location: 0, length: (s as NSString).length))
    }
}
