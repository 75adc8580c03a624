import BrandContext
import Catalog
import Foundation

/// `claims.unapproved` (claim-like copy not from the claims library) and the checks on claims a
/// file references: `claims.unknown`, `claims.expired`, `claims.not-yet-valid`, `claims.market`,
/// `claims.channel`; `claims.disclaimer` for templates that cannot print the fine print.
struct ClaimRules: LintRule {
    let ids = [
        "claims.unapproved", "claims.unknown", "claims.expired", "claims.not-yet-valid", "claims.market", "claims.channel", "claims.locale",
        "claims.disclaimer", "claims.superseded",
    ]
    static let claimTag = CompiledRegex(#"\{%-?\s*claim\s+["']([^"']+)["']"#)
    static let disclaimersTag = CompiledRegex(#"\{%-?\s*disclaimers\s*-?%\}"#)
    static let token = CompiledRegex(#"[A-Za-z0-9_.-]+"#)

    func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        var out: [Finding] = []
        for (label, p) in context.claimPatterns {
            for m in p.matches(file.copy) {
                let text = (file.copy as NSString).substring(with: m.range)
                out.append(
                    file.finding(
                        "claims.unapproved", .error, at: m.range.location,
                        "'\(text)' reads as a claim (\(label)): insert an approved claim with {% claim \"id\" %} instead"))
            }
        }
        for (id, offset) in references(file) { out += checkReference(id, at: offset, file, context) }
        if let t = file.template { out += disclaimers(t, file, context) }
        return out
    }

    /// Claim ids the file names, with where: `claims:` in front matter and `{% claim "id" %}`.
    func references(_ file: LintFile) -> [(String, Int)] {
        var out: [(String, Int)] = []
        let src = file.source
        let ns = src.text as NSString
        if src.frontMatter.length > 0 {
            let fm = ns.substring(with: src.frontMatter)
            var offset = src.frontMatter.location
            var inClaims = false
            for line in fm.components(separatedBy: "\n") {
                let indented = line.first == " " || line.first == "\t" || line.first == "-"
                if !indented { inClaims = line.hasPrefix("claims:") }
                if inClaims {
                    let skip = line.hasPrefix("claims:") ? "claims:".utf16.count : 0
                    for m in Self.token.matches(line, in: NSRange(location: skip, length: line.utf16.count - skip)) {
                        let tok = (line as NSString).substring(with: m.range)
                        if tok != "-" { out.append((tok, offset + m.range.location)) }
                    }
                }
                offset += line.utf16.count + 1
            }
        }
        for m in Self.claimTag.matches(src.text, in: NSRange(location: src.bodyStart, length: ns.length - src.bodyStart)) {
            out.append((ns.substring(with: m.range(at: 1)), m.range(at: 1).location))
        }
        return out
    }

    func checkReference(_ id: String, at offset: Int, _ file: LintFile, _ context: LintContext) -> [Finding] {
        guard let claim = context.brand.claim(id) else {
            let known = context.brand.claims.map(\.id)
            let hint = known.min { editDistance($0, id) < editDistance($1, id) }.map { " (did you mean '\($0)'?)" } ?? ""
            return [file.finding("claims.unknown", .error, at: offset, "claim '\(id)' is not in claims.yaml\(hint)")]
        }
        let now = context.now
        if now < claim.validFrom {
            return [
                file.finding("claims.not-yet-valid", .error, at: offset, "claim '\(id)' is valid only from \(claim.validFrom) (linted on \(now))")
            ]
        }
        if let until = claim.validUntil, until < now {
            return [file.finding("claims.expired", .error, at: offset, "claim '\(id)' expired on \(until) (linted on \(now))")]
        }
        let markets = file.block.map(context.markets(of:)) ?? context.brand.facts.markets.map(\.id)
        if !claim.markets.isEmpty, !markets.contains(where: claim.markets.contains) {
            return [
                file.finding(
                    "claims.market", .error, at: offset,
                    "claim '\(id)' is approved for \(claim.markets.joined(separator: ", ")) only; this block runs in \(markets.joined(separator: ", "))"
                )
            ]
        }
        let channels = file.block.map(context.channels(of:)) ?? file.template.map { [$0.channel] } ?? []
        if !claim.channels.isEmpty, !channels.isEmpty, !channels.contains(where: claim.channels.contains) {
            return [
                file.finding(
                    "claims.channel", .error, at: offset,
                    "claim '\(id)' is approved for \(claim.channels.joined(separator: ", ")) only; this runs in \(channels.joined(separator: ", "))")
            ]
        }
        if let f = superseded(claim, in: markets, at: offset, file, context) { return [f] }
        let defaultLocale = context.brand.facts.defaultLocale
        if let missing = file.block?.locales.first(where: { claim.text(for: $0, defaultLocale: defaultLocale) == nil }) {
            return [
                file.finding(
                    "claims.locale", .error, at: offset,
                    "claim '\(id)' has no \(missing) text (and \(defaultLocale) text does not serve another language); this block is written for \(missing)"
                )
            ]
        }
        return []
    }

    /// A claim replaced on the lint day (a claim that `supersedes` it is usable) in every market the
    /// file runs in: the block is not selected there meanwhile. A warning: it is right again once
    /// the replacement ends.
    func superseded(_ claim: Claim, in markets: [String], at offset: Int, _ file: LintFile, _ context: LintContext) -> Finding? {
        let brand = context.brand
        let replacements = markets.compactMap { brand.replacement(of: claim, in: ClaimQuery(market: $0, on: context.now)) }
        guard replacements.count == markets.count, let by = replacements.first else { return nil }
        let window = "\(by.validFrom)..\(by.validUntil.map { "\($0)" } ?? "")"
        return file.finding(
            "claims.superseded", .warning, at: offset,
            "claim '\(claim.id)' is replaced by '\(by.id)' (\(window), linted on \(context.now)): this is not selected while it is; cite '\(by.id)' for that time"
        )
    }

    /// A template whose blocks can bring claims with disclaimers must print `{% disclaimers %}`.
    func disclaimers(_ t: TemplateDefinition, _ file: LintFile, _ context: LintContext) -> [Finding] {
        guard Self.disclaimersTag.matches(t.bodySource).isEmpty else { return [] }
        var needing: [String] = []
        for s in t.slots {
            var blocks = context.catalog.candidates(for: s)
            if let f = s.fallback, let b = context.catalog.block(f) { blocks.append(b) }
            for b in blocks where b.claims.contains(where: { !(context.brand.claim($0)?.disclaimers.isEmpty ?? true) }) {
                if !needing.contains(b.id) { needing.append(b.id) }
            }
        }
        guard !needing.isEmpty else { return [] }
        return [
            file.fileFinding(
                "claims.disclaimer", .error,
                "template '\(t.id)' has no {% disclaimers %} but its blocks use claims that need disclaimers (\(needing.sorted().prefix(3).joined(separator: ", ")))"
            )
        ]
    }
}

/// Levenshtein distance, for did-you-mean hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
        var prev = row[0]
        row[0] = i
        for j in 1...max(1, b.count) where !b.isEmpty {
            let old = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
            prev = old
        }
    }
    return row[b.count]
}
