/// A place in a user's file (brand YAML, a template or block), for messages a person can jump to
/// (`file:line:col`).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path as the user should see it, e.g. `brand/claims.yaml`.
    public let file: String
    /// 1-based line.
    public let line: Int
    /// 1-based column (Unicode scalars, as libyaml counts).
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in a user's file: where, how bad, and what was expected. Brand, catalog and
/// front-matter loading all report these.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a problem is: `error` stops a load and fails `tessera lint` (exit 1); `warning`
    /// and `info` (a lint's suggestion) inform. Ordered most serious first, as reports list them.
    public enum Severity: String, Sendable, Hashable, Comparable, Codable {
        case error, warning, info

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public let location: SourceLocation
    public let severity: Severity
    public let message: String

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `brand/claims.yaml:12:5: error: unknown key 'valid_untill' (did you mean 'valid_until'?)`
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Collects diagnostics while a brand or a catalog loads; loading never stops at the first problem.
package final class DiagnosticSink {
    package private(set) var items: [Diagnostic] = []
    private var seen = Set<Diagnostic>()

    package init() {}

    package func error(_ location: SourceLocation, _ message: String) {
        add(Diagnostic(.error, at: location, message))
    }

    package func warning(_ location: SourceLocation, _ message: String) {
        add(Diagnostic(.warning, at: location, message))
    }

    /// A value read twice (e.g. once to load, once to cross-check) reports its problem once.
    package func add(_ diagnostic: Diagnostic) {
        if seen.insert(diagnostic).inserted { items.append(diagnostic) }
    }

    /// Reports every id seen before, at the duplicate, naming the first one's line.
    /// `what` names the kind of id: "claim id", "signal path".
    package func checkUnique(_ items: [(id: String, location: SourceLocation)], _ what: String) {
        var first: [String: SourceLocation] = [:]
        for (id, location) in items {
            if let earlier = first[id] {
                error(location, "duplicate \(what) '\(id)' (first defined at line \(earlier.line)): each must be unique")
            } else {
                first[id] = location
            }
        }
    }

    package var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// Sorted by place so output is deterministic whatever order checks ran in.
    package var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            a.element.location != b.element.location
                ? a.element.location < b.element.location : a.offset < b.offset
        }.map(\.element)
    }
}
