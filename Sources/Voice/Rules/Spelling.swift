import Foundation

/// `extends: spelling` — every word a Hunspell dictionary does not know, unless a filter, an
/// `ignore` file or the accepted vocabulary covers it.
final class SpellingRule: ValeRule {
    /// Vale's filters unless `custom: true`: camel case, all caps, and any token with a
    /// character other than a letter, `_` or `'`.
    static let defaultFilters = ["[A-Z]{1}[a-z]+[A-Z]+\\w+", "[A-Z]+$", "[^a-zA-Z_']"]
    static let defaultDictionary = "en_US"

    /// No dictionary of the default name is installed (and the rule named none): the rule is
    /// listed in `VoiceLinter.skippedRules` instead of failing the run.
    struct DefaultDictionaryMissing: Error { let folders: [String] }

    let def: RuleDefinition
    let dictionaries: [Hunspell]
    let filters: [Pattern]
    let ignored: Set<String>
    let vocab: Pattern?
    /// Accepted multi-word terms: their words are not checked inside the phrase (Vale #1035).
    let phrases: Pattern?

    init(_ src: RuleSource, _ ctx: RuleContext) throws {
        def = try RuleDefinition(src)
        let custom = try src.bool("custom", default: false)
        var filters: [Pattern] = []
        for f in (custom ? [] : SpellingRule.defaultFilters) + (try src.list("filters")) {
            do { filters.append(try PatternCache.shared.pattern(f)) } catch {
                throw src.error("filters", "invalid regular expression in \(src.name): \(f)")
            }
        }
        self.filters = filters
        let base = ctx.stylesPaths.first ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        dictionaries = try SpellingRule.dictionaries(src, base: base)
        var words = Set<String>()
        for name in try src.list("ignore") {
            guard let url = SpellingRule.ignoreFile(name, stylesPaths: ctx.stylesPaths) else {
                throw src.error(
                    "ignore",
                    "ignore file '\(name)' of \(src.name) not found (looked in \(ctx.stylesPaths.map(\.path).joined(separator: ", ")) and config/ignore/)"
                )
            }
            words.formUnion(SpellingRule.wordList(url))
        }
        ignored = words
        vocab = SpellingRule.vocabPattern(ctx.accepted)
        phrases = SpellingRule.phrasePattern(ctx.accepted)
    }

    /// Built-in `Vale.Spelling`: the default dictionary, the ignore files under
    /// `<StylesPath>/config/ignore/`, and the accepted vocabulary.
    init(builtinWith ctx: RuleContext) throws {
        def = RuleDefinition.builtin(name: "Vale.Spelling", extends: "spelling", message: "Did you really mean '%s'?", level: .error)
        def.action = AlertAction(name: "suggest", params: ["spellings"])
        filters = try SpellingRule.defaultFilters.map { try PatternCache.shared.pattern($0) }
        let folders = HunspellDictionaries.systemFolders
        guard let pair = HunspellDictionaries.find(SpellingRule.defaultDictionary, in: folders) else {
            throw DefaultDictionaryMissing(folders: folders)
        }
        dictionaries = [try SpellingRule.load(pair, rule: "Vale.Spelling")]
        var words = Set<String>()
        for base in ctx.stylesPaths {
            let dir = base.appendingPathComponent("config/ignore")
            guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
            for case let u as URL in e where u.pathExtension == "txt" { words.formUnion(SpellingRule.wordList(u)) }
        }
        ignored = words
        vocab = SpellingRule.vocabPattern(ctx.accepted)
        phrases = SpellingRule.phrasePattern(ctx.accepted)
    }

    private static func dictionaries(_ src: RuleSource, base: URL) throws -> [Hunspell] {
        func resolve(_ p: String) -> URL { p.hasPrefix("/") ? URL(fileURLWithPath: p) : base.appendingPathComponent(p) }
        if let aff = src.string("aff"), let dic = src.string("dic"),
            FileManager.default.fileExists(atPath: resolve(aff).path), FileManager.default.fileExists(atPath: resolve(dic).path)
        {
            return [try load((resolve(aff), resolve(dic)), rule: src.name)]
        }
        // As Vale: `dicpath` is absolute, under the StylesPath or under the working folder;
        // without it, `<StylesPath>/config/dictionaries`. The system's folders stand in for
        // the en_US dictionary Vale carries inside its binary.
        var folders: [String] = []
        if let d = src.string("dicpath"), !d.isEmpty {
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let candidates = [URL(fileURLWithPath: d), base.appendingPathComponent(d), cwd.appendingPathComponent(d)]
            guard let found = candidates.first(where: { isFolder($0) }) else {
                throw src.error(
                    "dicpath", "unable to resolve dicpath '\(d)' of \(src.name): no such folder (absolute, under \(base.path) or under \(cwd.path))")
            }
            folders.append(found.path)
        } else {
            folders.append(base.appendingPathComponent("config/dictionaries").path)
        }
        folders += HunspellDictionaries.systemFolders
        let named = try src.list("dictionaries")
        var out: [Hunspell] = []
        for name in named {
            guard let pair = HunspellDictionaries.find(name, in: folders) else {
                throw src.error(
                    "dictionaries",
                    "dictionary '\(name)' of \(src.name) not found: expected \(name).aff and \(name).dic in one of \(folders.joined(separator: ", "))"
                )
            }
            out.append(try load(pair, rule: src.name))
        }
        let append = try src.bool("append", default: false)
        if named.isEmpty || append {
            guard let pair = HunspellDictionaries.find(defaultDictionary, in: folders) else {
                if named.isEmpty { throw DefaultDictionaryMissing(folders: folders) }
                return out
            }
            out.append(try load(pair, rule: src.name))
        }
        return out
    }

