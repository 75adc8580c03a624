import Foundation

/// `extends: capitalization` — the whole block must be in title, sentence, lower or upper case
/// (or match a pattern).
final class CapitalizationRule: ValeRule {
    enum Mode { case title(chicago: Bool), sentence, lower, upper, pattern(Pattern) }
    let def: RuleDefinition
    let mode: Mode
    let threshold: Double
    let indicators: [String]
    let exceptions: Exceptions
    let exceptionTerms: [String]
    let prefix: Pattern?
    let tokenRE: Pattern
    let sentenceTokenRE: Pattern
    /// Lower-cased exception/vocabulary term → the term as written (first one wins).
    let lowerTerms: [String: String]

    static let smallWords: Set<String> = [
        "a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of", "on", "or", "per", "the", "to", "vs", "vs.", "via", "v",
        "v.",
    ]
    static let prepositions: Set<String> = [
        "with", "from", "into", "during", "including", "until", "against", "among", "throughout", "despite", "towards", "upon", "concerning", "about",
        "over", "through", "before", "between", "after", "since", "without", "under", "within", "along", "following", "across", "beyond", "around",
        "down", "near", "above",
    ]

    init(_ src: RuleSource, _ ctx: RuleContext) throws {
        try src.checkKeys(for: "capitalization")
        def = try RuleDefinition(src)
        let vocab = try src.bool("vocab", default: true)
        let ex = try src.list("exceptions")
        exceptions = try Exceptions(ex, vocab: ctx.accepted, useVocab: vocab)
        exceptionTerms = ex + (vocab ? ctx.accepted : [])
        let t = try src.double("threshold", default: 0)
        threshold = t == 0 ? 0.8 : t
        indicators = try src.list("indicators")
        if let p = src.string("prefix"), !p.isEmpty {
            do { prefix = try PatternCache.shared.pattern(p) } catch { throw src.error("prefix", "invalid regular expression in \(src.name): \(p)") }
        } else {
            prefix = nil
        }
        let m = src.string("match") ?? ""
        switch m {
        case "$title": mode = .title(chicago: src.string("style") == "Chicago")
        case "$sentence": mode = .sentence
        case "$lower": mode = .lower
        case "$upper": mode = .upper
        default:
            do { mode = .pattern(try PatternCache.shared.pattern(m)) } catch {
                throw src.error("match", "invalid regular expression in \(src.name): \(m)")
            }
        }
        var tok = "[\\p{N}\\p{L}*]+[^\\s]*"
        if let body = exceptions.regex?.source { tok = body + "|" + tok }
        tokenRE = try PatternCache.shared.pattern(tok)
        let plain = "[\\p{N}\\p{L}*]+[^\\s]*"
        var lt: [String: String] = [:]
        for t in exceptionTerms where lt[t.lowercased()] == nil { lt[t.lowercased()] = t }
        lowerTerms = lt
        sentenceTokenRE =
            (try? PatternCache.shared.pattern(
                exceptionTerms.isEmpty ? plain : "(?i)\\b(?:\(exceptionTerms.sorted { $0.count > $1.count }.joined(separator: "|")))\\b|" + plain))
            ?? tokenRE
    }

    func run(_ block: TextBlock, _ state: FileState) throws -> [RuleMatch] {
        let s = block.text
        let (expected, ok) = try check(s)
        guard !ok else { return [] }
        var action = def.action
        if let a = action, a.name == "replace", a.params.isEmpty {
            switch mode {
            case .title, .sentence: action = AlertAction(name: "replace", params: [expected]);
            default: break
            }
        }
        let r = NSRange(location: 0, length: block.length)
        return [finding(r, match: s, args: [.string(s), .string(expected)], action: action)]
    }

    private func stripPrefix(_ s: String) throws -> String {
        guard let prefix, let m = try prefix.firstMatch(in: s as NSString), m.range.location == 0 else { return s }
        return (s as NSString).substring(from: NSMaxRange(m.range))
    }

    func check(_ s: String) throws -> (String, Bool) {
        switch mode {
        case .lower: return (s.lowercased(), try s == s.lowercased() || exceptions.excludes(s))
        case .upper: return (s.uppercased(), try s == s.uppercased() || exceptions.excludes(s))
        case .pattern(let p): return (p.source, try p.searches(s) || exceptions.excludes(s))
        case .title(let chicago):
            let body = try stripPrefix(s)
            let expected = try title(body, chicago: chicago)
            return (expected, try ratio(body, expected, sentence: false))
        case .sentence:
            let body = try stripPrefix(s)
            let expected = try sentence(body)
            return (expected, try ratio(body, expected, sentence: true))
        }
    }

    private func tokens(_ s: String) throws -> [String] {
        exceptions.regex == nil ? CapitalizationRule.words(s) : try tokenRE.substrings(of: s)
    }

