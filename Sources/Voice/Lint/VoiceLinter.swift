import Foundation

/// The prose linter: rules compiled once from a configuration, then run over any number of
/// texts. `lint(text:format:path:)` is the entry point other modules call. Its configuration is
/// fixed at init; the two caches it fills on first use (rules per scope, rules per file when
/// there are no glob sections) are guarded by `scopeLock`, hence `@unchecked Sendable`.
public final class VoiceLinter: @unchecked Sendable {
    public let config: VoiceConfig
    let rules: [ValeRule]
    /// Rules of valid Vale types Voice does not run (sequence, script), and spelling rules when no
    /// en_US Hunspell dictionary is installed.
    public let skippedRules: [String]
    /// Lint every input as plain text (Vale's `--ignore-syntax`).
    public let ignoreSyntax: Bool

    public init(config: VoiceConfig, ignoreSyntax: Bool = false) throws {
        self.config = config
        self.ignoreSyntax = ignoreSyntax
        let loaded = try StyleLoader(config: config).load()
        rules = loaded.rules
        skippedRules = loaded.skipped
        var index: [UInt64: [Int]] = [:]
        for (i, r) in rules.enumerated() {
            for w in Set(r.triggers ?? []) { index[WordHash.of(w), default: []].append(i) }
        }
        triggerIndex = index
    }

    private var scopeMatches: [String: [Bool]] = [:]
    private let scopeLock = NSLock()

    /// For a block scope name, which rules (by index) its scope selects; computed once per name.
    func rulesSelecting(_ scope: BlockScope) -> [Bool] {
        scopeLock.lock(); defer { scopeLock.unlock() }
        if let hit = scopeMatches[scope.name] { return hit }
        let m = rules.map { $0.def.scope.matches(scope) }
        scopeMatches[scope.name] = m
        return m
    }

    /// Word → rules that can only match a block containing it (the literal prefilter).
    let triggerIndex: [UInt64: [Int]]

    /// Names of the rules loaded (e.g. `write-good.Weasel`).
    public var ruleNames: [String] { rules.map { $0.def.name } }

    /// Lints `text` as the given format (`md`, `html`, `mjml`, `txt`, ...; nil: from `path`'s
    /// extension); alerts are sorted by line and column, positions refer to `text`.
    public func lint(text: String, format: String? = nil, path: String) throws -> [Alert] {
        let fmt = format.map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 } ?? config.format(of: path)
        let run = FileRun(linter: self, path: path, format: fmt, text: text)
        return try RegexTimeLimit.$steps.withValue(config.regexTimeLimit) { try run.lint() }
    }

    /// Lints a file on disk; `displayPath` is the path printed in alerts.
    public func lint(fileAt url: URL, displayPath: String? = nil, format: String? = nil) throws -> [Alert] {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw VoiceError(path: url.path, "cannot read file") }
        let text = String(decoding: data, as: UTF8.self)
        return try lint(text: text, format: format, path: displayPath ?? url.path)
    }

    /// Rules that apply to a file path, with their effective level (Vale's `shouldRun` minus scope).
    private var globalEnabled: [(index: Int, rule: ValeRule, level: Severity)]?

    func enabledRules(for path: String) -> [(index: Int, rule: ValeRule, level: Severity)] {
        // Without glob sections every file gets the same rules.
        if config.sections.isEmpty {
            scopeLock.lock(); defer { scopeLock.unlock() }
            if let g = globalEnabled { return g }
            let g = computeEnabled(path)
            globalEnabled = g
            return g
        }
        return computeEnabled(path)
    }

    private func computeEnabled(_ path: String) -> [(index: Int, rule: ValeRule, level: Severity)] {
        let (base, checks) = config.resolve(path: path)
        var out: [(index: Int, rule: ValeRule, level: Severity)] = []
        for (i, r) in rules.enumerated() {
            let name = r.def.name
            var run = false
            if let v = checks[name] { if !v { continue }; run = true }
            if !run, let v = config.globalChecks[name] { if !v { continue }; run = true }
            let style = String(name.split(separator: ".").first ?? "")
            if !run && !base.contains(style) { continue }
            let level = config.ruleLevels[name] ?? r.def.level
            if level < config.minAlertLevel { continue }
            out.append((i, r, level))
        }
        return out
    }
}
