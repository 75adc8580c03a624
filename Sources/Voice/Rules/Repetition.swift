import Foundation

/// `extends: repetition` — the same token twice in a row (within one sentence).
final class RepetitionRule: ValeRule {
    let def: RuleDefinition
    let pattern: Pattern
    let max: Int
    let ignorecase: Bool, alpha: Bool
    let exceptions: Exceptions

    init(_ src: RuleSource, _ ctx: RuleContext) throws {
        try src.checkKeys(for: "repetition")
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
        def = RuleDefinition.builtin(
            name: "Vale.Repetition", extends: "repetition", message: "'%s' is repeated!", level: .error,
            action: AlertAction(name: "edit", params: ["truncate", " "]))
        max = 0; ignorecase = true; alpha = true
        exceptions = try Exceptions([], vocab: ctx.accepted, useVocab: true)
        pattern = try PatternCache.shared.pattern("(?i)([^\\s.!?]+)")
    }

    private func sameToken(_ u: [UInt16], _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count, !b.isEmpty else {
            if ignorecase && !b.isEmpty {
                return String(decoding: u[a], as: UTF16.self).lowercased() == String(decoding: u[b], as: UTF16.self).lowercased()
            }
            return false
        }
        var ascii = true
        for (x, y) in zip(u[a], u[b]) {
            if x == y { continue }
            if x >= 128 || y >= 128 { ascii = false; break }
            guard ignorecase, (x | 32) == (y | 32), (x | 32) >= 97, (x | 32) <= 122 else { return false }
        }
        if ascii { return true }
        let s1 = String(decoding: u[a], as: UTF16.self), s2 = String(decoding: u[b], as: UTF16.self)
        return ignorecase ? s1.lowercased() == s2.lowercased() : s1 == s2
    }

    func run(_ block: TextBlock, _ state: FileState) throws -> [RuleMatch] {
        let ns = block
        let u = Array(block.text.utf16)
        var out: [RuleMatch] = []
        var prevRange = NSRange(location: 0, length: 0)
        var prevTrim = 0..<0
        var count = 0
        var exceptionScan = exceptions.scan(block)
        for mr in try pattern.ranges(in: block) {
            // Compare the trimmed token with the previous one on UTF-16 units, without strings.
            var a = mr.location, z = NSMaxRange(mr)
            while a < z, MappedText.isSpace(u[a]) { a += 1 }
            while z > a, MappedText.isSpace(u[z - 1]) { z -= 1 }
            let currTrim = a..<z
            var hit = !currTrim.isEmpty && sameToken(u, currTrim, prevTrim)
            if hit && alpha { hit = String(decoding: u[currTrim], as: UTF16.self).unicodeScalars.allSatisfy { $0.properties.isAlphabetic } }
            if hit { count += 1 }
            let curr = hit ? String(decoding: u[currTrim], as: UTF16.self) : ""
            if hit && count > max {
                let span = NSRange(location: prevRange.location, length: NSMaxRange(mr) - prevRange.location)
                let text = ns.sub(span)
                if try Sentences.split(text).count <= 1 && !exceptionScan.skips(text, span) {
                    var f = finding(span, match: text, args: [.string(curr)])
                    if let a = def.action {
                        f = try finding(span, text);
                        f.message = GoFormat.message(
                            def.message, [.string(curr), .string((try? Actions.fix(a, match: text, rule: def))?.first ?? text)]);
                        f.description = GoFormat.message(def.description, [.string(curr)])
                    }
                    out.append(f)
                    count = 0
                }
            }
            prevTrim = currTrim
            prevRange = mr
        }
        return out
    }
}
