import Foundation
import Yams

/// A rule's YAML, decoded to a key → node map with source lines, read the way Vale's
/// mapstructure does: keys case-insensitive, scalars accepted where lists are expected,
/// strings and numbers convertible, and any key the rule type does not know is an error.
struct RuleSource {
    let path: String
    let name: String
    var fields: [String: (node: Node, line: Int)] = [:]
    var order: [String] = []

    init(path: String, name: String, yaml: String) throws {
        self.path = path; self.name = name
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch let e as YamlError {
            // Styles in the wild write `\'` inside double quotes, which Vale's YAML reader accepts.
            if yaml.contains("\\'"), let retry = try? Yams.compose(yaml: yaml.replacingOccurrences(of: "\\'", with: "'")) {
                root = retry
            } else if "\(e)".contains("duplicate"), let retry = try? Yams.compose(yaml: RuleSource.dropDuplicateKeys(yaml)) {
                // Vale's YAML reader lets a later duplicate key stand; public styles have some.
                root = retry
            } else {
                throw VoiceError(path: path, line: RuleSource.line(of: e), "invalid YAML: \(RuleSource.describe(e))")
            }
        }
        guard let mapping = root?.mapping else {
            throw VoiceError(path: path, line: 1, "expected a mapping of rule keys (extends, message, ...)")
        }
        for (k, v) in mapping {
            let key = (k.string ?? "").lowercased()
            fields[key] = (v, k.mark?.line ?? 1)
            order.append(key)
        }
    }

    /// Removes repeated keys of one mapping (and what is nested under them), keeping the first.
    static func dropDuplicateKeys(_ yaml: String) -> String {
        var out: [Substring] = []
        var seen: [(indent: Int, keys: Set<String>)] = [(0, [])]
        var skipDeeperThan: Int? = nil
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if let s = skipDeeperThan {
                if body.isEmpty || indent > s { continue }
                skipDeeperThan = nil
            }
            if !body.isEmpty, !body.hasPrefix("#"), !body.hasPrefix("-"), let colon = body.firstIndex(of: ":") {
                let key = String(body[..<colon])
                while let last = seen.last, last.indent > indent { seen.removeLast() }
                if seen.last?.indent != indent { seen.append((indent, [])) }
                if seen[seen.count - 1].keys.contains(key) { skipDeeperThan = indent; continue }
                seen[seen.count - 1].keys.insert(key)
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    static func line(of e: YamlError) -> Int {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 1
        }
    }

    static func describe(_ e: YamlError) -> String {
        switch e {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(e)"
        }
    }

    func error(_ key: String, _ message: String) -> VoiceError {
        VoiceError(path: path, line: fields[key]?.line ?? 1, message)
    }

    /// Rejects keys that `ValeRuleSchema` does not allow for `type` (Vale's `ErrorUnused`).
    func checkKeys(for type: String) throws {
        let allowed = ValeRuleSchema.allowedKeys(for: type) ?? ValeRuleSchema.commonKeys
        for key in order where !allowed.contains(key) {
            let valid = allowed.subtracting(["code", "name", "tests", "matchcase"]).sorted().joined(separator: ", ")
            throw error(key, "'\(key)' is not a valid key for '\(string("extends") ?? "")' rules (\(name)); expected one of: \(valid)")
        }
    }

    func has(_ key: String) -> Bool {
        fields[key] != nil && !(fields[key]!.node.scalar.map { $0.tag.rawValue.hasSuffix("null") || $0.string == "~" } ?? false)
    }

    func string(_ key: String) -> String? {
        guard let n = fields[key]?.node else { return nil }
        if case .scalar(let s) = n { return s.string }
        return nil
    }

    func bool(_ key: String, default d: Bool) throws -> Bool {
        guard let s = string(key) else {
            if fields[key] != nil { throw error(key, "'\(key)' expects a boolean") }
            return d
        }
        switch s.lowercased() {
        case "true", "yes", "on", "1", "t": return true
        case "false", "no", "off", "0", "f", "": return false
        default: throw error(key, "'\(key)' expects a boolean, got '\(s)'")
        }
    }

    func int(_ key: String, default d: Int) throws -> Int {
        guard let s = string(key) else { return d }
        if let n = Int(s) { return n }
        if let f = Double(s) { return Int(f) }
        throw error(key, "'\(key)' expects an integer, got '\(s)'")
    }

    func double(_ key: String, default d: Double) throws -> Double {
        guard let s = string(key) else { return d }
        if let f = Double(s) { return f }
        throw error(key, "'\(key)' expects a number, got '\(s)'")
    }

    func list(_ key: String) throws -> [String] {
        guard let n = fields[key]?.node else { return [] }
        switch n {
        case .scalar(let s):
            if s.tag.rawValue.hasSuffix("null") { return [] }
            return [s.string]
        case .sequence(let seq):
            return try seq.map { item in
                guard case .scalar(let s) = item else { throw error(key, "'\(key)' expects a list of strings") }
                return s.string
            }
        default: throw error(key, "'\(key)' expects a list of strings")
        }
    }

    /// An ordered map (swap, either). A list of one-entry maps is accepted too.
    func pairs(_ key: String) throws -> [(String, String)] {
        guard let n = fields[key]?.node else { return [] }
        var out: [(String, String)] = []
        func add(_ m: Node.Mapping) throws {
            for (k, v) in m {
                guard let ks = k.string else { throw error(key, "'\(key)' expects string keys") }
                out.append((ks, v.string ?? ""))
            }
        }
        switch n {
        case .mapping(let m): try add(m)
        case .sequence(let seq):
            for item in seq { guard case .mapping(let m) = item else { throw error(key, "'\(key)' expects a map") }; try add(m) }
        case .scalar(let s) where s.tag.rawValue.hasSuffix("null"): break
        default: throw error(key, "'\(key)' expects a map of strings")
        }
        return out
    }

    func action() throws -> AlertAction? {
        guard let n = fields["action"]?.node else { return nil }
        guard case .mapping(let m) = n else { throw error("action", "'action' expects a map with 'name' and 'params'") }
        var name = ""
        var params: [String] = []
        for (k, v) in m {
            switch (k.string ?? "").lowercased() {
            case "name": name = v.string ?? ""
            case "params":
                if case .sequence(let s) = v { params = s.map { $0.string ?? "" } } else if let s = v.string { params = [s] }
            default: throw error("action", "'action' has an unknown key '\(k.string ?? "")'")
            }
        }
        return AlertAction(name: name, params: params)
    }
}

/// The keys every rule has (Vale's `Definition`).
/// A class: rules hand it out on every block, so copying its strings each time would cost.
final class RuleDefinition {
    var name: String
    var extends: String
    var message: String
    var description: String
    var level: Severity
    var scope: RuleScope
    var link: String
    var limit: Int
    var action: AlertAction?
    var path: String
    /// `matchcase`: a `replace` action's suggestions take the case of the text they replace
    /// (`CaseMatch`); `capitalization` rules ignore it, as Vale does.
    var matchcase = false