    static func isLetterOrNumber(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default: return false
        }
    }

    /// `[\p{N}\p{L}*]+[^\s]*` without a regex: in each space-separated chunk, the part from its
    /// first letter, digit or `*` on.
    static func words(_ s: String) -> [String] {
        var out: [String] = []
        var cur = String.UnicodeScalarView()
        var started = false
        func end() { if started { out.append(String(cur)) }; cur = String.UnicodeScalarView(); started = false }
        for c in s.unicodeScalars {
            if c.properties.isWhitespace { end(); continue }
            if !started {
                guard isLetterOrNumber(c) || c == "*" else { continue }
                started = true
            }
            cur.append(c)
        }
        end()
        return out
    }

    private func ratio(_ s: String, _ expected: String, sentence: Bool) throws -> Bool {
        let words = try tokens(s), want = try tokens(expected)
        guard !words.isEmpty else { return true }
        var ok = 0
        for (i, w) in words.enumerated() {
            let good = try i >= want.count || w == want[i] || exceptions.excludes(w) || (w == w.uppercased() && w != w.lowercased())
            if try sentence && i == 0 && i < want.count && w != want[i] && !isTitled(w) && !exceptions.excludes(w) { return false }
            if good { ok += 1 }
        }
        return Double(ok) / Double(words.count) >= threshold
    }

    /// Vale's `w == strings.Title(strings.ToLower(w))`: every letter that starts a word (after a
    /// space or ASCII punctuation) is a capital and every other letter is lower case. An acronym
    /// (`API`) is not title-cased, so a sentence-case heading that opens with one fails unless
    /// it is an exception or in the vocabulary.
    private func isTitled(_ w: String) -> Bool {
        w == CapitalizationRule.goTitle(w.lowercased())
    }

    /// Go's `strings.Title`: a letter after a separator is upper-cased.
    static func goTitle(_ s: String) -> String {
        var out = ""
        var prevSeparator = true
        for ch in s {
            out += prevSeparator ? ch.uppercased() : String(ch)
            prevSeparator = isGoSeparator(ch)
        }
        return out
    }

    private static func isGoSeparator(_ ch: Character) -> Bool {
        guard let u = ch.unicodeScalars.first, ch.unicodeScalars.count == 1 else { return false }
        if u.isASCII {
            let v = u.value
            let alnum = (48...57).contains(v) || (65...90).contains(v) || (97...122).contains(v) || v == 95
            return !alnum
        }
        if u.properties.isAlphabetic || u.properties.numericType != nil { return false }
        return u.properties.isWhitespace
    }

    /// Keeps the casing of exception and vocabulary terms found in `original`.
    private func keepTerms(_ converted: String, _ original: String) throws -> String {
        guard let re = exceptions.regex else { return converted }
        var out = Array(converted.utf16)
        let src = Array(original.utf16)
        guard out.count == src.count else { return converted }
        for m in try re.matches(in: original as NSString) {
            for k in m.range.location..<NSMaxRange(m.range) { out[k] = src[k] }
        }
        return String(decoding: out, as: UTF16.self)
    }

    func title(_ s: String, chicago: Bool) throws -> String {
        let t = s.replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
            .replacingOccurrences(of: "\u{2018}", with: "'").replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: "\u{2013}", with: "-").replacingOccurrences(of: "\u{2014}", with: "-")
        let ns = t as NSString
        guard let split = try? PatternCache.shared.pattern("[\\p{N}\\p{L}]+[^\\s\\-/]*") else { return s }
        let ms = try split.matches(in: ns)
        var out = ""
        var last = 0
        let chars = Array(t.utf16)
        func at(_ i: Int) -> UInt16 { i >= 0 && i < chars.count ? chars[i] : (chars.first ?? 0) }
        for (wi, m) in ms.enumerated() {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            let word = ns.sub(m.range)
            let lower = word.lowercased()
            let pos = m.range.location, end = NSMaxRange(m.range)
            let bounding = wi == 0 || wi == ms.count - 1 || pos == 0 || end == chars.count
            let small = CapitalizationRule.smallWords.contains(lower) || (chicago && CapitalizationRule.prepositions.contains(lower))
            let prev = at(pos - 1)
            if !bounding && small && (prev == 32 || prev == 45 || prev == 47) && at(pos - 2) != 58 && at(pos - 2) != 45
                && (at(end) != 45 || prev == 45)
            {
                out += lower
            } else {
                out += String(word.prefix(1)).uppercased() + word.dropFirst()
            }
            last = end
        }
        out += ns.substring(from: last)
        return try keepTerms(out, t)
    }

    func sentence(_ s: String) throws -> String {
        let lowered = s.lowercased()
        var made: [String] = []
        let toks = lowerTerms.isEmpty ? CapitalizationRule.words(lowered) : try sentenceTokenRE.substrings(of: lowered)
        for (i, token) in toks.enumerated() {
            if let entry = lowerTerms[token] {
                made.append(entry)
            } else if i == 0 || isIndicator(toks[i - 1], i - 1) {
                made.append(String(token.prefix(1)).uppercased() + token.dropFirst().lowercased())
            } else {
                made.append(token)
            }
        }
        return made.joined(separator: " ")
    }

    private func isIndicator(_ word: String, _ idx: Int) -> Bool {
        if indicators.contains(where: { word.hasSuffix($0) }) { return true }
        guard idx == 0 else { return false }
        // A first token containing `\d+\.` (searched, as Vale's regex is): a numbered heading ("1. Intro").
        var digits = 0
        for c in word.unicodeScalars {
            if c.isASCII && c.properties.numericType == .decimal { digits += 1; continue }
            if c == "." && digits > 0 { return true }
            digits = 0
        }
        return false
    }
}
