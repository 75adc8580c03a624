import Foundation

#if canImport(_FoundationICU)
import _FoundationICU
#endif

/// One match: the whole range and each group's (location `NSNotFound` when it took no part).
struct RegexMatch {
    let ranges: [NSRange]
    var range: NSRange { ranges[0] }
    var numberOfRanges: Int { ranges.count }
    func range(at i: Int) -> NSRange { ranges[i] }
}

/// How long one regex match may run. Rule patterns come from brand and template authors, and
/// a backtracking pattern such as `(a+)+$` can take longer than the age of the universe on a
/// line of 40 characters; past the limit, the match fails with `RegexLimitExceeded` instead
/// (the linter reports it as an alert of the rule, see `FileRun`).
///
/// The unit is ICU's (`uregex_setTimeLimit`): steps of its match engine, each about 10,000
/// match operations (about 2 ms on the reference machine: the default, 250, is about 0.5 s).
/// The limit is per match (it restarts after each match found), so long texts with many
/// matches are not affected. `VoiceConfig.regexTimeLimit` sets it for a linter.
public enum RegexTimeLimit {
    public static let defaultSteps = 250
    /// The limit in force for matches on this task or thread (`FileRun` sets it per lint).
    @TaskLocal static var steps = defaultSteps
}

/// A rule's regex ran past `RegexTimeLimit` (or ICU's backtracking memory limit).
struct RegexLimitExceeded: Error {
    let pattern: String
    let steps: Int
    /// True when the backtracking stack (memory) ran out rather than the time.
    let stackOverflow: Bool
    /// Set when an unbounded lookbehind could not be bounded for a text this long (nested
    /// unbounded quantifiers give a length ICU cannot represent): the text's length.
    var lookbehindLength: Int? = nil
}

#if canImport(_FoundationICU)
/// A compiled ICU regular expression used through ICU's C API on UTF-16 buffers: the same
/// engine as NSRegularExpression without a bridge and result objects per call.
final class ICURegex: @unchecked Sendable {
    private let re: OpaquePointer
    private let lock = NSLock()
    private let pattern: String
    let groupCount: Int

    init?(_ pattern: String) {
        var status = U_ZERO_ERROR
        var perr = UParseError()
        let units = Array(pattern.utf16)
        guard let r = units.withUnsafeBufferPointer({ swift_uregex_open($0.baseAddress, Int32($0.count), 0, &perr, &status) }),
            status.rawValue <= U_ZERO_ERROR.rawValue
        else { return nil }
        re = r
        self.pattern = pattern
        groupCount = Int(swift_uregex_groupCount(r, &status))
    }

    deinit { swift_uregex_close(re) }

    /// Whole-match ranges only (no group bookkeeping), for rules that do not read groups.
    func ranges(_ units: [UInt16]) throws -> [NSRange] {
        var out: [NSRange] = []
        try eachMatch(units) { re, status in
            let s = Int(swift_uregex_start(re, 0, &status)), e = Int(swift_uregex_end(re, 0, &status))
            out.append(NSRange(location: s, length: e - s))
            return true
        }
        return out
    }

    func matches(_ units: [UInt16], first: Bool = false) throws -> [RegexMatch] {
        var out: [RegexMatch] = []
        let groups = groupCount
        try eachMatch(units) { re, status in
            var ranges: [NSRange] = []
            ranges.reserveCapacity(groups + 1)
            for g in 0...groups {
                let s = Int(swift_uregex_start(re, Int32(g), &status))
                let e = Int(swift_uregex_end(re, Int32(g), &status))
                ranges.append(s < 0 ? NSRange(location: NSNotFound, length: 0) : NSRange(location: s, length: e - s))
            }
            out.append(RegexMatch(ranges: ranges))
            return !first
        }
        return out
    }