    init(
        name: String, extends: String, message: String, description: String, level: Severity, scope: RuleScope,
        link: String, limit: Int, action: AlertAction?, path: String
    ) {
        self.name = name; self.extends = extends; self.message = message; self.description = description
        self.level = level; self.scope = scope; self.link = link; self.limit = limit; self.action = action; self.path = path
    }

    init(_ src: RuleSource) throws {
        name = src.name
        path = src.path
        guard let ext = src.string("extends") else { throw VoiceError(path: src.path, line: 1, "missing the required 'extends' key") }
        extends = ext
        guard src.fields["message"] != nil else { throw VoiceError(path: src.path, line: 1, "missing the required 'message' key") }
        message = src.string("message") ?? ""
        description = src.string("description") ?? ""
        if let lv = src.string("level") {
            guard let s = Severity(name: lv), lv == lv.lowercased() else {
                throw src.error("level", "'level' must be one of suggestion, warning, error (got '\(lv)')")
            }
            level = s
        } else {
            level = .warning
        }
        var scopes = try src.list("scope")
        if scopes.isEmpty { scopes = ["text"] }
        for s in scopes {
            let head = String(s.trimmingCharacters(in: .whitespaces).drop(while: { $0 == "~" }).split(separator: ".").first ?? "")
            if !s.contains("&") && head.contains(" ") { throw src.error("scope", "scope '\(head)' contains spaces") }
            if ["code", "link", "strong", "emphasis"].contains(head) {
                throw src.error("scope", "scope '\(head)' is not supported; use 'raw' and match the markup")
            }
        }
        scope = RuleScope(scopes)
        link = src.string("link") ?? ""
        limit = try src.int("limit", default: 0)
        action = try src.action()
        matchcase = try src.bool("matchcase", default: false)
        if try src.bool("code", default: false) { throw src.error("code", "`code` is deprecated; please use `scope: raw` instead") }
    }
}
