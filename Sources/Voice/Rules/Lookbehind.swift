import Foundation

/// Lookbehind of any length, as Vale's engine (regexp2, .NET semantics) accepts it.
///
/// ICU compiles a lookbehind only when its length has an upper bound, so `(?<=\bsee\s+)also`
/// or `(?<!\w+\.)com` do not compile as they are. A lookbehind never looks back past the start
/// of the text it runs on, so giving every unbounded quantifier inside it (`*`, `+`, `{n,}`) an
/// upper bound at least as long as that text changes nothing: each repetition that matters
/// consumes a character, and an empty one adds nothing. `Pattern` compiles such a pattern per
/// size class of text (the next power of two), so the rewrite is exact for every block, and
/// its cost (ICU tries each start the lookbehind allows) stays under the regex time limit.
enum Lookbehind {
    /// The pattern with every unbounded quantifier inside a lookbehind bounded by `limit`, or nil
    /// when it has none (the pattern then compiles as it is).
    static func bounded(_ pattern: String, limit: Int) -> String? {
        let c = Array(pattern.unicodeScalars)
        var out = String.UnicodeScalarView()
        var changed = false
        // For each open group, whether it is a lookbehind; `depth` counts open lookbehinds.
        var groups: [Bool] = []
        var depth = 0
        var inClass = false, classStart = false
        var i = 0
        func emit(_ s: String) { out.append(contentsOf: s.unicodeScalars) }
        while i < c.count {
            let ch = c[i]
            if ch == "\\", i + 1 < c.count {
                out.append(ch); out.append(c[i + 1]); i += 2; classStart = false
                continue
            }
            if inClass {
                if ch == "]" && !classStart { inClass = false }
                if !(ch == "^" && classStart) { classStart = false }
                out.append(ch); i += 1
                continue
            }
            switch ch {
            case "[":
                inClass = true; classStart = true; out.append(ch); i += 1
            case "(":
                let behind = i + 3 < c.count && c[i + 1] == "?" && c[i + 2] == "<" && (c[i + 3] == "=" || c[i + 3] == "!")
                groups.append(behind)
                if behind { depth += 1 }
                out.append(ch); i += 1
            case ")":
                if let behind = groups.popLast(), behind { depth -= 1 }
                out.append(ch); i += 1
            case "*" where depth > 0, "+" where depth > 0:
                emit(ch == "*" ? "{0,\(limit)}" : "{1,\(limit)}"); changed = true; i += 1
                // A `?` (lazy) or `+` (possessive) after the quantifier modifies it.
                if i < c.count, c[i] == "?" || c[i] == "+" { out.append(c[i]); i += 1 }
            case "{" where depth > 0:
                if let (min, end) = openRange(c, i) {
                    emit("{\(min),\(limit)}"); changed = true; i = end + 1
                } else {
                    out.append(ch); i += 1
                }
            default:
                out.append(ch); i += 1
            }
        }
        return changed ? String(out) : nil
    }

    /// `{n,}` starting at `start`: its minimum and the index of its `}`.
    private static func openRange(_ c: [Unicode.Scalar], _ start: Int) -> (Int, Int)? {
        var j = start + 1
        var n = 0, digits = 0
        while j < c.count, let d = c[j].properties.numericType, d == .decimal, c[j].isASCII {
            n = n * 10 + Int(c[j].value - 48); digits += 1; j += 1
        }
        guard digits > 0, j + 1 < c.count, c[j] == ",", c[j + 1] == "}" else { return nil }
        return (n, j + 1)
    }

    /// The size class of a text of `length` UTF-16 units: the bound its compiled form uses.
    static func sizeClass(_ length: Int) -> Int {
        var l = 64
        while l < length { l <<= 1 }
        return l
    }
}

/// A pattern with an unbounded lookbehind, compiled once per size class of text it meets.
final class SizedRegex: @unchecked Sendable {
    private let translated: String
    private var compiled: [Int: ICURegex] = [:]
    private let lock = NSLock()

    /// Nil when the pattern does not compile even with its lookbehinds bounded.
    init?(translated: String) {
        self.translated = translated
        guard let small = Lookbehind.bounded(translated, limit: 64), let r = ICURegex(small) else { return nil }
        compiled[64] = r
    }

    /// The regex for a text of `length` units.
    func regex(forLength length: Int) throws -> ICURegex {
        let size = Lookbehind.sizeClass(length)
        lock.lock(); defer { lock.unlock() }
        if let hit = compiled[size] { return hit }
        guard let source = Lookbehind.bounded(translated, limit: size), let r = ICURegex(source) else {
            // Nested unbounded quantifiers can give a maximum length ICU cannot represent.
            throw RegexLimitExceeded(pattern: translated, steps: RegexTimeLimit.steps, stackOverflow: false, lookbehindLength: length)
        }
        compiled[size] = r
        return r
    }
}

/// Whether Voice can run a rule regex (for checks made before a linter is built).
public enum VoiceRegex {
    public static func compiles(_ pattern: String) -> Bool { (try? Pattern(pattern)) != nil }
}
