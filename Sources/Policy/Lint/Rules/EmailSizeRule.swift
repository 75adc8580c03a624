import Catalog
import Foundation
import MJML

/// `email.size`: the HTML of an email template's largest permutation over Gmail's clipping limit
/// (102 KB). The largest permutation takes, for every slot, its `max` biggest candidate blocks;
/// Liquid is replaced by placeholder data: each output by 24 characters, both branches of every
/// condition kept, loops repeated `limit:` times (a range's length, else 3, at most 1,000).
struct EmailSizeRule: LintRule {
    let ids = ["email.size"]
    static let limit = 102 * 1024
    static let placeholder = String(repeating: "x", count: 24)
    static let output = CompiledRegex(#"\{\{[\s\S]*?\}\}"#)
    static let loop = CompiledRegex(#"\{%-?\s*for\b([^%]*)-?%\}((?:(?!\{%-?\s*(?:end)?for\b)[\s\S])*)\{%-?\s*endfor\s*-?%\}"#)
    static let tag = CompiledRegex(#"\{%[\s\S]*?%\}"#)
    static let loopLimit = CompiledRegex(#"limit\s*:\s*(\d+)"#)
    static let range = CompiledRegex(#"\(\s*(\d+)\s*\.\.\s*(\d+)\s*\)"#)

    func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        guard let t = file.template, t.channel == "email" else { return [] }
        var chosen: [String: [BlockDefinition]] = [:]
        for s in t.slots {
            var blocks = context.catalog.candidates(for: s)
            if let f = s.fallback, let b = context.catalog.block(f), !blocks.contains(where: { $0.id == f }) { blocks.append(b) }
            chosen[s.name] = Array(blocks.sorted { ($0.bodySource.utf8.count, $1.id) > ($1.bodySource.utf8.count, $0.id) }.prefix(max(s.max, 0)))
        }
        let source = Self.placeholderData(context.catalog.composeSource(t, blocks: chosen))
        let doc = MJML.parse(
            source,
            options: MJMLParseOptions(
                includeRoot: context.catalog.projectRoot.appendingPathComponent("templates").path, validation: .skip, fileName: t.file))
        let size = MJML.renderBytes(doc).count
        guard size > Self.limit else { return [] }
        let names = t.slots.flatMap { chosen[$0.name]?.map(\.id) ?? [] }.joined(separator: ", ")
        return [
            file.fileFinding(
                "email.size", .error, "template '\(t.id)' can render \(size / 1024) KB of HTML (with \(names)): Gmail clips messages over 102 KB")
        ]
    }

    /// The source with Liquid replaced by placeholder data (see the type's comment).
    static func placeholderData(_ source: String) -> String {
        var s = source
        for _ in 0..<8 {  // innermost loops first, a few levels deep
            let ns = s as NSString
            let matches = loop.matches(s)
            if matches.isEmpty { break }
            let out = NSMutableString(string: s)
            for m in matches.reversed() {
                let head = ns.substring(with: m.range(at: 1)), body = ns.substring(with: m.range(at: 2))
                out.replaceCharacters(in: m.range, with: String(repeating: body, count: times(head)))
            }
            s = out as String
        }
        let withValues = output.regex.stringByReplacingMatches(
            in: s, range: NSRange(location: 0, length: (s as NSString).length), withTemplate: placeholder)
        return tag.regex.stringByReplacingMatches(
            in: withValues, range: NSRange(location: 0, length: (withValues as NSString).length), withTemplate: "")
    }

    static func times(_ head: String) -> Int {
        let ns = head as NSString
        if let m = loopLimit.matches(head).first, let n = Int(ns.substring(with: m.range(at: 1))) { return min(n, 1000) }
        if let m = range.matches(head).first, let a = Int(ns.substring(with: m.range(at: 1))), let b = Int(ns.substring(with: m.range(at: 2))) {
            return min(max(0, b - a + 1), 1000)
        }
        return 3
    }
}