    private static func isFolder(_ u: URL) -> Bool {
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: u.path, isDirectory: &dir) && dir.boolValue
    }

    private static func load(_ pair: (aff: URL, dic: URL), rule: String) throws -> Hunspell {
        do { return try HunspellDictionaries.load(aff: pair.aff, dic: pair.dic) } catch let e as Hunspell.LoadError {
            throw VoiceError(path: e.path, line: e.line, "\(e.message) (dictionary of \(rule))")
        }
    }

    /// An `ignore` entry: an absolute path, a path under a StylesPath, or a file in its `config/ignore/`.
    private static func ignoreFile(_ name: String, stylesPaths: [URL]) -> URL? {
        if name.hasPrefix("/") { return FileManager.default.fileExists(atPath: name) ? URL(fileURLWithPath: name) : nil }
        for base in stylesPaths {
            for u in [base.appendingPathComponent(name), base.appendingPathComponent("config/ignore/\(name)")]
            where FileManager.default.fileExists(atPath: u.path) { return u }
        }
        return nil
    }

    private static func wordList(_ url: URL) -> [String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Vale's accepted-vocabulary check: `(?i)\bterm\b|…` searched in the word.
    private static func vocabPattern(_ terms: [String]) -> Pattern? {
        guard !terms.isEmpty else { return nil }
        return try? PatternCache.shared.pattern(
            "(?i)"
                + terms.map { t in
                    t.hasPrefix("\\b") || t.hasSuffix("\\b") ? t : "\\b\(t)\\b"
                }.joined(separator: "|"))
    }

    private static func phrasePattern(_ terms: [String]) -> Pattern? {
        let phrases = terms.filter { $0.contains(" ") || $0.contains("\t") || $0.contains("\\s") }
        guard !phrases.isEmpty else { return nil }
        return try? PatternCache.shared.pattern("(?i)\\b(?:" + phrases.joined(separator: "|") + ")\\b")
    }

    func run(_ block: TextBlock, _ state: FileState) throws -> [RuleMatch] {
        var out: [RuleMatch] = []
        var units = block.units
        if let phrases {
            for m in try phrases.matches(in: block) { for k in m.range.location..<NSMaxRange(m.range) { units[k] = 32 } }
        }
        for (found, range) in SpellingRule.tokens(units) {
            // `ICONV` (en_US: ’ → ') applies before the filters, as in Vale; the alert keeps the
            // position and length of the word as written.
            let word = dictionaries.first?.convert(found) ?? found
            if try filters.contains(where: { try $0.searches(word) }) { continue }
            if dictionaries.contains(where: { $0.check(word, extra: ignored) }) { continue }
            if let vocab, try vocab.searches(word) { continue }
            out.append(finding(range, match: word, args: [.string(word)]))
        }
        return out
    }

    /// Words and their UTF-16 ranges: runs between spaces and brackets, quotes and sentence
    /// punctuation, with punctuation at either end trimmed (`don't`, `e-mail` and `v1.2` stay
    /// whole), that hold a letter or a digit.
    static func tokens(_ u: [UInt16]) -> [(String, NSRange)] {
        var out: [(String, NSRange)] = []
        var start = -1
        func isSeparator(_ c: UInt16) -> Bool {
            switch c {
            case 9, 10, 13, 32, 0xA0, 34, 40, 41, 44, 58, 59, 33, 63, 91, 93, 123, 125, 60, 62, 0x201C, 0x201D, 0x2026, 0x2014, 0x2013, 47, 42:
                return true
            default: return false
            }
        }
        func isTrimmed(_ c: UInt16) -> Bool { c == 46 || c == 39 || c == 0x2019 || c == 0x2018 || c == 45 || c == 95 }
        func flush(_ end: Int) {
            guard start >= 0 else { return }
            var s = start, e = end
            while s < e, isTrimmed(u[s]) { s += 1 }
            while e > s, isTrimmed(u[e - 1]) { e -= 1 }
            // A run of symbols (`★`, `→`) is not a word.
            let word = String(decoding: u[s..<e], as: UTF16.self)
            if e > s, word.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
                out.append((word, NSRange(location: s, length: e - s)))
            }
            start = -1
        }
        for (i, c) in u.enumerated() {
            if isSeparator(c) { flush(i) } else if start < 0 { start = i }
        }
        flush(u.count)
        return out
    }
}
