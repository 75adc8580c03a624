import Foundation

/// A `.vale.ini`: where styles live, which apply to which files, rule toggles and levels.
public struct VoiceConfig: Sendable {
    struct Section: Sendable {
        var name: String
        var glob: Glob
        var baseStyles: [String]?
        var checks: [String: Bool] = [:]
        var order: Int
    }

    /// The file the configuration was read from (for messages), if any.
    public var path: String = ""
    public var stylesPaths: [URL] = []
    public var minAlertLevel: Severity = .suggestion
    public var vocab: [String] = []
    public var wordTemplate: String?
    public var ignoredScopes: [String] = []
    public var skippedScopes: [String] = []
    public var ignoredClasses: [String] = []
    /// How long one regex match may run, in ICU steps (`RegexTimeLimit`; the `.vale.ini` core
    /// key `RegexTimeLimit`, a Tessera addition). 0 means no limit.
    public var regexTimeLimit = RegexTimeLimit.defaultSteps
    var formats: [String: String] = [:]
    var globalBaseStyles: [String] = []
    var globalChecks: [String: Bool] = [:]
    var sections: [Section] = []
    var ruleLevels: [String: Severity] = [:]
    var blockIgnores: [String: [String]] = [:]
    var tokenIgnores: [String: [String]] = [:]

    public init() {}

    static let coreKeys: Set<String> = [
        "StylesPath", "MinAlertLevel", "Vocab", "Packages", "WordTemplate", "IgnoredScopes", "SkippedScopes", "IgnoredClasses", "NLPEndpoint",
        "RegexTimeLimit",
    ]
    static let syntaxKeys: Set<String> = [
        "BasedOnStyles", "BlockIgnores", "TokenIgnores", "IgnorePatterns", "Lang", "CommentDelimiters", "Transform", "View",
    ]

