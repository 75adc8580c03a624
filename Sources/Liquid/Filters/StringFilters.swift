import Foundation

let stringFilters: [String: Filter] = [
    "append": Filter(args: 1...1) { v, a, _ in .string(v.text + a[0].text) },
    "prepend": Filter(args: 1...1) { v, a, _ in .string(a[0].text + v.text) },
    "capitalize": Filter { v, _, _ in
        let s = v.text
        guard let first = s.first else { return .string("") }
        return .string(first.uppercased() + s.dropFirst().lowercased())
    },
    "downcase": Filter { v, _, _ in .string(v.text.lowercased()) },
    "upcase": Filter { v, _, _ in .string(v.text.uppercased()) },
    "lstrip": Filter { v, _, _ in .string(String(v.text.drop { $0.isWhitespace })) },
    "rstrip": Filter { v, _, _ in .string(String(v.text.reversed().drop { $0.isWhitespace }.reversed())) },
    "strip": Filter { v, _, _ in .string(v.text.trimmingWhitespace) },
    "strip_newlines": Filter { v, _, _ in .string(v.text.replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "\n", with: "")) },
    "remove": Filter(args: 1...1) { v, a, _ in .string(v.text.replacingOccurrences(of: a[0].text, with: "")) },
    "remove_first": Filter(args: 1...1) { v, a, _ in .string(replaceFirst(v.text, a[0].text, "")) },
    "remove_last": Filter(args: 1...1) { v, a, _ in .string(replaceLast(v.text, a[0].text, "")) },
    "replace": Filter(
        args: 1...2,
        limited: { v, a, _, limits in
            let with = a.count > 1 ? a[1].text : ""
            let s = v.text, target = a[0].text
            try checkReplacement(s, target, with, limits)
            if target.isEmpty { return .string(with + s.map { String($0) + with }.joined()) }
            return .string(s.replacingOccurrences(of: target, with: with))
        }),
    "replace_first": Filter(args: 1...2) { v, a, _ in .string(replaceFirst(v.text, a[0].text, a.count > 1 ? a[1].text : "")) },
    "replace_last": Filter(args: 2...2) { v, a, _ in .string(replaceLast(v.text, a[0].text, a[1].text)) },
    "split": Filter(
        args: 1...1,
        limited: { v, a, _, limits in
            let s = v.text, separator = a[0].text
            try checkSplit(s, separator, limits)
            return .array(rubySplit(s, separator).map { .string($0) })
        }),
    "truncate": Filter(args: 0...2) { v, a, _ in
        if v.isNil { return .string("") }
        let length: Int
        if a.isEmpty {
            length = 50
        } else {
            guard let n = a[0].integerArgument else { throw filterError("expected an integer length, got \(a[0].typeName)") }
            length = n
        }
        let ellipsis = a.count > 1 ? a[1].text : "..."
        let chars = Array(v.text.unicodeScalars)
        guard chars.count > length else { return .string(v.text) }
        let ellipsisLength = ellipsis.unicodeScalars.count
        let keep = length > ellipsisLength ? length - ellipsisLength : 0
        return .string(String(String.UnicodeScalarView(chars.prefix(keep))) + ellipsis)
    },
    "truncatewords": Filter(args: 0...2) { v, a, _ in
        if v.isNil { return .string("") }
        var count = 15
        if !a.isEmpty {
            guard let n = a[0].integerArgument else { throw filterError("expected an integer word count, got \(a[0].typeName)") }
            count = n
        }
        count = max(count, 1)
        let ellipsis = a.count > 1 ? a[1].text : "..."
        let words = v.text.split(whereSeparator: { $0.isWhitespace })
        guard words.count > count else { return .string(v.text) }
        return .string(words.prefix(count).joined(separator: " ") + ellipsis)
    },
    "slice": Filter(args: 1...2) { v, a, _ in
        guard let start = a[0].strictInteger else { throw filterError("expected an integer start, got \(a[0].typeName)") }
        var length = 1
        if a.count > 1, !a[1].isNil {
            guard let l = a[1].strictInteger else { throw filterError("expected an integer length, got \(a[1].typeName)") }
            length = l
        }
        if let items = v.arrayItems {
            return .array(sliceRange(items.count, start, length).map { Array(items[$0]) } ?? [])
        }
        let chars = Array(v.text.unicodeScalars)
        return .string(sliceRange(chars.count, start, length).map { String(String.UnicodeScalarView(chars[$0])) } ?? "")
    },
    "size": Filter { v, _, _ in .int(v.size) },
    "default": Filter(args: 0...1) { v, a, kw in
        let fallback = a.first ?? .null
        if case .bool(false) = v, kw["allow_false"]?.isTruthy == true { return v }
        if !v.isTruthy || v.isEmptyValue { return fallback }
        if case .empty = v { return fallback }
        if case .blank = v { return fallback }
        return v
    },
]

