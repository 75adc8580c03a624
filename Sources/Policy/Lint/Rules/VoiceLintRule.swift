import Diagnostics
import Voice

/// `voice.STYLE.RULE`: the brand's Vale-style rules (the Voice module) over the file's copy.
struct VoiceLintRule: LintRule {
    let ids = ["voice.*"]

    func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        guard let linter = context.voice else { return [] }
        let alerts: [Alert]
        do {
            alerts = try linter.lint(text: file.source.text, format: "mjml", path: file.path)
        } catch {
            // A rule that fails on this text (e.g. over its matching limit) must not pass it unchecked.
            return [
                Finding(
                    file: file.path, line: 1, column: 1, rule: "voice.failed", severity: .error,
                    message: "the voice rules could not check this file: \(error)")
            ]
        }
        return alerts.map { a in
            // Vale's span is inclusive; a `replace` action carries the swap's suggestions.
            let replacements = a.action.flatMap { $0.name == "replace" && !$0.params.isEmpty ? $0.params : nil }
            return Finding(
                file: file.path, line: a.line, column: a.column, rule: "voice.\(a.check)", severity: Diagnostic.Severity(vale: a.severity),
                message: a.message,
                endColumn: a.span.1 + 1, replacements: replacements)
        }
    }
}

extension Diagnostic.Severity {
    /// A Vale level (`Severity` here is Voice's) as a finding's severity: a suggestion is `info`.
    init(vale level: Severity) {
        switch level {
        case .error: self = .error
        case .warning: self = .warning
        case .suggestion: self = .info
        }
    }
}
