import Diagnostics
/// One problem in one file, at the file's own line and column (1-based; columns count Unicode
/// scalars, as Vale does).
public struct Finding: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int
    /// e.g. `links.https`, `voice.Larchwood.Hedging`.
    public var rule: String
    public var severity: Diagnostic.Severity
    public var message: String
    /// Where the flagged text ends on `line` (exclusive, Unicode scalars) when the rule knows
    /// (voice rules do); an editor underlines `column..<endColumn`. Not in the CLI's outputs.
    public var endColumn: Int?
    /// Text that may replace the flagged span (a voice substitution's `swap`), best first.
    public var replacements: [String]?

    public init(file: String, line: Int, column: Int, rule: String, severity: Diagnostic.Severity, message: String,
                endColumn: Int? = nil, replacements: [String]? = nil) {
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
