import Foundation

/// Loads style folders (`<StylesPath>/<Style>/**/*.yml`) and vocabularies into rules.
struct StyleLoader {
    static let supported: Set<String> = [
        "existence", "substitution", "occurrence", "repetition", "consistency", "conditional", "capitalization", "metric", "readability", "spelling",
    ]
    /// Valid Vale rule types Voice does not run (they need a POS tagger or Tengo).
    static let unsupported: Set<String> = ["sequence", "script"]

    let config: VoiceConfig

    func vocabulary() -> (accept: [String], reject: [String]) {
        var accept: [String] = [], reject: [String] = []
        for name in config.vocab {
            for base in config.stylesPaths {
                // Vale's layout is config/vocabularies/<Name>; a brand folder may keep vocabularies/<Name>.
                for sub in ["config/vocabularies/\(name)", "vocabularies/\(name)"] {
                    let dir = base.appendingPathComponent(sub)
                    accept += words(dir.appendingPathComponent("accept.txt"))
                    reject += words(dir.appendingPathComponent("reject.txt"))
                }
            }
        }
        return (accept, reject)
    }

    private func words(_ url: URL) -> [String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.components(separatedBy: .newlines)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
            .filter { !$0.trimmedSpace.isEmpty && !$0.hasPrefix("# ") }
    }

    /// Loads every rule of the named styles (and the built-in `Vale` style when named).
    func load() throws -> (rules: [ValeRule], skipped: [String]) {
        let vocab = vocabulary()
        let ctx = RuleContext(
            wordTemplate: config.wordTemplate, accepted: vocab.accept, rejected: vocab.reject,
            stylesPaths: config.stylesPaths)
        var rules: [ValeRule] = []
        var skipped: [String] = []
        var loaded = Set<String>()
        for style in config.namedStyles {
            if style == "Vale" {
                if !vocab.accept.isEmpty { rules.append(try SubstitutionRule(terms: vocab.accept)) }
                if !vocab.reject.isEmpty { rules.append(try ExistenceRule(avoid: vocab.reject)) }
                rules.append(try RepetitionRule(builtinWith: ctx))
                // Without an installed en_US dictionary the built-in spelling rule cannot run.
                do { rules.append(try SpellingRule(builtinWith: ctx)) } catch is SpellingRule.DefaultDictionaryMissing {
                    skipped.append("Vale.Spelling")
                }
                continue
            }
            guard
                let dir = config.stylesPaths.reversed().map({ $0.appendingPathComponent(style) }).first(where: {
                    FileManager.default.fileExists(atPath: $0.path)
                })
            else {
                // A rule toggle for a style that is not installed is ignored, as Vale does;
                // a base style that is missing is an error.
                if isBaseStyle(style) {
                    throw VoiceError(
                        path: config.path,
                        "E100 [loadStyles] Runtime error: style '\(style)' not found in StylesPath (\(config.stylesPaths.map { $0.path }.joined(separator: ", ")))"
                    )
                }
                continue
            }
            for file in ymlFiles(dir) {
                let stem = file.deletingPathExtension().lastPathComponent
                let name = "\(file.deletingLastPathComponent().lastPathComponent).\(stem)"
                guard !loaded.contains(name) else { continue }
                guard isBaseStyle(style) || ruleMentioned(name) else { continue }
                loaded.insert(name)
                do {
                    if let r = try loadRule(file, name: name, ctx) { rules.append(r) } else { skipped.append(name) }
                } catch is SpellingRule.DefaultDictionaryMissing {
                    skipped.append(name)
                }
            }
        }
        return (rules, skipped)
    }

    private func isBaseStyle(_ s: String) -> Bool {
        config.globalBaseStyles.contains(s) || config.sections.contains { $0.baseStyles?.contains(s) ?? false }
    }

    private func ruleMentioned(_ name: String) -> Bool {
        config.globalChecks[name] != nil || config.sections.contains { $0.checks[name] != nil }
    }

    private func ymlFiles(_ dir: URL) -> [URL] {
        guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [] }
        var out: [URL] = []
        for case let u as URL in e where u.pathExtension == "yml" { out.append(u) }
        return out.sorted { $0.path < $1.path }
    }

    func loadRule(_ url: URL, name: String, _ ctx: RuleContext) throws -> ValeRule? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw VoiceError(path: url.path, "cannot read rule file") }
        return try StyleLoader.rule(yaml: text, path: url.path, name: name, ctx)
    }

    static func rule(yaml: String, path: String, name: String, _ ctx: RuleContext) throws -> ValeRule? {
        let src = try RuleSource(path: path, name: name, yaml: yaml)
        guard let ext = src.string("extends") else { throw VoiceError(path: path, line: 1, "missing the required 'extends' key") }
        if unsupported.contains(ext) { _ = try RuleDefinition(src); return nil }
        switch ext {
        case "existence": return try ExistenceRule(src, ctx)
        case "substitution": return try SubstitutionRule(src, ctx)
        case "occurrence": return try OccurrenceRule(src, ctx)
        case "repetition": return try RepetitionRule(src, ctx)
        case "consistency": return try ConsistencyRule(src, ctx)
        case "conditional": return try ConditionalRule(src, ctx)
        case "capitalization": return try CapitalizationRule(src, ctx)
        case "metric": return try MetricRule(src, ctx)
        case "readability": return try ReadabilityRule(src, ctx)
        case "spelling": return try SpellingRule(src, ctx)
        default:
            throw src.error(
                "extends",
                "'extends' key must be one of capitalization, conditional, consistency, existence, occurrence, repetition, substitution, readability, spelling, sequence, metric, script (got '\(ext)')"
            )
        }
    }
}
