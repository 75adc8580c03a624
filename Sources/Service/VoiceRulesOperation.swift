import BrandContext
import Foundation
import Yams

/// The brand's voice rules in plain terms, for an agent to write by rather than to discover by
/// failing: each rule's id, level, kind, what it flags, what it suggests instead, its message.
/// The rule files are the Voice module's (Vale's format); this reads their data for people and
/// agents and leaves the matching to `DraftLinter` (`lint_copy`).
extension Project {
    /// `{rules: [{id, level, kind, flags: [String], suggests: [{instead_of, use}], message, file}]}`.
    package func voiceRules() -> JSONText {
        .object([
            (
                "rules",
                .array(
                    brand.voiceRules.map { rule in
                        let fields = Self.ruleFields(ruleFile(rule.file))
                        let (flags, suggests) = VoiceRuleTerms.describe(kind: rule.extends, fields)
                        return .object([
                            ("id", .string(rule.id)), ("level", .string(rule.level)), ("kind", .string(rule.extends)),
                            ("flags", .strings(flags)),
                            ("suggests", .array(suggests.map { .object([("instead_of", .string($0.0)), ("use", .string($0.1))]) })),
                            ("message", .string(rule.message)), ("file", .string(rule.file)),
                        ])
                    })
            )
        ])
    }

    /// The brand records rule files as the loader named them (`brand/voice/STYLE/RULE.yml`, under
    /// the project); a brand loaded from elsewhere names them from its own folder.
    func ruleFile(_ file: String) -> URL {
        let underProject = root.appendingPathComponent(file)
        return FileManager.default.fileExists(atPath: underProject.path) ? underProject : brand.directory.appendingPathComponent(file)
    }

    /// The rule file's top-level keys (lower-cased), or none when it cannot be read (the brand
    /// loaded, so its rule files were valid when it did).
    static func ruleFields(_ url: URL) -> [String: Node] {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8),
            let node = try? Yams.compose(yaml: text), let mapping = node.mapping
        else { return [:] }
        var out: [String: Node] = [:]
        for (k, v) in mapping { if let key = k.string?.lowercased() { out[key] = v } }
        return out
    }
}

/// What a Vale rule of each kind flags, in words, from its keys.
enum VoiceRuleTerms {
    static func describe(kind: String, _ f: [String: Node]) -> (flags: [String], suggests: [(String, String)]) {
        func list(_ key: String) -> [String] {
            guard let n = f[key] else { return [] }
            if let s = n.sequence { return s.compactMap(\.string) }
            return n.string.map { [$0] } ?? []
        }
        func pairs(_ key: String) -> [(String, String)] {
            guard let m = f[key]?.mapping else { return [] }
            return m.compactMap { k, v in k.string.flatMap { a in v.string.map { (a, $0) } } }
        }
        func scalar(_ key: String) -> String? { f[key]?.string }
        switch kind {
        case "existence":
            return (list("tokens").map { "'\($0)'" }, [])
        case "substitution":
            let swaps = pairs("swap")
            return (swaps.map { "'\($0.0)'" }, swaps.map { ($0.0, $0.1.replacingOccurrences(of: "|", with: " or ")) })
        case "occurrence":
            var s: [String] = []
            if let max = scalar("max") { s.append("more than \(max) of '\(scalar("token") ?? "?")' per \(scalar("scope") ?? "text")") }
            if let min = scalar("min") { s.append("fewer than \(min) of '\(scalar("token") ?? "?")' per \(scalar("scope") ?? "text")") }
            return (s, [])
        case "repetition":
            return (["the same word twice in a row: \(list("tokens").joined(separator: ", "))"], [])
        case "consistency":
            let either = pairs("either")
            return (either.map { "both '\($0.0)' and '\($0.1)' in one text" }, [])
        case "conditional":
            return (["'\(scalar("second") ?? "?")' without '\(scalar("first") ?? "?")' defined first"], [])
        case "capitalization":
            return (["text not in \(scalar("match") ?? "?") case"], [])
        case "metric", "readability":
            return (
                [
                    "text whose \(scalar("formula") ?? list("metrics").joined(separator: ", ")) is \(scalar("condition") ?? "over grade \(scalar("grade") ?? "?")")"
                ], []
            )
        case "sequence":
            return (["the sequence \(f["tokens"].map { "\($0)" } ?? "?")"], [])
        case "script":
            return (["what its script flags"], [])
        case "spelling":
            return (["words not in the dictionaries or accepted vocabulary"], [])
        default:
            return ([], [])
        }
    }
}