    /// Reads a `.vale.ini`; relative paths resolve against its folder.
    public static func load(_ url: URL) throws -> VoiceConfig {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw VoiceError(path: url.path, "cannot read the configuration file")
        }
        return try parse(text, path: url.path, folder: url.deletingLastPathComponent())
    }

    /// A configuration made from a styles folder (e.g. a brand's `brand/voice/`), without an ini:
    /// every style folder in it applies to every file (or only `basedOn`), with the given
    /// vocabularies (nil: every vocabulary under `config/vocabularies/` or `vocabularies/`).
    public static func styles(folder: URL, basedOn: [String]? = nil, vocab: [String]? = nil, minAlertLevel: Severity = .suggestion) throws
        -> VoiceConfig
    {
        var c = VoiceConfig()
        c.path = folder.path
        c.stylesPaths = [folder]
        c.minAlertLevel = minAlertLevel
        let fm = FileManager.default
        func folders(_ url: URL) -> [String] {
            ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).sorted().filter { n in
                var dir: ObjCBool = false
                return !n.hasPrefix(".") && fm.fileExists(atPath: url.appendingPathComponent(n).path, isDirectory: &dir) && dir.boolValue
            }
        }
        c.vocab =
            vocab
            ?? Array(Set(folders(folder.appendingPathComponent("config/vocabularies")) + folders(folder.appendingPathComponent("vocabularies"))))
            .sorted()
        c.globalBaseStyles = basedOn ?? folders(folder).filter { $0 != "config" && $0 != "vocabularies" }
        return c
    }

    static func parse(_ text: String, path: String, folder: URL) throws -> VoiceConfig {
        var c = VoiceConfig()
        c.path = path
        var section: String? = nil
        var order = 0
        for (n, rawLine) in text.components(separatedBy: .newlines).enumerated() {
            let lineNo = n + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard let close = line.lastIndex(of: "]") else {
                    throw VoiceError(path: path, line: lineNo, "expected ']' to close the section name")
                }
                let name = String(line[line.index(after: line.startIndex)..<close]).trimmingCharacters(in: .whitespaces)
                section = name
                if name != "*" && name != "formats" && name != "asciidoctor" && !c.sections.contains(where: { $0.name == name }) {
                    c.sections.append(Section(name: name, glob: try Glob(name), baseStyles: nil, order: order)); order += 1
                }
                continue
            }
            let (key, value) = try keyValue(line, path: path, line: lineNo)
            switch section {
            case nil: try c.setCore(key, value, folder: folder, line: lineNo)
            case "formats": c.formats[key] = value
            case "asciidoctor": break
            case let sec?: try c.set(key, value, section: sec, line: lineNo)
            }
        }
        return c
    }

    /// `key = value`, the value without a trailing ` #` or ` ;` comment (unless quoted) and
    /// without its quotes.
    private static func keyValue(_ line: String, path: String, line lineNo: Int) throws -> (String, String) {
        guard let eq = line.firstIndex(of: "=") else { throw VoiceError(path: path, line: lineNo, "expected 'key = value'") }
        let key = line[..<eq].trimmingCharacters(in: .whitespaces)
        var value = String(line[line.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        for marker in [" #", " ;"] {
            if let r = value.range(of: marker), !value.hasPrefix("'"), !value.hasPrefix("\"") {
                value = String(value[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
        }
        if value.count >= 2, (value.hasPrefix("\"") && value.hasSuffix("\"")) || (value.hasPrefix("'") && value.hasSuffix("'")) {
            value = String(value.dropFirst().dropLast())
        }
        return (key, value)
    }

    /// A comma-separated value's items.
    private static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A core option (above any section); a syntax option there is an error, others are ignored.
    private mutating func setCore(_ key: String, _ value: String, folder: URL, line: Int) throws {
        guard Self.coreKeys.contains(key) else {
            if Self.syntaxKeys.contains(key) {
                throw VoiceError(path: path, line: line, "'\(key)' is a syntax-specific option; it belongs in a [*] or glob section")
            }
            return
        }
        switch key {
        case "StylesPath": stylesPaths.append(URL(fileURLWithPath: value, relativeTo: folder).standardizedFileURL)
        case "MinAlertLevel":
            guard let s = Severity(name: value) else {
                throw VoiceError(path: path, line: line, "MinAlertLevel must be suggestion, warning or error (got '\(value)')")
            }
            minAlertLevel = s
        case "Vocab": vocab += Self.list(value)
        case "WordTemplate": wordTemplate = value
        case "IgnoredScopes": ignoredScopes = Self.list(value)
        case "SkippedScopes": skippedScopes = Self.list(value)
        case "IgnoredClasses": ignoredClasses = Self.list(value)
        case "RegexTimeLimit":
            guard let steps = Int(value), steps >= 0, steps <= Int(Int32.max) else {
                throw VoiceError(path: path, line: line, "RegexTimeLimit must be a whole number of ICU steps, 0 for none (got '\(value)')")
            }
            regexTimeLimit = steps
        default: break
        }
    }

    /// An option of the `[*]` or a glob section: styles, ignore patterns, a syntax option, or
    /// `Style.Rule = YES|NO|level`.
    private mutating func set(_ key: String, _ value: String, section sec: String, line: Int) throws {
        if Self.coreKeys.contains(key) {
            throw VoiceError(path: path, line: line, "'\(key)' is a core option; it should be defined above any section")
        }
        switch key {
        case "BasedOnStyles":
            if sec == "*" {
                globalBaseStyles = Self.list(value)
            } else if let i = sections.firstIndex(where: { $0.name == sec }) {
                sections[i].baseStyles = Self.list(value)
            }
        case "BlockIgnores", "IgnorePatterns": blockIgnores[sec, default: []] += Self.list(value)
        case "TokenIgnores": tokenIgnores[sec, default: []] += Self.list(value)
        case _ where Self.syntaxKeys.contains(key): break
        default:
            guard key.contains(".") else {
                throw VoiceError(path: path, line: line, "unknown option '\(key)' (expected a syntax option or Style.Rule = YES|NO|level)")
            }
            var on = false
            if value == "YES" {
                on = true
            } else if value == "NO" {
                on = false
            } else if let lv = Severity(name: value), value == value.lowercased() {
                on = true; ruleLevels[key] = lv
            }
            if sec == "*" { globalChecks[key] = on } else if let i = sections.firstIndex(where: { $0.name == sec }) { sections[i].checks[key] = on }
        }
    }

    /// Every style some section names, and every individually toggled rule.
    var namedStyles: [String] {
        var out: [String] = []
        func add(_ s: String) { if !out.contains(s) { out.append(s) } }
        globalBaseStyles.forEach(add)
        for s in sections { s.baseStyles?.forEach(add) }
        for k in globalChecks.keys.sorted() { add(String(k.split(separator: ".").first ?? "")) }
        for s in sections { for k in s.checks.keys.sorted() { add(String(k.split(separator: ".").first ?? "")) } }
        return out
    }

    /// What applies to one file path: base styles and merged rule toggles.
    func resolve(path: String) -> (baseStyles: [String], checks: [String: Bool]) {
        var base = globalBaseStyles
        var checks: [String: Bool] = [:]
        let normed = normalizedPath(path)
        for s in sections where s.glob.matches(path) || s.glob.matches(normed) {
            if let b = s.baseStyles { base = b }
            for (k, v) in s.checks { checks[k] = v }
        }
        return (base, checks)
    }

    /// The format (extension without the dot) a path is linted as, after `[formats]`.
    func format(of path: String) -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        return formats[ext] ?? ext
    }

    func normalizedPath(_ path: String) -> String {
        let ext = (path as NSString).pathExtension
        guard let to = formats[ext] else { return path }
        return (path as NSString).deletingPathExtension + "." + to
    }

    /// Whether any section could apply to the path (Vale skips files no section names).
    func hasAnyRule(for path: String) -> Bool {
        let r = resolve(path: path)
        return !r.baseStyles.isEmpty || !r.checks.isEmpty || !globalChecks.isEmpty
    }

    func patterns(_ table: [String: [String]], for path: String) -> [String] {
        var out: [String] = []
        for (sec, list) in table.sorted(by: { $0.key < $1.key }) {
            if sec == "*" || ((try? Glob(sec))?.matches(path) ?? false) { out += list }
        }
        return out
    }
}
