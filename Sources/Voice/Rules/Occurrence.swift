import Foundation

/// `extends: occurrence` — too many (or too few) matches of `token` in one block.
final class OccurrenceRule: ValeRule {
    let def: RuleDefinition
    let pattern: Pattern?
    let max: Int, min: Int

    init(_ src: RuleSource, _ ctx: RuleContext) throws {
        try src.checkKeys(for: "occurrence")
        def = try RuleDefinition(src)
        max = try src.int("max", default: 0)
        min = try src.int("min", default: 0)
        let token = src.string("token") ?? ""
        let p = (try src.bool("ignorecase", default: false) ? "(?i)" : "") + "(?:\(token))"
        do { pattern = try PatternCache.shared.pattern(p) } catch { throw src.error("token", "invalid regular expression in \(src.name): \(token)") }
    }

    func run(_ block: TextBlock, _ state: FileState) throws -> [RuleMatch] {
        guard let pattern else { return [] }
        let ns = block
        let ms = try pattern.ranges(in: block)
        let n = ms.count
        guard (max > 0 && n > max) || (min > 0 && n < min) else { return [] }
        if n == 0 { return [finding(nil, match: "", args: [.int(n)])] }
        for m in ms {
            let t = ns.sub(m)
            if t.trimmedSpace.isEmpty || t.allSatisfy({ $0 == "*" || $0 == "@" }) { continue }
            return [finding(m, match: t, args: [.int(n)])]
        }
        return []
    }
}
