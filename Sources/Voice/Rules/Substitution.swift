import Foundation

/// `extends: substitution` — a swap table; each key's match suggests its value.
final class SubstitutionRule: ValeRule {
    let def: RuleDefinition
    let pattern: Pattern?
    let keys: [String]
    let values: [String]
    let ignorecase: Bool, capitalize: Bool
    let exceptions: Exceptions
    let triggers: [String]?
    private var keyPatterns: [Int: Pattern] = [:]

    init(_ src: RuleSource, _ ctx: RuleContext) throws {
        try src.checkKeys(for: "substitution")
        def = try RuleDefinition(src)
        ignorecase = try src.bool("ignorecase", default: false)
        capitalize = try src.bool("capitalize", default: false)
        let nonword = try src.bool("nonword", default: false)
        exceptions = try Exceptions(try src.list("exceptions"), vocab: ctx.accepted, useVocab: try src.bool("vocab", default: true))
        let pairs = try src.pairs("swap")
        triggers = (!nonword && ctx.wordTemplate == nil) ? Triggers.firstWords(pairs.map { $0.0 }) : nil
        (keys, values, pattern) = try SubstitutionRule.build(pairs, template: ctx.template(word: !nonword), ignorecase: ignorecase) { p in
            src.error("swap", "invalid regular expression in \(src.name): \(p)")
        }
    }

    /// Built-in `Vale.Terms`: every accepted term, matched case-insensitively, must be cased as written.
    init(terms: [String]) throws {
        def = RuleDefinition.builtin(name: "Vale.Terms", extends: "substitution", message: "Use '%s' instead of '%s'.", level: .error)
        ignorecase = true; capitalize = false
        exceptions = try Exceptions([], vocab: [], useVocab: false)
        var order: [String] = []
        var latest: [String: String] = [:]
        for t in terms {
            let k = t.lowercased()
            if latest[k] == nil { order.append(k) }
            latest[k] = t
        }
        let pairs = order.map { ($0, latest[$0]!) }
        triggers = Triggers.firstWords(pairs.map { $0.0 })
        (keys, values, pattern) = try SubstitutionRule.build(pairs, template: RuleContext.defaultWordTemplate, ignorecase: true) { p in
            VoiceError(path: "accept.txt", "invalid vocabulary term in \(p)")
        }
    }

    static func build(_ pairs: [(String, String)], template: String, ignorecase: Bool, fail: (String) -> Error) throws -> (
        [String], [String], Pattern?
    ) {
        let sorted = pairs.enumerated().sorted { a, b in
            a.element.0.utf8.count != b.element.0.utf8.count ? a.element.0.utf8.count > b.element.0.utf8.count : a.offset < b.offset
        }.map { $0.element }
        guard !sorted.isEmpty else { return ([], [], nil) }
        let body = sorted.map { "(" + nonCapturing($0.0) + ")" }.joined(separator: "|")
        var p = RuleContext.fill(template, body)
        if ignorecase { p = "(?i)" + p }
        do { return (sorted.map { $0.0 }, sorted.map { $0.1 }, try PatternCache.shared.pattern(p)) } catch { throw fail(p) }
    }

    /// Every `(` not escaped and not already `(?` becomes `(?:` so group i is key i.
    static func nonCapturing(_ s: String) -> String {
        var out = ""
        let c = Array(s)
        var escaped = false
        var inClass = false
        for (i, ch) in c.enumerated() {
            if escaped { out.append(ch); escaped = false; continue }
            if ch == "\\" { out.append(ch); escaped = true; continue }
            if ch == "[" { inClass = true } else if ch == "]" { inClass = false }
            if ch == "(" && !inClass && (i + 1 >= c.count || c[i + 1] != "?") { out += "(?:"; continue }
            out.append(ch)
        }
        return out
    }

    /// Whether a replacement refers to a group (`$1`).
    static func hasGroupReference(_ s: String) -> Bool {
        var dollar = false
        for u in s.utf8 {
            if dollar && u >= 48 && u <= 57 { return true }
            dollar = u == 36
        }
        return false
    }

    static func isPhrase(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ($0.properties.numericType != nil) || $0 == " " || $0 == "-" }
    }

    static func capFirst(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }

    static func options(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var esc = false
        for ch in s {
            if esc { if ch != "|" { cur.append("\\") }; cur.append(ch); esc = false; continue }
            if ch == "\\" { esc = true; continue }
            if ch == "|" { out.append(cur); cur = ""; continue }
            cur.append(ch)
        }
        if esc { cur.append("\\") }
        out.append(cur)
        return out.filter { !$0.isEmpty }
    }

    /// Drops the quotes around the first of exactly two quoted `%s`, since the suggestion list quotes itself.
    static func convertMessage(_ m: String) -> String {
        for q in ["'%s'", "\"%s\""] where m.components(separatedBy: q).count == 3 {
            if let r = m.range(of: q) { return m.replacingCharacters(in: r, with: "%s") }
        }
        return m
    }

    func run(_ block: TextBlock, _ state: FileState) throws -> [RuleMatch] {
        guard let pattern else { return [] }
        let ns = block
        var out: [RuleMatch] = []
        var exceptionScan = exceptions.scan(block)
        for m in try pattern.matches(in: block) {
            var gi = -1
            for g in 1..<m.numberOfRanges where m.range(at: g).location != NSNotFound { gi = g; break }
            guard gi >= 1, gi - 1 < keys.count else { continue }
            let loc = m.range(at: gi)
            let observed = ns.sub(loc)
            var expected = values[gi - 1]
            let observedIsCap = observed.first.map { !$0.isLetter || $0.isUppercase } ?? true
            if capitalize && observed == SubstitutionRule.capFirst(observed) && observedIsCap { expected = SubstitutionRule.capFirst(expected) }
            if SubstitutionRule.hasGroupReference(expected),
                let re = try? PatternCache.shared.pattern((ignorecase ? "(?i)" : "") + keys[gi - 1])
            {
                expected = try re.replacingMatches(in: observed, withTemplate: expected)
            }
            let isReplace = def.action?.name == "replace"
            if isReplace {
                if SubstitutionRule.options(expected).contains(observed) { continue }
            } else if try matchToken(expected, observed) {
                continue
            }
            if try exceptionScan.skips(observed.trimmedSpace, loc) { continue }
            var message = def.message
            var action = def.action
            if isReplace, (def.action?.params ?? []).isEmpty {
                var params = SubstitutionRule.options(expected).map {
                    capitalize && observedIsCap && observed == SubstitutionRule.capFirst(observed) ? SubstitutionRule.capFirst($0) : $0
                }
                if def.matchcase { params = params.map { CaseMatch.recase($0, like: observed) } }
                expected = Actions.toSentence(params, "or")
                message = SubstitutionRule.convertMessage(message)
                action = AlertAction(name: "replace", params: params)
            }
            let args: [FormatArg] = [.string(expected), .string(observed)]
            out.append(
                RuleMatch(
                    range: loc, match: observed, message: GoFormat.message(message, args),
                    description: GoFormat.message(def.description, args), action: action))
        }
        return out
    }

    private func matchToken(_ expected: String, _ observed: String) throws -> Bool {
        if expected == observed { return true }
        if SubstitutionRule.isPhrase(expected) { return false }
        guard let re = try? PatternCache.shared.pattern("^(?:\(expected))$") else { return expected == observed }
        return try re.searches(observed)
    }
}
