import BrandContext
import Diagnostics
import Foundation
import Policy

/// Checks of a draft that is not a file yet (an agent's copy, a field in an editor): which
/// sentences make claims (`checkClaims`) and what `tessera lint` says about it (`lintCopy`).
/// Both run Policy's `DraftLinter`, built once per loaded project.

/// Where a draft will run, as a request names it; checked against the brand.
package struct DraftScope: Sendable {
    package var market: String?
    package var channel: String?
    package var locale: String?
    /// The day the copy runs; nil is today (UTC).
    package var on: CalendarDate?

    package init(market: String? = nil, channel: String? = nil, locale: String? = nil, on: CalendarDate? = nil) {
        self.market = market
        self.channel = channel
        self.locale = locale
        self.on = on
    }
}

/// A lint of a draft: its findings and their counts by level.
package struct DraftLintResult: Sendable {
    package var findings: [DraftFinding]
    package var errors: Int { findings.filter { $0.severity == .error }.count }
    package var warnings: Int { findings.filter { $0.severity == .warning }.count }
    package var suggestions: Int { findings.filter { $0.severity == .info }.count }

    /// `{findings: [{rule, level, message, line, column, match, suggestion?}], summary: {errors, warnings, suggestions}}`.
    package var json: JSONText {
        .object([
            (
                "findings",
                .array(
                    findings.map { f in
                        var pairs: [(String, JSONText)] = [
                            ("rule", .string(f.rule)), ("level", .string(Self.level(f.severity))), ("message", .string(f.message)),
                            ("line", .int(f.line)), ("column", .int(f.column)), ("match", .string(f.match)),
                        ]
                        if let s = f.suggestion { pairs.append(("suggestion", .string(s))) }
                        return .object(pairs)
                    })
            ),
            ("summary", .object([("errors", .int(errors)), ("warnings", .int(warnings)), ("suggestions", .int(suggestions))])),
        ])
    }

    /// Vale's words for the levels (`info` is a suggestion).
    package static func level(_ s: Diagnostic.Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "suggestion"
        }
    }
}

/// `{sentences: [{text, claim_id, status, required_disclaimers: [{id, text}]}]}`.
package enum ClaimCheckJSON {
    package static func json(_ sentences: [ClaimSentence]) -> JSONText {
        .object([
            (
                "sentences",
                .array(
                    sentences.map { s in
                        .object([
                            ("text", .string(s.text)), ("claim_id", s.claimID.map(JSONText.string) ?? .null), ("status", .string(s.status.rawValue)),
                            ("match", .string(s.match)),
                            (
                                "required_disclaimers",
                                .array(s.requiredDisclaimers.map { .object([("id", .string($0.id)), ("text", .string($0.text))]) })
                            ),
                        ])
                    })
            )
        ])
    }
}

extension Project {
    /// Which sentences of `text` make a claim, whether each is an approved claim usable in the
    /// scope, and the disclaimers the copy then needs. Unknown market, channel or locale: an error.
    package func checkClaims(_ text: String, _ scope: DraftScope) throws(ServiceError) -> [ClaimSentence] {
        try checkKnown(scope)
        return draftLinter.claims(
            in: text,
            scope: ClaimScope(
                market: scope.market, channel: scope.channel, locale: scope.locale,
                on: scope.on ?? CalendarDate.todayUTC))
    }

    /// The rules of `tessera lint` that apply to a draft (see `DraftLinter.lint`).
    package func lintCopy(_ text: String, format: DraftFormat, scope: DraftScope, slot: String? = nil) throws(ServiceError) -> DraftLintResult {
        try checkKnown(scope)
        if let slot, !catalog.templates.contains(where: { $0.slot(slot) != nil }) {
            let slots = Set(catalog.templates.flatMap { $0.slots.map(\.name) }).sorted()
            throw ServiceError(
                .badRequest, "slot.unknown",
                "no template has a slot '\(slot)'\(ContextStore.suggestion(for: slot, in: slots)); slots: \(slots.joined(separator: ", "))",
                location: "slot")
        }
        let options = DraftOptions(
            format: format, channel: scope.channel, market: scope.market, locale: scope.locale, slot: slot,
            now: scope.on ?? CalendarDate.todayUTC)
        do {
            return DraftLintResult(findings: try draftLinter.lint(text, options))
        } catch {
            throw ServiceError(
                .unprocessable, "lint.compile", "the draft does not compile as a block: " + error.errors.joined(separator: "; "),
                location: error.errors.first.flatMap(Project.location(in:)))
        }
    }

    /// Market, channel and locale must be the brand's (with a did-you-mean).
    func checkKnown(_ scope: DraftScope) throws(ServiceError) {
        let facts = brand.facts
        let known: [(String, String?, [String])] = [
            ("market", scope.market, facts.markets.map(\.id)), ("channel", scope.channel, facts.channels.map(\.id)),
            ("locale", scope.locale, facts.locales.map(\.id)),
        ]
        for (kind, value, ids) in known {
            guard let value, !ids.contains(value) else { continue }
            throw ServiceError(
                .badRequest, "\(kind).unknown",
                "unknown \(kind) '\(value)'\(ContextStore.suggestion(for: value, in: ids)); the brand has: \(ids.joined(separator: ", "))",
                location: kind)
        }
    }
}
