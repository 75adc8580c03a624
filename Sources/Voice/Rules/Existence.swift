import Foundation

/// `extends: existence` — any match of the tokens (one alternation, compiled once) is an alert.
final class ExistenceRule: ValeRule {
    let def: RuleDefinition
    let pattern: Pattern?
    let exceptions: Exceptions
    let triggers: [String]?

    init(_ src: RuleSource, _ ctx: RuleContext) throws {
        try src.checkKeys(for: "existence")
        def = try RuleDefinition(src)
        let tokens = try src.list("tokens").filter { !$0.trimmedSpace.isEmpty }
        let raw = try src.list("raw").joined()
        let nonword = try src.bool("nonword", default: false)
        let ignorecase = try src.bool("ignorecase", default: false)
        let append = try src.bool("append", default: false)
        let vocab = try src.bool("vocab", default: true)
        exceptions = try Exceptions(try src.list("exceptions"), vocab: ctx.accepted, useVocab: vocab && !nonword)
        triggers = (!nonword && raw.isEmpty && ctx.wordTemplate == nil) ? Triggers.firstWords(tokens) : nil
        if tokens.isEmpty && raw.isEmpty { pattern = nil; return }
        var p = ctx.template(word: !nonword && !tokens.isEmpty)
        p = append ? p + raw : raw + p
        if ignorecase { p = "(?i)" + p }
        p = RuleContext.fill(p, tokens.joined(separator: "|"))
        do { pattern = try PatternCache.shared.pattern(p) } catch {
            throw src.error(src.fields["tokens"] != nil ? "tokens" : "raw", "invalid regular expression in \(src.name): \(p)")
        }
    }

    /// Built-in `Vale.Avoid`: the rejected vocabulary, word-bounded and case-sensitive.
    init(avoid tokens: [String]) throws {
        def = RuleDefinition.builtin(name: "Vale.Avoid", extends: "existence", message: "Avoid using '%s'.", level: .error)
        exceptions = try Exceptions([], vocab: [], useVocab: false)
        triggers = Triggers.firstWords(tokens)
        pattern =
            tokens.isEmpty ? nil : try PatternCache.shared.pattern(RuleContext.fill(RuleContext.defaultWordTemplate, tokens.joined(separator: "|")))
    }

    func run(_ block: TextBlock, _ state: FileState) throws -> [RuleMatch] {
        guard let pattern else { return [] }
        let ns = block
        var out: [RuleMatch] = []
        var exceptionScan = exceptions.scan(block)
        for r in try pattern.ranges(in: block) where r.length > 0 {
            let match = ns.sub(r)
            if try exceptionScan.skips(match.trimmedSpace, r) { continue }
            out.append(try finding(r, match))
        }
        return out
    }
}

extension RuleDefinition {
    static func builtin(name: String, extends: String, message: String, level: Severity, action: AlertAction? = nil) -> RuleDefinition {
        RuleDefinition(
            name: name, extends: extends, message: message, description: "", level: level,
            scope: RuleScope(["text"]), link: "", limit: 0, action: action, path: "internal")
    }

}
