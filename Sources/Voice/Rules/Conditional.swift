import Foundation

/// `extends: conditional` — each match of `first` needs a definition matched by `second`
/// (anywhere earlier in the file when `second` captures, or in the same block when it does not).
final class ConditionalRule: ValeRule {
    let def: RuleDefinition
    let first: Pattern, second: Pattern
    let captures: Bool
    let exceptions: Exceptions

    init(_ src: RuleSource, _ ctx: RuleContext) throws {
        try src.checkKeys(for: "conditional")
        def = try RuleDefinition(src)
        let f = src.string("first") ?? "", s = src.string("second") ?? ""
        do { first = try PatternCache.shared.pattern(f) } catch { throw src.error("first", "invalid regular expression in \(src.name): \(f)") }
        do { second = try PatternCache.shared.pattern(s) } catch { throw src.error("second", "invalid regular expression in \(src.name): \(s)") }
        captures = second.regex.numberOfCaptureGroups > 0
        exceptions = try Exceptions(try src.list("exceptions"), vocab: ctx.accepted, useVocab: try src.bool("vocab", default: true))
    }

    /// Adds every non-empty capture of `second` in `units` to the file's definitions.
    private func collect(_ units: [UInt16], _ state: FileState) throws {
        for m in try second.matches(units: units) {
            for g in 1..<m.numberOfRanges where m.range(at: g).location != NSNotFound && m.range(at: g).length > 0 {
                let r = m.range(at: g)
                state.addSequence(String(decoding: units[r.location..<NSMaxRange(r)], as: UTF16.self))
            }
        }
    }

    func run(_ block: TextBlock, _ state: FileState) throws -> [RuleMatch] {
        let ns = block
        let firsts = try first.matches(in: block)
        if captures {
            // Definitions are only read when `first` matches, so a block's definitions are
            // collected then, in document order: the same result for less work.
            let key = ObjectIdentifier(self)
            guard !firsts.isEmpty else { state.pending[key, default: []].append(block.units); return [] }
            for units in state.pending.removeValue(forKey: key) ?? [] { try collect(units, state) }
            try collect(block.units, state)
        } else if try firsts.isEmpty || second.firstMatch(in: block) != nil {
            return []
        }
        var out: [RuleMatch] = []
        var exceptionScan = exceptions.scan(block)
        for m in firsts {
            let s = ns.sub(m.range)
            if captures && state.sequenceSet.contains(s) { continue }
            if try exceptionScan.skips(s, m.range) { continue }
            out.append(finding(m.range, match: s, args: [.string(s)]))
        }
        return out
    }
}