extension Value {
    /// A length or count argument: ints, floats (truncated) and numeric strings.
    var integerArgument: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d): return clampedInt(d)
        case .string(let s): return Int(s.trimmingWhitespace) ?? Double(s.trimmingWhitespace).map { clampedInt($0) }
        default: return nil
        }
    }
}

/// Refuses a `replace` whose result would pass the output limit before building it: each match
/// (each character, for an empty target) grows the text by the replacement's excess length.
func checkReplacement(_ s: String, _ target: String, _ with: String, _ limits: Limits) throws {
    let growth = with.utf8.count - target.utf8.count
    guard growth > 0 else { return }
    let room = limits.outputBytes - s.utf8.count
    let most = room / growth  // matches that fit
    let matches = target.isEmpty ? s.utf8.count + 1 : occurrences(of: target, in: s, moreThan: most)
    if matches > most {
        throw LiquidError.stringLimit(
            "replacing \(target.isEmpty ? "between characters" : "'\(target.prefix(40))'") with \(with.utf8.count) bytes", limits)
    }
}

/// Refuses a `split` into more than `arrayItems` pieces before making them (counted only when
/// the string is long enough that it could).
func checkSplit(_ s: String, _ separator: String, _ limits: Limits) throws {
    let bytes = s.utf8.count
    let pieces: Int
    if separator.isEmpty {
        guard bytes > limits.arrayItems else { return }
        pieces = s.unicodeScalars.count
    } else if separator == " " {
        guard bytes / 2 + 1 > limits.arrayItems else { return }
        var words = 0, inWord = false
        for c in s { if c.isWhitespace { inWord = false } else if !inWord { inWord = true; words += 1 } }
        pieces = words
    } else {
        guard bytes / separator.utf8.count + 1 > limits.arrayItems else { return }
        pieces = occurrences(of: separator, in: s, moreThan: limits.arrayItems) + 1
    }
    if pieces > limits.arrayItems {
        throw LiquidError(
            .limit, "splitting into more than \(limits.arrayItems) pieces exceeds the limit of \(limits.arrayItems) items (limits.arrayItems)")
    }
}

/// Non-overlapping occurrences of `needle` (bytes) in `s`, counted up to one more than `limit`.
func occurrences(of needle: String, in s: String, moreThan limit: Int) -> Int {
    let n = Array(needle.utf8), h = Array(s.utf8)
    guard let first = n.first, n.count <= h.count else { return 0 }
    var count = 0, i = 0
    let last = h.count - n.count
    while i <= last && count <= limit {
        if h[i] == first && h[i..<(i + n.count)].elementsEqual(n) { count += 1; i += n.count } else { i += 1 }
    }
    return count
}

/// Ruby's `str[start, length]`: nil when start is out of range.
func sliceRange(_ count: Int, _ start: Int, _ length: Int) -> Range<Int>? {
    let s = start < 0 ? count + start : start
    guard s >= 0, s <= count, length >= 0 else { return nil }
    return s..<(length > count - s ? count : s + length)
}

func replaceFirst(_ s: String, _ target: String, _ with: String) -> String {
    if target.isEmpty { return with + s }
    guard let r = s.range(of: target) else { return s }
    return s.replacingCharacters(in: r, with: with)
}

func replaceLast(_ s: String, _ target: String, _ with: String) -> String {
    if target.isEmpty { return s + with }
    guard let r = s.range(of: target, options: .backwards) else { return s }
    return s.replacingCharacters(in: r, with: with)
}

/// Ruby's String#split: " " splits on whitespace runs; "" splits characters; trailing empties dropped.
func rubySplit(_ s: String, _ sep: String) -> [String] {
    var parts: [String]
    if sep == " " {
        parts = s.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    } else if sep.isEmpty {
        parts = s.unicodeScalars.map { String($0) }
    } else {
        parts = s.components(separatedBy: sep)
    }
    while let last = parts.last, last.isEmpty { parts.removeLast() }
    return parts
}
