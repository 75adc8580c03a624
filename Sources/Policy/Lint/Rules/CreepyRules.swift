import BrandContext
import Catalog
import Foundation

/// `creepy.sensitive-signal` (reads a forbidden signal class), `creepy.browse-quote` (prints a
/// value of a `verbatim: false` class) and `creepy.signal-count` (a template whose permutations
/// can combine more personal signal classes than the brand allows).
struct CreepyRules: LintRule {
    let ids = ["creepy.sensitive-signal", "creepy.browse-quote", "creepy.signal-count"]
    static let output = Pattern(#"\{\{-?\s*([A-Za-z_][A-Za-z0-9_.\[\]"'-]*)"#)
    static let loop = Pattern(#"\{%-?\s*for\s+([A-Za-z_]\w*)\s+in\s+([A-Za-z_][A-Za-z0-9_.\[\]"'-]*)"#)
    static let assign = Pattern(#"\{%-?\s*assign\s+([A-Za-z_]\w*)\s*=\s*([A-Za-z_][A-Za-z0-9_.\[\]"'-]*)\s*-?%\}"#)

    func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        let paths: [String]
        switch file.kind {
        case .block(let b): paths = b.paths
        case .template(let t): paths = t.body.analyze().paths + t.subject.analyze().paths + t.preheader.analyze().paths
        case .partial: return []
        }
        var out: [Finding] = []
        var seen: Set<String> = []
        for p in paths {
            guard let c = context.signals.signalClass(forPath: p), c.sensitivity == .forbidden, seen.insert(p).inserted else { continue }
            out.append(file.finding("creepy.sensitive-signal", .error, at: locate(p, in: file),
                                    "reads '\(p)' (\(c.id)): the guardrails forbid customer copy from reading this signal"))
        }
        out += browseQuotes(file, context)
        if let t = file.template, let f = signalCount(t, file, context) { out.append(f) }
        return out
    }

    /// Where a path is written: the path itself, else its last name, else the body start.
    func locate(_ path: String, in file: LintFile) -> Int {
        let ns = file.source.text as NSString
        let plain = path.replacingOccurrences(of: "[]", with: "")
        var r = ns.range(of: plain)
        if r.location == NSNotFound, let last = plain.split(separator: ".").last {
            r = ns.range(of: String(last), options: [], range: NSRange(location: 0, length: ns.length))
        }
        return r.location == NSNotFound ? file.source.bodyStart : r.location
    }

    /// `{{ x }}` outputs whose path (loop variables and assigns followed) is of a class whose
    /// values must not be printed back.
    func browseQuotes(_ file: LintFile, _ context: LintContext) -> [Finding] {
        let text = file.source.text
        let ns = text as NSString
        var alias: [String: String] = [:]
        for m in Self.loop.matches(text) { alias[ns.substring(with: m.range(at: 1))] = resolve(ns.substring(with: m.range(at: 2)), alias) + "[]" }
        for m in Self.assign.matches(text) { alias[ns.substring(with: m.range(at: 1))] = resolve(ns.substring(with: m.range(at: 2)), alias) }
        var out: [Finding] = []
        for m in Self.output.matches(text, in: NSRange(location: file.source.bodyStart, length: ns.length - file.source.bodyStart)) {
            let path = resolve(ns.substring(with: m.range(at: 1)), alias)
            guard let c = context.signals.signalClass(forPath: path), !c.verbatim else { continue }
            out.append(file.finding("creepy.browse-quote", .error, at: m.range.location,
                                    "prints '\(path)' (\(c.id)) back to the customer: values of this class must not be quoted verbatim"))
        }
        return out
    }

    func resolve(_ path: String, _ alias: [String: String]) -> String {
        let head = String(path.prefix { $0 != "." && $0 != "[" })
        guard let base = alias[head] else { return path }
        return base + path.dropFirst(head.count)
    }

    /// The largest set of personal classes one message of the template can combine.
    func signalCount(_ t: TemplateDefinition, _ file: LintFile, _ context: LintContext) -> Finding? {
        let limit = context.brand.guardrails.maxPersonalSignalClasses
        let own = Set((t.body.analyze().paths + t.subject.analyze().paths + t.preheader.analyze().paths)
            .compactMap { context.signals.signalClass(forPath: $0) }.filter(\.personal).map(\.id))
        var options: [[Set<String>]] = []
        for s in t.slots {
            var blocks = context.catalog.candidates(for: s)
            if let f = s.fallback, let b = context.catalog.block(f), !blocks.contains(where: { $0.id == f }) { blocks.append(b) }
            let sets = blocks.map { context.signals.personalClasses(of: $0) }
            // Sorted, so the combination named in the message is the same on every run.
            options.append(Set(Self.unions(sets, upTo: s.max)).map { $0.sorted() }
                .sorted { ($0.count, $1.joined(separator: ",")) > ($1.count, $0.joined(separator: ",")) }.map(Set.init))
        }
        var best = own
        func walk(_ i: Int, _ acc: Set<String>) {
            if acc.count > best.count { best = acc }
            guard i < options.count, best.count <= limit else { return }
            for o in options[i] { walk(i + 1, acc.union(o)) }
            if options[i].isEmpty { walk(i + 1, acc) }
        }
        walk(0, own)
        guard best.count > limit else { return nil }
        return file.fileFinding("creepy.signal-count", .error,
                                "template '\(t.id)' can combine \(best.count) personal signal classes in one message (\(best.sorted().joined(separator: ", "))): the brand allows \(limit)")
    }

    /// Unions of up to `k` of the sets (k small: slots hold one or two blocks).
    static func unions(_ sets: [Set<String>], upTo k: Int) -> [Set<String>] {
        var out: [Set<String>] = [[]]
        var frontier: [(Int, Set<String>)] = [(0, [])]
        for _ in 0..<max(0, k) {
            var next: [(Int, Set<String>)] = []
            for (start, acc) in frontier {
                for i in start..<sets.count {
                    let u = acc.union(sets[i])
                    next.append((i + 1, u))
                    out.append(u)
                }
            }
            frontier = next
            if next.count > 20_000 { break }
        }
        return out
    }
}
