import Voice

/// `voice.STYLE.RULE`: the brand's Vale-style rules (the Voice module) over the file's copy.
struct VoiceRule: LintRule {
    let ids = ["voice.*"]

    func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        guard let linter = context.voice else { return [] }
        guard let alerts = try? linter.lint(text: file.source.text, format: "mjml", path: file.path) else { return [] }
        return alerts.map { a in
            let severity: FindingSeverity = switch a.severity {
            case .error: .error
            case .warning: .warning
            default: .info
            }
            // Vale's span is inclusive; a `replace` action carries the swap's suggestions.
            let replacements = a.action.flatMap { $0.name == "replace" && !$0.params.isEmpty ? $0.params : nil }
            return Finding(file: file.path, line: a.line, column: a.column, rule: "voice.\(a.check)", severity: severity, message: a.message,
                           endColumn: a.span.1 + 1, replacements: replacements)
        }
    }
}
