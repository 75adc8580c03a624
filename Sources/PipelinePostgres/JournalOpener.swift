import Foundation
import Pipeline

/// `--journal SPEC`: a PostgreSQL URL (`postgres://…`) or a SQLite file path.
package enum JournalOpener {
    package static func isDatabase(_ spec: String) -> Bool { PostgresLocation.isURL(spec) }

    /// Opens (and creates or migrates) the journal. `notice`: messages about waiting for a
    /// database server.
    package static func open(_ spec: String, notice: @escaping (String) -> Void = { _ in }) throws -> any RunJournal {
        if isDatabase(spec) { return try PostgresJournal(PostgresLocation(parsing: spec), notice: notice) }
        return try Journal(path: spec)
    }
}
