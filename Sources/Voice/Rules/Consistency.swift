import Foundation

/// `extends: consistency` — once both spellings of a pair appear in a file, each later block
/// using either one alerts.
final class ConsistencyRule: ValeRule {
    let def: RuleDefinition
    let pairs: [(Pattern, String, String)]
    let triggers: [String]?

    init(_ src: RuleSource, _ ctx: RuleContext) throws {
        // Vale decodes consistency rules weakly: unknown keys are ignored.
        def = try RuleDefinition(src)
        let nonword = try src.bool("nonword", default: false)
        let ignorecase = try src.bool("ignorecase", default: false)
        let either = try src.pairs("either")
        triggers = (!nonword && ctx.wordTemplate == nil) ? Triggers.firstWords(either.flatMap { [$0.0, $0.1] }) : nil
        var built: [(Pattern, String, String)] = []
        for (k, (a, b)) in try src.pairs("either").enumerated() {
            var p = RuleContext.fill(ctx.template(word: !nonword), "(\(a))|(\(b))")
            if ignorecase { p = "(?i)" + p }
            do { built.append((try PatternCache.shared.pattern(p), "\(src.name)#\(2 * k)", "\(src.name)#\(2 * k + 1)")) } catch {
                throw src.error("either", "invalid regular expression in \(src.name): \(p)")
            }
        }
        pairs = built
    }

    static func firstOccurrence(of needle: [UInt16], in hay: [UInt16]) -> Int? {
        guard !needle.isEmpty, needle.count <= hay.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    func run(_ block: TextBlock, _ state: FileState) throws -> [RuleMatch] {
        let ns = block
        var out: [RuleMatch] = []
        for (re, n1, n2) in pairs {
            var loc: NSRange?
            for m in try re.matches(in: block) {
                // Vale's group scan: every named group that took part is recorded.
                let g1 = m.range(at: 1), g2 = m.range(at: 2)
                if g1.location != NSNotFound { state.addSequence(n1); loc = g1 }
                if g2.location != NSNotFound { state.addSequence(n2); loc = g2 }
            }
            if var loc, state.sequenceSet.contains(n1), state.sequenceSet.contains(n2) {
                let t = ns.sub(loc)
                // Vale places the alert by searching its text from the block's start: the first
                // occurrence of the spelling wins, not the last match.
                if let first = ConsistencyRule.firstOccurrence(of: Array(t.utf16), in: block.units) {
                    loc = NSRange(location: first, length: loc.length)
                }
                out.append(finding(loc, match: t, args: [.string(t)]))
            }
        }
        return out
    }
}
