import Foundation

/// One file being linted: extracts its blocks in document order, runs the enabled rules over
/// each as it is produced (so in-text `vale off` comments apply from where they are), and places
/// each finding at its source line and column.
final class FileRun {
    let linter: VoiceLinter
    let path: String
    let format: String
    let source: SourceLines
    let state = FileState()
    let enabled: [(index: Int, rule: ValeRule, level: Severity)]
    let anyTriggers: Bool
    var alerts: [Alert] = []
    /// (line, column, rule) of alerts already reported: Vale drops duplicates.
    struct SeenKey: Hashable { let line: Int, col: Int, rule: ObjectIdentifier }
    var seen = Set<SeenKey>()
    var limits: [String: Int] = [:]
    var comments: [String: Bool] = [:]
    /// Block scope name → indices of `enabled` rules whose scope selects it.
    var scopeCache: [String: [Int]] = [:]
    var error: Error?
    let needsParagraphs: Bool
    let needsSentences: Bool

    init(linter: VoiceLinter, path: String, format: String, text: String) {
        self.linter = linter
        self.path = path
        self.format = format
        // Vale normalises line endings before linting.
        self.source = SourceLines(
            text.contains("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text)
        enabled = linter.enabledRules(for: path)
        needsParagraphs = enabled.contains { $0.rule.def.scope.mentions("paragraph") }
        needsSentences = enabled.contains { $0.rule.def.scope.mentions("sentence") }
        anyTriggers = enabled.contains { $0.rule.triggers != nil }
    }

    var ext: String { "." + ((path as NSString).pathExtension.isEmpty ? format : (path as NSString).pathExtension) }

    func lint() throws -> [Alert] {
        guard !enabled.isEmpty else { return [] }
        let units = source.utf16
        if linter.ignoreSyntax {
            lintBlock(TextBlock(text: source.content, map: Array(0..<units.count), scope: "text" + ext))
        } else {
            switch format {
            case "md", "markdown", "mdown", "mkd":
                let ignored = RuleScope(linter.config.ignoredScopes)
                for var b in FrontMatterBlocks.blocks(units, ext: ext) where linter.config.ignoredScopes.isEmpty || !ignored.matches(b.scope) {
                    b.lookup = false
                    lintBlock(b)
                }
                walk(MarkdownBlocks.tokens(try Masking.markdown(units, config: linter.config, path: path)))
            case "html", "htm", "xhtml":
                walk(HTMLTokenizer.tokens(Masking.liquid(units)))
            case "mjml":
                let masked = Masking.liquid(units)
                for var b in FrontMatterBlocks.blocks(masked, ext: ext, only: FrontMatterBlocks.mjmlCopyKeys) { b.lookup = false; lintBlock(b) }
                walk(MJMLExtractor.tokens(masked))
            case "txt":
                prose(TextBlock(text: source.content, map: Array(0..<units.count), scope: "text" + ext))
            default:
                lintBlock(TextBlock(text: source.content, map: Array(0..<units.count), scope: "text" + ext))
            }
        }
        if let error { throw error }
        // Sized scopes: the summary once per file, then the raw file.
        comments = comments.filter { $0.key == "off" }
        lintBlock(TextBlock(text: state.summary, map: [], scope: "summary" + ext))
        lintBlock(TextBlock(text: source.content, map: Array(0..<units.count), scope: "raw" + ext))
        if let error { throw error }
        return alerts.enumerated().sorted { a, b in
            (a.element.line, a.element.span.0, a.offset) < (b.element.line, b.element.span.0, b.offset)
        }.map { $0.element }
    }

    private func walk(_ tokens: [HTMLToken]) {
        var walker = BlockWalker(
            ext: ext,
            skipTags: linter.config.skippedScopes.isEmpty ? nil : Set(linter.config.skippedScopes),
            ignoredClasses: linter.config.ignoredClasses,
            ignoredInline: linter.config.ignoredScopes.isEmpty ? nil : Set(linter.config.ignoredScopes),
            onBlock: { [unowned self] b, isProse in
                if isProse { self.prose(b) } else { var s = b; s.lookup = false; self.lintBlock(s) }
            },
            onComment: { [unowned self] c in self.updateComments(c) },
            onMetric: { [unowned self] m in self.state.metrics[m, default: 0] += 1 },
            onSummary: { [unowned self] s in self.state.summary += s })
        walker.isOff = { [unowned self] in self.comments["off"] == true }
        walker.walk(tokens)
    }

    /// A paragraph-like block: its paragraphs and sentences (when some rule asks for them), then itself.
    private func prose(_ b: TextBlock) {
        let units = b.units
        let parentScope = b.scope.name
        if needsParagraphs {
            var start = 0
            let sep: [UInt16] = [10, 10]
            var i = 0
            while i + 1 < units.count {
                if units[i] == sep[0] && units[i + 1] == sep[1] {
                    sub(units, b.map, b.off, start..<(i + 2), "paragraph." + parentScope, trim: false)
                    start = i + 2; i += 2; continue
                }
                i += 1
            }
            sub(units, b.map, b.off, start..<units.count, "paragraph." + parentScope, trim: false)
        }
        if needsSentences {
            for r in Sentences.ranges(units) { sub(units, b.map, b.off, r, "sentence." + parentScope, trim: true) }
        }
        lintBlock(b)
    }

    private func sub(_ units: [UInt16], _ map: [Int], _ off: [Bool], _ r: Range<Int>, _ scope: String, trim: Bool) {
        var a = r.lowerBound, z = r.upperBound
        if trim {
            while a < z, MappedText.isSpace(units[a]) { a += 1 }
            while z > a, MappedText.isSpace(units[z - 1]) { z -= 1 }
        }
        guard a < z else { return }
        let m = map.isEmpty ? [] : Array(map[a..<z])
        lintBlock(TextBlock(units: Array(units[a..<z]), map: m, scope: scope, off: off.isEmpty ? [] : Array(off[a..<z])))
    }

    // MARK: comments

    private func updateComments(_ c: String) {
        if c == "vale off" { comments["off"] = true; return }
        if c == "vale on" { comments["off"] = false; return }
        if let m = c.firstMatch(of: /^vale (.+\..+)\[(.+)\] = (YES|NO)$/) {
            if let data = "[\(m.2)]".data(using: .utf8), let parts = try? JSONSerialization.jsonObject(with: data) as? [String] {
                for p in parts { comments["\(m.1)[\(p)]"] = m.3 == "NO" }
            }
            return
        }
        if let m = c.firstMatch(of: /^vale (.+\..+|[^.]+) = (YES|NO|on|off)$/) {
            comments[String(m.1)] = m.2 == "NO" || m.2 == "off"
            return
        }
        if let m = c.firstMatch(of: /^vale styles? = (.*)$/) {
            let base = linter.config.resolve(path: path).baseStyles
            for s in base { comments[s] = true }
            for s in m.1.components(separatedBy: ", ") { comments[s] = false }
        }
    }

    private func disabled(_ check: String, offAware: Bool = false) -> Bool {
        if comments.isEmpty { return false }
        if comments["off"] == true && !offAware { return true }
        if let style = check.split(separator: ".").first, comments[String(style)] == true { return true }
        return comments[check] == true
    }

    // MARK: running rules

    func lintBlock(_ b: TextBlock) {
        guard error == nil else { return }
        lastLine = nil
        blockSentences = nil
        guesses.removeAll(keepingCapacity: true)
        var candidates: [Bool] = []
        if anyTriggers {
            candidates = Array(repeating: false, count: linter.rules.count)
            for w in b.wordHashes() { for i in linter.triggerIndex[w] ?? [] { candidates[i] = true } }
        }
        let applicable: [Int]
        if let hit = scopeCache[b.scope.name] {
            applicable = hit
        } else {
            let selects = linter.rulesSelecting(b.scope)
            applicable = enabled.indices.filter { selects[enabled[$0].index] }
            scopeCache[b.scope.name] = applicable
        }
        for k in applicable {
            let (index, rule, level) = enabled[k]
            let def = rule.def
            let name = def.name
            if rule.triggers != nil && !candidates[index] { continue }
            if disabled(name, offAware: !b.off.isEmpty) { continue }
            do {
                for f in try rule.run(b, state) {
                    if !comments.isEmpty && disabled("\(name)[\(f.match)]") { continue }
                    if let r = f.range, r.location < b.off.count, b.off[r.location] { continue }
                    place(f, in: b, rule: rule, level: level)
                }
            } catch let limit as RegexLimitExceeded {
                // One rule's pathological regex costs that rule this block, not the whole run.
                reportLimit(limit, rule: rule, level: level, in: b)
            } catch {
                self.error = error
                return
            }
        }
    }

    /// An alert of `rule` at the start of the block it could not check, naming the limit.
    private func reportLimit(_ limit: RegexLimitExceeded, rule: ValeRule, level: Severity, in b: TextBlock) {
        let (line, col) = b.map.first(where: { $0 >= 0 }).map { source.position(of: $0) } ?? (1, 1)
        let what =
            limit.lookbehindLength.map { "has a lookbehind ICU cannot bound for a text of \($0) characters" }
            ?? (limit.stackOverflow ? "ran out of ICU's backtracking memory" : "ran past the regex time limit (\(limit.steps) steps)")
        let message =
            "the regular expression '\(limit.pattern)' of \(rule.def.name) \(what) on this text, so the rule "
            + "did not check it (simplify the pattern, or raise RegexTimeLimit in .vale.ini)"
        alerts.append(
            Alert(
                path: path, line: line, span: (col, col), check: rule.def.name, message: message,
                description: "", link: rule.def.link, severity: level, action: nil, match: ""))
    }

    /// The current block's last line, searched to place alerts of structural blocks (made on
    /// the first such alert of the block).
    var lastLine: LastLineSearch?
    /// The current block's sentences and the lines guessed for its matches (`guessLine`).
    var blockSentences: [String]?
    struct GuessKey: Hashable { let match: String, from: Int }
    var guesses: [GuessKey: Int?] = [:]
    /// The file's lines, split once.
    lazy var sourceLines = source.content.split(separator: "\n", omittingEmptySubsequences: false)

}
