import GRDB

/// The result of `tessera context sql`: column names and rows of text (nil for SQL NULL).
public struct SQLResult: Sendable, Hashable {
    public let columns: [String]
    public let rows: [[String?]]

    public init(columns: [String], rows: [[String?]]) {
        self.columns = columns
        self.rows = rows
    }
}

public struct SQLRejected: Error, CustomStringConvertible {
    public let description: String
}

extension ContextStore {
    /// Runs one read-only statement. Writes are refused twice over: the database is opened
    /// read-only, and a statement SQLite does not report as read-only is rejected first.
    public func query(sql: String) throws -> SQLResult {
        try queue.read { db in
            let statement: Statement
            do { statement = try db.makeStatement(sql: sql) } catch let error as DatabaseError {
                let message = error.message ?? "\(error)"
                throw SQLRejected(description: message.hasPrefix("Multiple statements") ? "run one statement at a time" : message)
            }
            // ATTACH counts as read-only to SQLite, but would open other files: refuse it.
            let verb = sql.drop { $0.isWhitespace }.prefix { $0.isLetter }.uppercased()
            guard statement.isReadonly, verb != "ATTACH", verb != "DETACH" else {
                throw SQLRejected(description: "only read-only statements are allowed (SELECT, WITH, read-only PRAGMA)")
            }
            let columns = statement.columnNames
            var rows: [[String?]] = []
            let cursor = try Row.fetchCursor(statement)
            while let row = try cursor.next() {
                rows.append((0..<row.count).map { i in
                    let value = row[i] as DatabaseValue
                    switch value.storage {
                    case .null: return nil
                    case .int64(let n): return String(n)
                    case .double(let d): return String(d)
                    case .string(let s): return s
                    case .blob(let b): return "<\(b.count) bytes>"
                    }
                })
            }
            return SQLResult(columns: columns, rows: rows)
        }
    }
}
