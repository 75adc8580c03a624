import Diagnostics

/// One problem in one file, at the file's own line and column (1-based; columns count Unicode
/// scalars, as Vale does).
package struct Finding: Sendable, Hashable, Codable {
    package var file: String
    package var line: Int
    package var column: Int
    /// e.g. `links.https`, `voice.Larchwood.Hedging`.
    package var rule: String
    package var severity: Diagnostic.Severity
    package var message: String
    /// Where the flagged text ends on `line` (exclusive, Unicode scalars) when the rule knows
    /// (voice rules do); an editor underlines `column..<endColumn`. Not in the CLI's outputs.
    package var endColumn: Int?
    /// Text that may replace the flagged span (a voice substitution's `swap`), best first.
    package var replacements: [String]?

    package init(
        file: String, line: Int, column: Int, rule: String, severity: Diagnostic.Severity, message: String,
        endColumn: Int? = nil, replacements: [String]? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.rule = rule
        self.severity = severity
        self.message = message
        self.endColumn = endColumn
        self.replacements = replacements
    }

    /// Sort order of every report: file, place, rule.
    static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        (a.file, a.line, a.column, a.rule, a.message) < (b.file, b.line, b.column, b.rule, b.message)
    }
}
