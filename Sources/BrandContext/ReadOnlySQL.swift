import GRDB

/// One SQLite value, typed (so JSON output can print numbers as numbers).
public enum SQLValue: Sendable, Hashable {
    case null, integer(Int64), real(Double), text(String), blob(byteCount: Int)

    /// The value as text; nil for NULL.
    public var text: String? {
        switch self {
        case .null: return nil
        case .integer(let n): return String(n)
        case .real(let d): return String(d)
        case .text(let s): return s
        case .blob(let n): return "<\(n) bytes>"
        }
    }
}

/// The result of `tessera context sql`: column names and typed rows.
public struct SQLResult: Sendable, Hashable {
    public let columns: [String]
    public let values: [[SQLValue]]

    /// The rows as text (nil for SQL NULL).
    public var rows: [[String?]] { values.map { $0.map(\.text) } }

    public init(columns: [String], values: [[SQLValue]]) {
        self.columns = columns
        self.values = values
    }

    /// A result of text cells (for tables built by hand).
    public init(columns: [String], rows: [[String?]]) {
        self.init(columns: columns, values: rows.map { $0.map { $0.map(SQLValue.text) ?? .null } })
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
            var rows: [[SQLValue]] = []
            let cursor = try Row.fetchCursor(statement)
            while let row = try cursor.next() {
                rows.append((0..<row.count).map { i in
                    switch (row[i] as DatabaseValue).storage {
                    case .null: return .null
                    case .int64(let n): return .integer(n)
                    case .double(let d): return .real(d)
                    case .string(let s): return .text(s)
                    case .blob(let b): return .blob(byteCount: b.count)
                    }
                })
            }
            return SQLResult(columns: columns, values: rows)
        }
    }
}