    /// Calls `body` for each match, in order, until it returns false. Each search starts with a
    /// fresh time budget (`uregex_find` from the previous end; `findNext` would share one budget
    /// across the whole text); after an empty match the next search starts one code point on,
    /// as `findNext` does.
    private func eachMatch(_ units: [UInt16], _ body: (OpaquePointer, inout UErrorCode) -> Bool) throws {
        lock.lock(); defer { lock.unlock() }
        var failure: UErrorCode?
        units.withUnsafeBufferPointer { buf in
            var status = U_ZERO_ERROR
            // ICU wants a non-null pointer even for an empty text.
            var empty: UInt16 = 0
            if let base = buf.baseAddress {
                swift_uregex_setText(re, base, Int32(buf.count), &status)
            } else {
                swift_uregex_setText(re, &empty, 0, &status)
            }
            swift_uregex_setTimeLimit(re, Int32(clamping: RegexTimeLimit.steps), &status)
            guard status.rawValue <= U_ZERO_ERROR.rawValue else { return }
            var start = 0
            while start <= buf.count {
                let found = swift_uregex_find(re, Int32(start), &status) != 0
                guard status.rawValue <= U_ZERO_ERROR.rawValue else { failure = status; break }
                guard found else { break }
                let s = Int(swift_uregex_start(re, 0, &status)), e = Int(swift_uregex_end(re, 0, &status))
                guard body(re, &status) else { break }
                if e > s {
                    start = e
                } else {
                    start = e + (e + 1 < buf.count && UTF16.isLeadSurrogate(buf[e]) && UTF16.isTrailSurrogate(buf[e + 1]) ? 2 : 1)
                }
            }
            // Do not keep a pointer to the caller's buffer.
            swift_uregex_setText(re, &empty, 0, &status)
        }
        if let failure, failure == U_REGEX_TIME_OUT || failure == U_REGEX_STACK_OVERFLOW {
            throw RegexLimitExceeded(pattern: pattern, steps: RegexTimeLimit.steps, stackOverflow: failure == U_REGEX_STACK_OVERFLOW)
        }
    }
}
#else
/// Where the toolchain's ICU module is not available (Apple platforms), the same interface over
/// NSRegularExpression, which is ICU there too.
final class ICURegex: @unchecked Sendable {
    private let re: NSRegularExpression
    let groupCount: Int

    init?(_ pattern: String) {
        guard let r = try? NSRegularExpression(pattern: pattern) else { return nil }
        re = r
        groupCount = r.numberOfCaptureGroups
    }

    func matches(_ units: [UInt16], first: Bool = false) throws -> [RegexMatch] {
        let s = String(decoding: units, as: UTF16.self)
        let range = NSRange(location: 0, length: units.count)
        let found = first ? (re.firstMatch(in: s, range: range).map { [$0] } ?? []) : re.matches(in: s, range: range)
        return found.map { m in RegexMatch(ranges: (0..<m.numberOfRanges).map { m.range(at: $0) }) }
    }

    func ranges(_ units: [UInt16]) throws -> [NSRange] { try matches(units).map(\.range) }
}
#endif

/// A compiled rule regex. Vale's patterns are RE2/.NET syntax; `translate` rewrites what ICU
/// (NSRegularExpression) reads differently, so a rule means the same thing here as in Vale.
struct Pattern: Sendable {
    let source: String
    /// For replacement templates and the group count (a lookbehind bounded at 64 when unbounded).
    let regex: NSRegularExpression
    /// The compiled pattern, or nil when it has an unbounded lookbehind (`sized` then).
    private let fixed: ICURegex?
    private let sized: SizedRegex?

    init(_ pattern: String) throws {
        source = pattern
        let translated = Pattern.translate(pattern)
        if let i = ICURegex(translated), let r = try? NSRegularExpression(pattern: translated, options: []) {
            fixed = i; sized = nil; regex = r
        } else if let s = SizedRegex(translated: translated), let small = Lookbehind.bounded(translated, limit: 64),
            let r = try? NSRegularExpression(pattern: small, options: [])
        {
            fixed = nil; sized = s; regex = r
        } else {
            throw PatternError(pattern: pattern)
        }
    }

