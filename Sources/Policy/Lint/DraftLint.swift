import BrandContext
import Catalog
import Diagnostics
import Foundation
import Voice

/// The shape of a draft someone (an agent, an editor) wants checked before it becomes a block.
package enum DraftFormat: String, Sendable, CaseIterable {
    case text, markdown, mjml
}

/// Where a draft will run; nil fields are "any" (the checks that need them are skipped).
package struct DraftOptions: Sendable {
    package var format: DraftFormat
    package var channel: String?
    package var market: String?
    package var locale: String?
    /// MJML only: lint the draft as a block of this slot (front matter added when it has none),
    /// so the rules that judge a block in its templates (claims in context, creepiness) apply.
    package var slot: String?
    package var now: CalendarDate

    package init(format: DraftFormat, channel: String? = nil, market: String? = nil, locale: String? = nil, slot: String? = nil, now: CalendarDate) {
        self.format = format
        self.channel = channel
        self.market = market
        self.locale = locale
        self.slot = slot
        self.now = now
    }
}

/// One finding on a draft: the lint's finding plus the text it is about and, when the rule
/// has one, what to write instead.
package struct DraftFinding: Sendable, Hashable {
    package var rule: String
    package var severity: Diagnostic.Severity
    package var message: String
    package var line: Int
    package var column: Int
    package var match: String
    package var suggestion: String?
}

