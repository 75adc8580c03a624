import Diagnostics
import Foundation
import Voice
import Yams

/// Structural check of Vale rule files, following Vale's own `validateDefinition`/`decodeRule`:
/// known `extends`, a `message`, a valid `level`, only the keys the type decodes, the keys the
/// type needs, and regexes that compile.
enum VoiceRuleCheck {
    /// The keys come from Voice's `ValeRuleSchema`, the list the linter itself checks.
    private typealias Schema = ValeRuleSchema

    static func check(_ node: Node, source: YAMLSource, style: String, stem: String, file: String) -> VoiceRule? {
        let sink = source.sink
        guard case .mapping(let mapping) = node else {
            sink.error(source.location(node), "expected a Vale rule to be a mapping, found \(node.kindName)")
            return nil
        }
        let keyed = Dictionary(
            mapping.compactMap { k, v in k.scalarText.map { ($0.lowercased(), (k, v)) } },
            uniquingKeysWith: { first, _ in first })
        guard let (_, extendsNode) = keyed["extends"] else {
            sink.error(
                source.location(node), "missing required key 'extends' in Vale rule: expected one of \(Schema.typeNames.joined(separator: ", "))")
            return nil
        }
        guard let kind = extendsNode.scalarText, let allowedKeys = Schema.allowedKeys(for: kind) else {
            let found = extendsNode.scalarText ?? extendsNode.kindName
            let hint = Suggest.hint(for: found, in: Schema.typeNames)
            sink.error(
                source.location(extendsNode),
                "unknown rule type '\(found)' for 'extends'"
                    + (hint.isEmpty ? ": expected one of \(Schema.typeNames.joined(separator: ", "))" : hint))
            return nil
        }
        var ok = true
        let message = keyed["message"].flatMap { $0.1.scalarText ?? "" }
        if keyed["message"] == nil {
            sink.error(source.location(node), "missing required key 'message' in \(kind) rule")
            ok = false
        }
        var level = "warning"
        if let (_, levelNode) = keyed["level"] {
            if let text = levelNode.scalarText, Schema.levels.contains(text) {
                level = text
            } else {
                sink.error(source.location(levelNode), "invalid level \(levelNode.kindName): expected suggestion, warning or error")
                ok = false
            }
        }
        if !Schema.lenientTypes.contains(kind) {
            let allowed = allowedKeys.sorted()
            for (key, _) in mapping {
                guard let name = key.scalarText, !allowed.contains(name.lowercased()) else { continue }
                sink.error(
                    source.location(key),
                    "unknown key '\(name)' for a \(kind) rule (Vale rejects it)\(Suggest.hint(for: name, in: allowed))")
                ok = false
            }
        }
        if let (_, codeNode) = keyed["code"], codeNode.scalarText == "true" {
            sink.error(source.location(codeNode), "'code: true' is rejected by Vale: use 'scope: raw'")
            ok = false
        }
        if let (_, scopeNode) = keyed["scope"] {
            for item in scalars(scopeNode) {
                guard let scope = item.scalarText else { continue }
                // Vale: "code", "link", "strong" and "emphasis" are not scopes ("use 'raw'").
                let parts = scope.split { "&.~ ".contains($0) }.map(String.init)
                if let bad = parts.first(where: { ["code", "link", "strong", "emphasis"].contains($0) }) {
                    sink.error(source.location(item), "scope '\(bad)' is rejected by Vale: use 'raw'")
                    ok = false
                }
            }
        }
        ok = checkTypeKeys(kind, keyed, source: source, at: node) && ok
        guard ok else { return nil }
        return VoiceRule(
            id: "\(style).\(stem)", style: style, extends: kind, level: level,
            message: message ?? "", file: file)
    }

    /// Required keys per type and regexes that must compile.
    private static func checkTypeKeys(_ kind: String, _ keyed: [String: (Node, Node)], source: YAMLSource, at node: Node) -> Bool {
        var ok = true
        func require(_ key: String, _ why: String) {
            if keyed[key] == nil {
                source.sink.error(source.location(node), "missing required key '\(key)' in \(kind) rule: \(why)")
                ok = false
            }
        }
        func regexes(_ key: String) {
            guard let (_, value) = keyed[key] else { return }
            for item in scalars(value) { ok = compiles(item, source: source, key: key) && ok }
        }
        switch kind {
        case "existence":
            if keyed["tokens"] == nil && keyed["raw"] == nil { require("tokens", "an existence rule needs 'tokens' or 'raw'") }
            regexes("tokens"); regexes("exceptions")
            if let (_, raw) = keyed["raw"] {
                let joined = scalars(raw).compactMap(\.scalarText).joined()
                ok = compiles(text: joined, at: raw, source: source, key: "raw") && ok
            }
        case "substitution":
            require("swap", "a mapping of what to find to what to write instead")
            if let (_, swap) = keyed["swap"] {
                if case .mapping(let pairs) = swap {
                    for (k, _) in pairs { ok = compiles(k, source: source, key: "swap") && ok }
                } else {
                    source.sink.error(source.location(swap), "expected 'swap' to be a mapping, found \(swap.kindName)")
                    ok = false
                }
            }
            regexes("exceptions")
        case "occurrence":
            require("token", "the pattern to count")
            if keyed["max"] == nil && keyed["min"] == nil { require("max", "an occurrence rule needs 'max' or 'min'") }
            regexes("token")
            for key in ["max", "min"] {
                if let (_, n) = keyed[key], Int(n.scalarText ?? "") == nil {
                    source.sink.error(source.location(n), "expected a whole number for '\(key)', found \(n.kindName)")
                    ok = false
                }
            }
        case "repetition":
            require("tokens", "the patterns whose repeats are flagged")
            regexes("tokens")
        case "consistency":
            require("either", "a mapping of pairs of spellings")
            if let (_, either) = keyed["either"], case .mapping(let pairs) = either {
                for (k, v) in pairs {
                    ok = compiles(k, source: source, key: "either") && ok
                    ok = compiles(v, source: source, key: "either") && ok
                }
            }
        case "conditional":
            require("first", "the pattern that needs a definition")
            require("second", "the pattern that defines it")
            regexes("first"); regexes("second")
        case "capitalization":
            require("match", "$title, $sentence, $lower, $upper or a regex")
        case "metric":
            require("formula", "the expression to compute")
            require("condition", "e.g. '> 35'")
        case "sequence":
            require("tokens", "the token patterns of the sequence")
        case "script":
            require("script", "inline Tengo source or a script file name")
        default: break
        }
        return ok
    }

    /// A scalar or each item of a list (Vale accepts a scalar where a list is expected).
    private static func scalars(_ node: Node) -> [Node] {
        if case .sequence(let seq) = node { return Array(seq) }
        return [node]
    }

    private static func compiles(_ node: Node, source: YAMLSource, key: String) -> Bool {
        guard let text = node.scalarText else { return true }
        return compiles(text: text, at: node, source: source, key: key)
    }

    private static func compiles(text: String, at node: Node, source: YAMLSource, key: String) -> Bool {
        if text.contains("(?U") {
            source.sink.error(source.location(node), "regex '\(text)' in '\(key)' uses (?U), which has no ICU equivalent")
            return false
        }
        guard RegexSyntax.compiles(text) else {
            source.sink.error(source.location(node), "regex '\(text)' in '\(key)' does not compile")
            return false
        }
        return true
    }
}
