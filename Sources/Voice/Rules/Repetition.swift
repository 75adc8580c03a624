import Foundation

/// `extends: repetition` — the same token twice in a row (within one sentence).
final class RepetitionRule: VoiceRule {
    let def: RuleDefinition
    let pattern: Pattern
    let max: Int
    let ignorecase: Bool, alpha: Bool
    let exceptions: Exceptions

    init(_ src: RuleSource, _ ctx: RuleContext) throws {
        try src.checkKeys(RuleDefinition.commonKeys.union(["tokens", "max", "ignorecase", "alpha", "exceptions", "vocab"]))
        def = try RuleDefinition(src)
        max = try src.int("max", default: 0)
        ignorecase = try src.bool("ignorecase", default: false)
        alpha = try src.bool("alpha", default: false)
        exceptions = try Exceptions(try src.list("exceptions"), vocab: ctx.accepted, useVocab: try src.bool("vocab", default: true))
        let p = (ignorecase ? "(?i)" : "") + "(" + (try src.list("tokens")).joined(separator: "|") + ")"
        do { pattern = try PatternCache.shared.pattern(p) } catch { throw src.error("tokens", "invalid regular expression in \(src.name): \(p)") }
    }

    /// Built-in `Vale.Repetition`.
    init(builtinWith ctx: RuleContext) throws {
        def = RuleDefinition.builtin(name: "Vale.Repetition", extends: "repetition", message: "'%s' is repeated!", level: .error,
                                     action: AlertAction(name: "edit", params: ["truncate", " "]))
        max = 0; ignorecase = true; alpha = true
        exceptions = try Exceptions([], vocab: ctx.accepted, useVocab: true)
        pattern = try PatternCache.shared.pattern("(?i)([^\\s.!?]+)")
    }

    func run(_ block: TextBlock, _ state: FileState) throws -> [Finding] {
        let ns = block.ns
        var out: [Finding] = []
        var prev = ""
        var prevRange = NSRange(location: 0, length: 0)
        var count = 0
        for m in pattern.matches(in: ns) {
            let curr = ns.sub(m.range).trimmedSpace
            var hit = !curr.isEmpty && (ignorecase ? curr.lowercased() == prev.lowercased() : curr == prev)
            if hit && alpha { hit = curr.unicodeScalars.allSatisfy { $0.properties.isAlphabetic } }
            if hit { count += 1 }
            if hit && count > max {
                let span = NSRange(location: prevRange.location, length: NSMaxRange(m.range) - prevRange.location)
                let text = ns.sub(span)
                if Sentences.split(text).count <= 1 && !exceptions.skip(text, span, ns) {
                    var f = finding(span, match: text, args: [.string(curr)])
                    if let a = def.action { f = try finding(span, text); f.message = GoFormat.message(def.message, [.string(curr), .string((try? Actions.fix(a, match: text, rule: def))?.first ?? text)]); f.description = GoFormat.message(def.description, [.string(curr)]) }
                    out.append(f)
                    count = 0
                }
            }
            prev = curr
            prevRange = m.range
        }
        return out
    }
}