/// `tessera lint`'s rules for drafts that are not files of the project yet. Holds what is costly
/// to build (the brand's compiled rules, the per-day lint context) for one brand and catalog,
/// so checking a draft costs the rules' work only. Thread-safe.
package final class DraftLinter: @unchecked Sendable {
    package var brand: Brand { rules.brand }
    package let catalog: Catalog
    /// The brand's compiled rules (shared with the project's other lints when given).
    let rules: BrandLintRules
    var voice: VoiceLinter? { rules.voice }
    /// Why the brand's voice rules do not compile (every lint then fails with it), or nil.
    var voiceError: String? { rules.voiceError }
    let wordings: ClaimWordings
    private let lock = NSLock()
    private var cached: LintContext?

    package convenience init(brand: Brand, catalog: Catalog) {
        self.init(rules: BrandLintRules(brand: brand), catalog: catalog)
    }

    /// A draft linter on rules already compiled for the catalog's brand.
    package init(rules: BrandLintRules, catalog: Catalog) {
        self.rules = rules
        self.catalog = catalog
        wordings = ClaimWordings(rules.brand)
    }

    /// The lint context of a day (kept while the day is the same: it is asked for again and again).
    func context(_ now: CalendarDate) -> LintContext {
        lock.lock()
        defer { lock.unlock() }
        if let c = cached, c.now == now { return c }
        let c = LintContext(rules: rules, catalog: catalog, now: now)
        cached = c
        return c
    }

    /// The claims a plain-text draft makes, sentence by sentence, judged in `scope`.
    package func claims(in text: String, scope: ClaimScope) -> [ClaimSentence] {
        ClaimSentenceFinder(brand: brand, claimPatterns: context(scope.on).claimPatterns, wordings: wordings).sentences(in: text, scope: scope)
    }

    /// Lints a draft. Text and Markdown: the voice rules, the claims it makes (unapproved,
    /// out of their window, market or channel, or missing a disclaimer they require), its
    /// links and (Markdown) the text of its links as calls to action. MJML: every rule of
    /// `tessera lint`, as for a block (`slot`, or its own front matter) or else a partial.
    /// Throws the compile errors of an MJML draft that cannot be compiled as a block, and the
    /// brand's voice rules' error when they do not compile.
    package func lint(_ draft: String, _ options: DraftOptions) throws(DraftCompileError) -> [DraftFinding] {
        if let voiceError { throw DraftCompileError(errors: [voiceError]) }
        let found: [DraftFinding]
        switch options.format {
        case .mjml: found = try lintMJML(draft, options)
        case .text, .markdown: found = lintProse(draft, options)
        }
        return Array(Set(found)).sorted { ($0.line, $0.column, $0.rule, $0.message) < ($1.line, $1.column, $1.rule, $1.message) }
    }

    // MARK: - Text and Markdown

    private func lintProse(_ draft: String, _ options: DraftOptions) -> [DraftFinding] {
        let context = self.context(options.now)
        let source = LintSource(path: "draft", text: draft)
        var out: [DraftFinding] = []
        func add(_ rule: String, _ severity: Diagnostic.Severity, at offset: Int, _ message: String, match: String, suggestion: String? = nil) {
            let p = source.position(offset)
            out.append(
                DraftFinding(rule: rule, severity: severity, message: message, line: p.line, column: p.column, match: match, suggestion: suggestion))
        }
        out += voiceFindings(draft, format: options.format == .markdown ? "md" : "txt")
        // Markdown emphasis is not copy: `**Free** shipping` reads as the words; offsets map back.
        let (claimText, origin) = options.format == .markdown ? Self.withoutMarkdownEmphasis(draft) : (draft, nil)
        let scope = ClaimScope(market: options.market, channel: options.channel, locale: options.locale, on: options.now)
        let folded = FoldedText(claimText)
        for found in ClaimSentenceFinder(brand: brand, claimPatterns: context.claimPatterns, wordings: wordings).sentences(
            in: claimText, folded: folded, scope: scope)
        {
            var s = found
            if let origin { s.offset = s.offset < origin.count ? origin[s.offset] : (draft as NSString).length }
            let match = s.match
            switch s.status {
            case .unapproved:
                let why = s.claimID.map { "claim '\($0)' has no wording for \(options.locale ?? "this locale")" } ?? "\(s.reason)"
                add(
                    "claims.unapproved", .error, at: s.offset,
                    "'\(match)' reads as a claim (\(why)): use the wording of an approved claim (search_claims) or rephrase", match: match)
            case .expired, .notYetValid, .wrongMarket, .wrongChannel, .superseded:
                let rule = [
                    "expired": "claims.expired", "not-yet-valid": "claims.not-yet-valid", "wrong-market": "claims.market",
                    "wrong-channel": "claims.channel", "superseded": "claims.superseded",
                ][s.status.rawValue]!
                add(rule, .error, at: s.offset, Self.unusableMessage(s, brand: brand, options), match: match)
            case .approved:
                for d in s.requiredDisclaimers where folded.occurrences(of: d.text).isEmpty {
                    add(
                        "claims.disclaimer", .error, at: s.offset,
                        "claim '\(s.claimID!)' requires the disclaimer '\(d.id)': add its text to the copy", match: match, suggestion: d.text)
                }
            }
        }
        for (url, offset) in Self.links(in: draft) {
            for (rule, message) in LinkRules.check(url: url, policy: brand.facts.links) {
                add(rule, rule == "links.utm" ? .warning : .error, at: offset, message, match: url)
            }
        }
        if options.format == .markdown {
            for (text, offset) in Self.markdownLinkTexts(in: draft) where brand.facts.cta.bannedText.contains(text.lowercased()) {
                add(
                    "cta.text", .error, at: offset,
                    "link text '\(text)' is banned: say what happens (\(brand.facts.cta.preferredVerbs.prefix(4).joined(separator: ", "))…)",
                    match: text)
            }
        }
        return out
    }

    private func voiceFindings(_ draft: String, format: String) -> [DraftFinding] {
        guard let voice else { return [] }
        let alerts: [Alert]
        do {
            alerts = try voice.lint(text: draft, format: format, path: "draft.\(format)")
        } catch {
            // As in `VoiceLintRule`: a rule that fails on this text must not pass it unchecked.
            return [
                DraftFinding(
                    rule: "voice.failed", severity: .error, message: "the voice rules could not check this draft: \(error)",
                    line: 1, column: 1, match: "", suggestion: nil)
            ]
        }
        return alerts.map { a in
            let suggestion = a.action.flatMap { $0.name == "replace" && !$0.params.isEmpty ? $0.params.joined(separator: " | ") : nil }
            return DraftFinding(
                rule: "voice.\(a.check)", severity: Diagnostic.Severity(vale: a.severity), message: a.message, line: a.line, column: a.column,
                match: a.match, suggestion: suggestion)
        }
    }

    static func unusableMessage(_ s: ClaimSentence, brand: Brand, _ options: DraftOptions) -> String {
        let id = s.claimID ?? ""
        let claim = brand.claim(id)
        switch s.status {
        case .expired: return "claim '\(id)' expired on \(claim?.validUntil.map { "\($0)" } ?? "?") (checked on \(options.now))"
        case .notYetValid: return "claim '\(id)' is valid only from \(claim.map { "\($0.validFrom)" } ?? "?") (checked on \(options.now))"
        case .wrongMarket: return "claim '\(id)' is approved for \(claim?.markets.joined(separator: ", ") ?? "?") only, not \(options.market ?? "?")"
        case .wrongChannel:
            return "claim '\(id)' is approved for \(claim?.channels.joined(separator: ", ") ?? "?") only, not \(options.channel ?? "?")"
        case .superseded:
            let query = ClaimQuery(market: options.market, channel: options.channel, locale: options.locale, on: options.now)
            let by = claim.flatMap { brand.replacement(of: $0, in: query) }
            return
                "claim '\(id)' is replaced by '\(by?.id ?? "?")' (valid \(by.map { "\($0.validFrom)..\($0.validUntil.map { "\($0)" } ?? "")" } ?? "?")): use its wording"
        default: return "claim '\(id)'"
        }
    }

    static let url = CompiledRegex(#"https?://[^\s<>()\[\]"'`]+"#, caseInsensitive: true)
    static let markdownLink = CompiledRegex(#"\[([^\]\n]+)\]\("#)

    /// URLs written in prose, without the punctuation that ends a sentence after them.
    static func links(in text: String) -> [(String, Int)] {
        let ns = text as NSString
        return url.matches(text).map { m in
            var s = ns.substring(with: m.range)
            while let last = s.last, ".,;:!?".contains(last) { s.removeLast() }
            return (s, m.range.location)
        }
    }

    static func markdownLinkTexts(in text: String) -> [(String, Int)] {
        let ns = text as NSString
        return markdownLink.matches(text).map { m in
            (ns.substring(with: m.range(at: 1)).trimmingCharacters(in: .whitespaces), m.range(at: 1).location)
        }
    }

    /// The text without `*`, `_` and `` ` ``, and the draft's UTF-16 offset of each unit left.
    static func withoutMarkdownEmphasis(_ text: String) -> (String, [Int]) {
        var units: [UInt16] = []
        var origin: [Int] = []
        for (i, u) in text.utf16.enumerated() where u != 0x2A && u != 0x5F && u != 0x60 {
            units.append(u)
            origin.append(i)
        }
        return (String(decoding: units, as: UTF16.self), origin)
    }

    // MARK: - MJML

    private func lintMJML(_ draft: String, _ options: DraftOptions) throws(DraftCompileError) -> [DraftFinding] {
        let hasFrontMatter = draft.hasPrefix("---\n") || draft.hasPrefix("---\r\n")
        guard hasFrontMatter || options.slot != nil else {
            let file = LintFile(path: "draft.mjml", text: draft, kind: .partial)
            return Linter.check(file, context(options.now)).map { finding($0, in: file.source, lineShift: 0) }
        }
        var source = draft
        var shift = 0
        if !hasFrontMatter, let slot = options.slot {
            // A block needs a tag its slot accepts to be a candidate there.
            let accepts = catalog.templates.lazy.compactMap { $0.slot(slot) }.first?.accepts.first ?? slot
            var header = "---\nid: draft\nslot: \(Self.yamlScalar(slot))\ntags: [\(Self.yamlScalar(accepts))]\n"
            if let locale = options.locale { header += "locales: [\(Self.yamlScalar(locale))]\n" }
            header += "---\n"
            shift = header.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            source = header + draft
        }
        let report = Linter.run(proposed: "blocks/draft.mjml", source: source, rules: rules, catalog: catalog, now: options.now)
        if !report.setupErrors.isEmpty { throw DraftCompileError(errors: report.setupErrors.map { Self.shiftLine($0, by: shift) }) }
        let text = LintSource(path: "blocks/draft.mjml", text: source)
        return report.findings.map { finding($0, in: text, lineShift: shift) }
    }

    private func finding(_ f: Finding, in source: LintSource, lineShift: Int) -> DraftFinding {
        DraftFinding(
            rule: f.rule, severity: f.severity, message: f.message, line: max(1, f.line - lineShift), column: f.column,
            match: Self.word(at: f.line, f.column, in: source.text), suggestion: nil)
    }

    /// The word (or attribute value) starting at a 1-based line and scalar column.
    static func word(at line: Int, _ column: Int, in text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return "" }
        let scalars = Array(lines[line - 1].unicodeScalars)
        guard column >= 1, column <= scalars.count else { return "" }
        var out = String.UnicodeScalarView()
        for s in scalars[(column - 1)...] {
            if s.properties.isWhitespace || s == "\"" || s == "<" || s == ">" { break }
            out.append(s)
        }
        return String(out)
    }

    static func yamlScalar(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: " ")
            + "\""
    }

    /// `blocks/draft.mjml:LINE:COL: …` with LINE counted in the draft, not the added front matter.
    static func shiftLine(_ error: String, by shift: Int) -> String {
        guard shift > 0 else { return error }
        let parts = error.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let line = Int(parts[1]), line > shift else { return error }
        return "\(parts[0]):\(line - shift):\(parts[2])"
    }
}

/// An MJML draft that does not compile as a block: the errors, `file:line:col: error: …`.
package struct DraftCompileError: Error, Sendable {
    package var errors: [String]
}
