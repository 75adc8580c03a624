import Foundation

/// `extends: conditional` — each match of `first` needs a definition matched by `second`
/// (anywhere earlier in the file when `second` captures, or in the same block when it does not).
final class ConditionalRule: VoiceRule {
    let def: RuleDefinition
    let first: Pattern, second: Pattern
    let captures: Bool
    let exceptions: Exceptions

    init(_ src: RuleSource, _ ctx: RuleContext) throws {
        try src.checkKeys(RuleDefinition.commonKeys.union(["first", "second", "exceptions", "vocab", "ignorecase"]))
        def = try RuleDefinition(src)
        let f = src.string("first") ?? "", s = src.string("second") ?? ""
        do { first = try PatternCache.shared.pattern(f) } catch { throw src.error("first", "invalid regular expression in \(src.name): \(f)") }
        do { second = try PatternCache.shared.pattern(s) } catch { throw src.error("second", "invalid regular expression in \(src.name): \(s)") }
        captures = second.regex.numberOfCaptureGroups > 0
        exceptions = try Exceptions(try src.list("exceptions"), vocab: ctx.accepted, useVocab: try src.bool("vocab", default: true))
    }

    func run(_ block: TextBlock, _ state: FileState) throws -> [Finding] {
        let ns = block
        if captures {
            for m in second.matches(in: block) {
                for g in 1..<m.numberOfRanges where m.range(at: g).location != NSNotFound && m.range(at: g).length > 0 {
                    state.addSequence(ns.sub(m.range(at: g)))
                }
            }
        } else if second.firstMatch(in: block) != nil {
            return []
        }
        var out: [Finding] = []
        for m in first.matches(in: block) {
            let s = ns.sub(m.range)
            if captures && state.sequenceSet.contains(s) { continue }
            if exceptions.skip(s, m.range, ns) { continue }
            out.append(finding(m.range, match: s, args: [.string(s)]))
        }
        return out
    }
}
