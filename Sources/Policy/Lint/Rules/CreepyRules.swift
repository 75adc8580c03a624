import BrandContext
import Catalog
import Foundation
import Liquid

/// `creepy.sensitive-signal` (reads a forbidden signal class), `creepy.browse-quote` (prints a
/// value of a `verbatim: false` class) and `creepy.signal-count` (a template whose permutations
/// can combine more personal signal classes than the brand allows).
struct CreepyRules: LintRule {
    let ids = ["creepy.sensitive-signal", "creepy.browse-quote", "creepy.signal-count"]

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
            out.append(
                file.finding(
                    "creepy.sensitive-signal", .error, at: locate(p, in: file),
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

    /// Outputs that print a value of a class whose values must not be quoted back, whatever
    /// carries it there (Liquid's `Analysis.printed`: assigns with filters, captures, cycles,
    /// loop items, partial arguments).
    func browseQuotes(_ file: LintFile, _ context: LintContext) -> [Finding] {
        var out: [Finding] = []
        for (template, fixed) in Self.templates(of: file) {
            for p in template.analyze().printed {
                guard let c = context.signals.signalClass(forPath: p.path), !c.verbatim else { continue }
                let at = p.template == nil && !fixed ? Self.fileOffset(p.offset, of: template, in: file).map { Self.outputStart($0, in: file) } : nil
                out.append(
                    file.finding(
                        "creepy.browse-quote", .error, at: at ?? locate(p.path, in: file),
                        "prints '\(p.path)' (\(c.id)) back to the customer: values of this class must not be quoted verbatim"))
            }
        }
        return out
    }

    /// The file's compiled Liquid: the body (its offsets map into the file) and, for a template,
    /// subject and preheader (`fixed`: written in front matter, placed by name).
    static func templates(of file: LintFile) -> [(Template, fixed: Bool)] {
        switch file.kind {
        case .block(let b): return [(b.body, false)]
        case .template(let t): return [(t.body, false), (t.subject, true), (t.preheader, true)]
        case .partial: return []
        }
    }

    /// The `{{` that opens the output whose expression starts at `offset`, else `offset`.
    static func outputStart(_ offset: Int, in file: LintFile) -> Int {
        let units = Array(file.source.text.utf16.prefix(offset))
        var i = units.count
        while i > 0, [0x20, 0x09, 0x0A, 0x0D, 0x2D].contains(units[i - 1]) { i -= 1 }  // spaces and `-`
        return i >= 2 && units[i - 1] == 0x7B && units[i - 2] == 0x7B ? i - 2 : offset
    }

    /// The file offset (UTF-16) of a UTF-8 offset in a body template. The catalog compiles a body
    /// padded to keep the file's line numbers, so a line of the template is that line of the file;
    /// nil when that line does not hold the same text (a template with includes inlined).
    static func fileOffset(_ utf8Offset: Int, of template: Template, in file: LintFile) -> Int? {
        // A template body holds inlined partials: its source map says where the text came from.
        if let t = file.template, template.source === t.body.source {
            guard let place = t.place(ofBodyOffset: utf8Offset), place.file == file.path else { return nil }
            return file.source.offset(line: place.line, column: place.column)
        }
        let bytes = Array(template.source.text.utf8)
        guard utf8Offset <= bytes.count else { return nil }
        var line = 1, lineStart = 0
        for i in 0..<utf8Offset where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
        var lineEnd = utf8Offset
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        guard let at = file.source.offset(line: line, utf8Column: utf8Offset - lineStart),
            let lineAt = file.source.offset(line: line, utf8Column: 0)
        else { return nil }
        // The same line text in both, or the position is not to be trusted.
        let own = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        let ns = file.source.text as NSString
        guard lineAt + own.utf16.count <= ns.length, ns.substring(with: NSRange(location: lineAt, length: own.utf16.count)) == own else { return nil }
        return at
    }

    /// The largest set of personal classes one message of the template can combine.
    func signalCount(_ t: TemplateDefinition, _ file: LintFile, _ context: LintContext) -> Finding? {
        let limit = context.brand.guardrails.maxPersonalSignalClasses
        let own = Set(
            (t.body.analyze().paths + t.subject.analyze().paths + t.preheader.analyze().paths)
                .compactMap { context.signals.signalClass(forPath: $0) }.filter(\.personal).map(\.id))
        var options: [[Set<String>]] = []
        for s in t.slots {
            var blocks = context.catalog.candidates(for: s)
            if let f = s.fallback, let b = context.catalog.block(f), !blocks.contains(where: { $0.id == f }) { blocks.append(b) }
            let sets = blocks.map { context.signals.personalClasses(of: $0) }
            // Sorted, so the combination named in the message is the same on every run.
            options.append(
                Set(Self.unions(sets, upTo: s.max)).map { $0.sorted() }
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
        return file.fileFinding(
            "creepy.signal-count", .error,
            "template '\(t.id)' can combine \(best.count) personal signal classes in one message (\(best.sorted().joined(separator: ", "))): the brand allows \(limit)"
        )
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
