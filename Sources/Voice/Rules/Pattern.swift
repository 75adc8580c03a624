import Foundation

/// A compiled rule regex. Vale's patterns are RE2/.NET syntax; `translate` rewrites what ICU
/// (NSRegularExpression) reads differently, so a rule means the same thing here as in Vale.
struct Pattern: @unchecked Sendable {
    let source: String
    let regex: NSRegularExpression

    init(_ pattern: String) throws {
        source = pattern
        do {
            regex = try NSRegularExpression(pattern: Pattern.translate(pattern), options: [])
        } catch {
            throw PatternError(pattern: pattern)
        }
    }

    struct PatternError: Error { let pattern: String }

    /// All non-overlapping matches in `text` (UTF-16 ranges).
    func matches(in text: NSString) -> [NSTextCheckingResult] {
        regex.matches(in: text as String, options: [], range: NSRange(location: 0, length: text.length))
    }

    func firstMatch(in text: NSString) -> NSTextCheckingResult? {
        regex.firstMatch(in: text as String, options: [], range: NSRange(location: 0, length: text.length))
    }

    func searches(_ text: String) -> Bool {
        let ns = text as NSString
        return regex.firstMatch(in: text, options: [], range: NSRange(location: 0, length: ns.length)) != nil
    }

    /// RE2 → ICU: `(?P<n>` → `(?<n>`; inside a character class, a literal `[` must be escaped
    /// (ICU reads it as a nested set) and so must `&`/`~` pairs (ICU set operators); a `]`
    /// right after `[` or `[^` is literal in RE2; `\pL` → `\p{L}`; `(?U)` has no ICU form.
    static func translate(_ p: String) -> String {
        let c = Array(p.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var inClass = false
        var classStart = false
        func emit(_ s: String) { out.append(contentsOf: s.unicodeScalars) }
        while i < c.count {
            let ch = c[i]
            if ch == "\\", i + 1 < c.count {
                let n = c[i + 1]
                if (n == "p" || n == "P"), i + 2 < c.count, c[i + 2] == "{" {
                    var j = i + 2
                    while j < c.count, c[j] != "}" { j += 1 }
                    for k in i...min(j, c.count - 1) { out.append(c[k]) }
                    i = j + 1; classStart = false; continue
                }
                if (n == "p" || n == "P"), i + 2 < c.count, c[i + 2] != "{" {
                    emit("\\\(n){\(c[i + 2])}"); i += 3; classStart = false; continue
                }
                if n == "z" { emit("(?!(?s:.))"); i += 2; classStart = false; continue }
                out.append(ch); out.append(n); i += 2; classStart = false; continue
            }
            if inClass {
                if ch == "]" && !classStart { inClass = false; out.append(ch); i += 1; continue }
                if ch == "]" && classStart { emit("\\]"); i += 1; classStart = false; continue }
                if ch == "[" {
                    if i + 1 < c.count, c[i + 1] == ":" , let end = findPosixEnd(c, i) {
                        for k in i...end { out.append(c[k]) }
                        i = end + 1; classStart = false; continue
                    }
                    emit("\\["); i += 1; classStart = false; continue
                }
                if ch == "&" {
                    out.append("\\"); out.append(ch); i += 1; classStart = false; continue
                }
                if ch == "^" && classStart { out.append(ch); i += 1; continue }
                out.append(ch); i += 1; classStart = false; continue
            }
            if ch == "[" {
                inClass = true; classStart = true; out.append(ch); i += 1
                if i < c.count, c[i] == "^" { out.append("^"); i += 1 }
                continue
            }
            if ch == "{" {
                // RE2 reads a brace that does not open `{n}`, `{n,}` or `{n,m}` literally; ICU rejects it.
                var j = i + 1
                var digits = 0, comma = false
                while j < c.count, (c[j].properties.numericType != nil && c[j].isASCII) || (c[j] == "," && !comma) {
                    if c[j] == "," { comma = true } else if !comma { digits += 1 }
                    j += 1
                }
                if digits > 0, j < c.count, c[j] == "}" {
                    for k in i...j { out.append(c[k]) }
                    i = j + 1; continue
                }
                emit("\\{"); i += 1; continue
            }
            if ch == "}" { emit("\\}"); i += 1; continue }
            if ch == "(", i + 2 < c.count, c[i + 1] == "?", c[i + 2] == "P", i + 3 < c.count, c[i + 3] == "<" {
                emit("(?<"); i += 4; continue
            }
            if ch == "(", i + 3 < c.count, c[i + 1] == "?", c[i + 2] == "U", c[i + 3] == ")" {
                i += 4; continue
            }
            out.append(ch); i += 1
        }
        return String(out)
    }

    private static func findPosixEnd(_ c: [Unicode.Scalar], _ start: Int) -> Int? {
        var j = start + 2
        while j + 1 < c.count {
            if c[j] == ":" && c[j + 1] == "]" { return j + 1 }
            if !(c[j].properties.isAlphabetic || c[j] == "^") { return nil }
            j += 1
        }
        return nil
    }
}

/// Rule patterns are compiled once per run and shared between rules that use the same text.
final class PatternCache: @unchecked Sendable {
    private var cache: [String: Pattern] = [:]
    private let lock = NSLock()
    static let shared = PatternCache()

    func pattern(_ p: String) throws -> Pattern {
        lock.lock(); defer { lock.unlock() }
        if let hit = cache[p] { return hit }
        let compiled = try Pattern(p)
        cache[p] = compiled
        return compiled
    }
}
