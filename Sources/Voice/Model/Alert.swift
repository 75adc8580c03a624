import Foundation

/// How serious an alert is; ordered as Vale orders them (suggestion < warning < error).
public enum Severity: Int, Comparable, Sendable, CaseIterable {
    case suggestion = 0, warning = 1, error = 2

    public init?(name: String) {
        switch name.lowercased() {
        case "suggestion": self = .suggestion
        case "warning": self = .warning
        case "error": self = .error
        default: return nil
        }
    }

    public var name: String {
        switch self {
        case .suggestion: return "suggestion"
        case .warning: return "warning"
        case .error: return "error"
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
}

/// A rule's `action` (fix metadata for editors), carried into the output unchanged.
public struct AlertAction: Sendable, Equatable {
    public var name: String
    public var params: [String]
    public init(name: String, params: [String]) { self.name = name; self.params = params }
}

/// One finding: where it is (1-based line, rune column span, inclusive) and what rule said what.
public struct Alert: Sendable, Equatable {
    public var path: String
    public var line: Int
    /// Inclusive [start, end] columns, counted in Unicode scalars, 1-based.
    public var span: (Int, Int)
    public var check: String
    public var message: String
    public var description: String
    public var link: String
    public var severity: Severity
    public var action: AlertAction?
    public var match: String

    public var column: Int { span.0 }

    public init(
        path: String, line: Int, span: (Int, Int), check: String, message: String,
        description: String = "", link: String = "", severity: Severity,
        action: AlertAction? = nil, match: String
    ) {
        self.path = path; self.line = line; self.span = span; self.check = check
        self.message = message; self.description = description; self.link = link
        self.severity = severity; self.action = action; self.match = match
    }

    public static func == (a: Alert, b: Alert) -> Bool {
        a.path == b.path && a.line == b.line && a.span == b.span && a.check == b.check
            && a.message == b.message && a.severity == b.severity && a.match == b.match
            && a.action == b.action && a.description == b.description && a.link == b.link
    }
}

/// A user-caused error (bad config, bad rule): names the file and line, says what was expected.
public struct VoiceError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    public init(path: String, line: Int = 0, column: Int = 0, _ message: String) {
        self.path = path; self.line = line; self.column = column; self.message = message
    }
    public var description: String {
        if line > 0 { return "\(path):\(line):\(max(column, 1)): \(message)" }
        return path.isEmpty ? message : "\(path): \(message)"
    }
}