    struct PatternError: Error { let pattern: String }

    /// The engine for a text of `length` UTF-16 units.
    func icu(_ length: Int) throws -> ICURegex {
        if let fixed { return fixed }
        return try sized!.regex(forLength: length)
    }

    /// All non-overlapping matches in `text` (UTF-16 ranges). Every matching function throws
    /// `RegexLimitExceeded` when one match runs past `RegexTimeLimit`.
    func matches(in text: NSString) throws -> [RegexMatch] {
        let u = Array((text as String).utf16)
        return try icu(u.count).matches(u)
    }

    /// Matches in a block, on its UTF-16 units.
    func matches(in block: TextBlock) throws -> [RegexMatch] {
        try icu(block.units.count).matches(block.units)
    }

    /// Matches in UTF-16 units.
    func matches(units: [UInt16]) throws -> [RegexMatch] {
        try icu(units.count).matches(units)
    }

    /// Whole-match ranges in a block.
    func ranges(in block: TextBlock) throws -> [NSRange] { try icu(block.units.count).ranges(block.units) }

    func firstMatch(in block: TextBlock) throws -> RegexMatch? {
        try icu(block.units.count).matches(block.units, first: true).first
    }

    func firstMatch(in text: NSString) throws -> RegexMatch? {
        let u = Array((text as String).utf16)
        return try icu(u.count).matches(u, first: true).first
    }

    /// The text of every match.
    func substrings(of text: String) throws -> [String] {
        let u = Array(text.utf16)
        return try icu(u.count).matches(u).map { String(decoding: u[$0.range.location..<NSMaxRange($0.range)], as: UTF16.self) }
    }

    func searches(_ text: String) throws -> Bool {
        let u = Array(text.utf16)
        return try !icu(u.count).matches(u, first: true).isEmpty
    }

    /// `NSRegularExpression.stringByReplacingMatches(in:range:withTemplate:)` with the matching
    /// done under the time limit; the template (`$1`, `\$`) is expanded by Foundation itself.
    func replacingMatches(in text: String, withTemplate template: String) throws -> String {
        let units = Array(text.utf16)
        let found = try icu(units.count).matches(units)
        guard !found.isEmpty else { return text }
        var out = ""
        var last = 0
        for m in found {
            out += String(decoding: units[last..<m.range.location], as: UTF16.self)
            var ranges = m.ranges
            let result = ranges.withUnsafeMutableBufferPointer {
                NSTextCheckingResult.regularExpressionCheckingResult(ranges: $0.baseAddress!, count: $0.count, regularExpression: regex)
            }
            out += regex.replacementString(for: result, in: text, offset: 0, template: template)
            last = NSMaxRange(m.range)
        }
        return out + String(decoding: units[last...], as: UTF16.self)
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
                if n == "k", !inClass, i + 2 < c.count, c[i + 2] == "'", let close = c[(i + 3)...].firstIndex(of: "'") {
                    emit("\\k<"); out.append(contentsOf: c[(i + 3)..<close]); emit(">"); i = close + 1; continue
                }
                out.append(ch); out.append(n); i += 2; classStart = false; continue
            }
            if inClass {
                if ch == "]" && !classStart { inClass = false; out.append(ch); i += 1; continue }
                if ch == "]" && classStart { emit("\\]"); i += 1; classStart = false; continue }
                if ch == "[" {
                    if i + 1 < c.count, c[i + 1] == ":", let end = findPosixEnd(c, i) {
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
            // .NET's quoted group name and back reference: `(?'n'…)`, `\k'n'`.
            if ch == "(", i + 2 < c.count, c[i + 1] == "?", c[i + 2] == "'",
                let close = c[(i + 3)...].firstIndex(of: "'")
            {
                emit("(?<"); out.append(contentsOf: c[(i + 3)..<close]); emit(">"); i = close + 1; continue
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
