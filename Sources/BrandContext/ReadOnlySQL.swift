import Dispatch
import GRDBSQLite

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

/// What one statement of `context sql` may cost. The defaults fit any question about a brand;
/// the CLI raises the first two with `--timeout` and `--max-rows`.
public struct SQLLimits: Sendable, Hashable {
    public static let defaultTimeout = 10.0
    public static let defaultMaxRows = 100_000
    /// 16 MB: ten times the largest text a brand holds, far below what `randomblob(1e9)` asks.
    public static let defaultMaxValueBytes = 16 << 20

    /// Seconds SQLite may spend computing; time spent waiting for the reader of the output does not count.
    public var timeout: Double
    /// Rows the statement may return; one more is an error, not a silent cut.
    public var maxRows: Int
    /// The longest string or blob one value may become (SQLite's SQLITE_LIMIT_LENGTH).
    public var maxValueBytes: Int

    public init(timeout: Double = defaultTimeout, maxRows: Int = defaultMaxRows, maxValueBytes: Int = defaultMaxValueBytes) {
        (self.timeout, self.maxRows, self.maxValueBytes) = (timeout, maxRows, maxValueBytes)
    }
}

/// A statement refused before it ran, or an SQL error while it ran (syntax, a missing table…).
public struct SQLRejected: Error, CustomStringConvertible {
    public let description: String
}

/// A statement stopped by one of its `SQLLimits`. Rows before the limit may have been delivered.
public struct SQLLimitExceeded: Error, Equatable, CustomStringConvertible {
    public enum Limit: Sendable, Hashable { case time(Double), rows(Int), valueBytes(Int) }
    public let limit: Limit

    public var description: String {
        switch limit {
        case .time(let seconds):
            return "the statement ran past the time limit of \(SQLLimitExceeded.seconds(seconds)) s and was stopped (raise it with --timeout SECONDS)"
        case .rows(let n):
            return "the statement returned more than the row limit of \(n) rows and was stopped (raise it with --max-rows N, or add LIMIT)"
        case .valueBytes(let n):
            return "a value grew past the limit of \(n) bytes for one string or blob and the statement was stopped"
        }
    }

    static func seconds(_ s: Double) -> String { s == s.rounded() && s < 1e15 ? String(Int(s)) : String(s) }
}

/// Receives a statement's answer while SQLite computes it, so no result is held whole in memory.
public protocol SQLRowSink {
    mutating func begin(columns: [String]) throws
    mutating func row(_ values: [SQLValue]) throws
}

/// Keeps every row: for callers that want a `SQLResult` (small, trusted queries and tests).
struct SQLCollector: SQLRowSink {
    var columns: [String] = []
    var values: [[SQLValue]] = []
    mutating func begin(columns: [String]) { self.columns = columns }
    mutating func row(_ values: [SQLValue]) { self.values.append(values) }
}

extension ContextStore {
    /// Runs one read-only statement and returns every row (within `limits`).
    public func query(sql: String, limits: SQLLimits = SQLLimits()) throws -> SQLResult {
        var collector = SQLCollector()
        try stream(sql: sql, limits: limits, into: &collector)
        return SQLResult(columns: collector.columns, values: collector.values)
    }

    /// Runs one read-only statement, handing each row to `sink` as it comes.
    ///
    /// Read-only by construction, not by reading the text: a separate connection opened with
    /// SQLITE_OPEN_READONLY, no attached databases allowed (SQLITE_LIMIT_ATTACHED = 0), an
    /// authorizer that permits only reads, SELECT, recursive CTEs, functions other than
    /// `load_extension` and a list of introspection PRAGMAs, and `sqlite3_stmt_readonly` checked
    /// before the first step. One statement per call: SQL after the first is refused.
    /// Throws `SQLRejected` or `SQLLimitExceeded`.
    public func stream<Sink: SQLRowSink>(sql: String, limits: SQLLimits = SQLLimits(), into sink: inout Sink) throws {
        let connection = try ReadOnlyConnection(path: database.path, limits: limits)
        try connection.run(sql, into: &sink)
    }
}

/// One raw read-only SQLite connection with the guards of `context sql` installed.
/// Its own connection (not GRDB's queue) so the authorizer and progress handler are ours alone.
final class ReadOnlyConnection {
    private var db: OpaquePointer?
    private let limits: SQLLimits
    /// What the authorizer refused last, for the error message.
    fileprivate var refused: String?
    /// Nanoseconds spent inside sqlite3_step so far, and when the current step began (0: not stepping).
    fileprivate var busyNanos: UInt64 = 0
    fileprivate var stepStarted: UInt64 = 0
    fileprivate var timedOut = false

    init(path: String, limits: SQLLimits) throws {
        self.limits = limits
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw SQLRejected(description: "cannot open \(path) read-only: \(message)")
        }
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, Int32(clamping: limits.maxValueBytes))
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_set_authorizer(db, readOnlyAuthorizer, context)
        // Every 1,000 virtual-machine instructions: a clock read per ~10 µs of work.
        sqlite3_progress_handler(db, 1000, deadlineCheck, context)
    }

    deinit { sqlite3_close_v2(db) }

    func run<Sink: SQLRowSink>(_ sql: String, into sink: inout Sink) throws {
        let statement = try prepareOne(sql)
        defer { sqlite3_finalize(statement) }
        guard sqlite3_stmt_readonly(statement) != 0 else {
            throw SQLRejected(description: "context sql is read-only: the statement would write (SELECT, WITH and read-only PRAGMAs only)")
        }
        let columnCount = sqlite3_column_count(statement)
        try sink.begin(columns: (0..<columnCount).map { sqlite3_column_name(statement, $0).map { String(cString: $0) } ?? "" })
        var rows = 0
        while true {
            let rc = step(statement)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw failure(rc) }
            guard rows < limits.maxRows else { throw SQLLimitExceeded(limit: .rows(limits.maxRows)) }
            rows += 1
            try sink.row((0..<columnCount).map { value(statement, $0) })
        }
    }

    /// Compiles the first statement; anything but separators and comments after it is refused.
    private func prepareOne(_ sql: String) throws -> OpaquePointer {
        // SQLite reads up to the first NUL: what followed it would be dropped without a word.
        guard !sql.utf8.contains(0) else { throw SQLRejected(description: "the statement contains a NUL character") }
        return try sql.withCString { start in
            let (first, tail) = try nextStatement(start)
            guard let first else { throw SQLRejected(description: "no SQL statement given") }
            // SQLite itself says whether what follows is only separators and comments.
            let rest: OpaquePointer?
            do { rest = try nextStatement(tail).statement } catch {
                sqlite3_finalize(first)
                throw SQLRejected(description: oneStatement(at: tail - start))
            }
            if let rest {
                sqlite3_finalize(rest)
                sqlite3_finalize(first)
                throw SQLRejected(description: oneStatement(at: tail - start))
            }
            refused = nil
            return first
        }
    }

    private func oneStatement(at offset: Int) -> String {
        "context sql runs one statement; more SQL follows the first one (after byte \(offset)): run them one at a time"
    }

    /// The next statement from `sql`, skipping empty ones (`;`, comments), and where it ends;
    /// nil when only those are left.
    private func nextStatement(_ sql: UnsafePointer<CChar>) throws -> (statement: OpaquePointer?, tail: UnsafePointer<CChar>) {
        var position = sql
        while position.pointee != 0 {
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v2(db, position, -1, &statement, &tail)
            guard rc == SQLITE_OK else { throw failure(rc) }
            guard let next = tail, next > position else { return (statement, tail ?? position) }
            if statement != nil { return (statement, next) }
            position = next
        }
        return (nil, position)
    }

    /// One sqlite3_step, its duration added to the time the limit counts.
    private func step(_ statement: OpaquePointer) -> Int32 {
        stepStarted = DispatchTime.now().uptimeNanoseconds
        let rc = sqlite3_step(statement)
        busyNanos += DispatchTime.now().uptimeNanoseconds - stepStarted
        stepStarted = 0
        return rc
    }

    /// The error for a failed prepare or step. A refusal by the authorizer is named whatever
    /// code SQLite gives it (a refused function fails as SQLITE_ERROR, not SQLITE_AUTH).
    private func failure(_ rc: Int32) -> Error {
        if timedOut || rc & 0xFF == SQLITE_INTERRUPT { return SQLLimitExceeded(limit: .time(limits.timeout)) }
        if rc & 0xFF == SQLITE_TOOBIG { return SQLLimitExceeded(limit: .valueBytes(limits.maxValueBytes)) }
        if let refused {
            return SQLRejected(description: "context sql is read-only: \(refused) is not allowed (SELECT, WITH and read-only PRAGMAs only)")
        }
        return SQLRejected(description: String(cString: sqlite3_errmsg(db)))
    }

    private func value(_ statement: OpaquePointer, _ i: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, i))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(statement, i) else { return .text("") }
            let count = Int(sqlite3_column_bytes(statement, i))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB: return .blob(byteCount: Int(sqlite3_column_bytes(statement, i)))
        default: return .null
        }
    }

    /// Whether the time SQLite has spent computing is past the limit.
    fileprivate var pastDeadline: Bool {
        guard stepStarted != 0 else { return false }
        let busy = busyNanos + (DispatchTime.now().uptimeNanoseconds - stepStarted)
        return Double(busy) / 1e9 > limits.timeout
    }
}

/// Introspection PRAGMAs that read the schema and never change a setting. The first six take a
/// table or index name; the others are allowed only without an argument (with one they would set).
private let pragmasWithNameArgument: Set<String> = ["table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list"]
private let pragmasReadOnly: Set<String> = [
    "application_id", "user_version", "schema_version", "data_version", "database_list", "collation_list",
    "function_list", "module_list", "pragma_list", "compile_options", "encoding", "page_size", "page_count", "freelist_count",
]
/// Functions refused although SQLite calls them read-only: they load code or hand out pointers.
private let refusedFunctions: Set<String> = ["load_extension", "fts3_tokenizer"]

/// SQLite's authorizer callback: allow reads, deny everything else and remember what.
private func readOnlyAuthorizer(
    _ context: UnsafeMutableRawPointer?, _ action: Int32, _ a: UnsafePointer<CChar>?,
    _ b: UnsafePointer<CChar>?, _ database: UnsafePointer<CChar>?, _ trigger: UnsafePointer<CChar>?
) -> Int32 {
    let first = a.map { String(cString: $0) }, second = b.map { String(cString: $0) }
    let verdict = authorize(action, first, second)
    if let refusal = verdict, let context {
        Unmanaged<ReadOnlyConnection>.fromOpaque(context).takeUnretainedValue().refused = refusal
    }
    return verdict == nil ? SQLITE_OK : SQLITE_DENY
}

/// nil when `action` is a read; otherwise what to name in the refusal.
private func authorize(_ action: Int32, _ a: String?, _ b: String?) -> String? {
    switch action {
    case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
        return nil
    case SQLITE_UPDATE where a == "sqlite_master" || a == "sqlite_temp_master":
        // Connecting a virtual table (FTS5, pragma_table_info) declares its columns with a CREATE
        // TABLE that SQLite compiles, schema-record update included, and discards unrun. A real
        // UPDATE of the schema table cannot run here: SQLite refuses it ("may not be modified")
        // without writable_schema, which this authorizer refuses, on a read-only connection.
        return nil
    case SQLITE_FUNCTION:
        let name = (b ?? "").lowercased()
        return refusedFunctions.contains(name) ? "the function \(name)()" : nil
    case SQLITE_PRAGMA:
        let name = (a ?? "").lowercased()
        if pragmasWithNameArgument.contains(name) || (b == nil && pragmasReadOnly.contains(name)) { return nil }
        return b.map { "PRAGMA \(name) = \($0)" } ?? "PRAGMA \(name)"
    case SQLITE_ATTACH: return "ATTACH"
    case SQLITE_DETACH: return "DETACH"
    case SQLITE_INSERT where a == "sqlite_temp_master": return "creating a temporary table, index, trigger or view"
    case SQLITE_INSERT where a == "sqlite_master": return "changing the schema (CREATE, DROP, ALTER, REINDEX)"
    case SQLITE_INSERT: return "INSERT into \(a ?? "a table")"
    case SQLITE_UPDATE: return "UPDATE of \(a ?? "a table")"
    case SQLITE_DELETE: return "DELETE from \(a ?? "a table")"
    case SQLITE_TRANSACTION, SQLITE_SAVEPOINT: return "a transaction or savepoint"
    case SQLITE_ANALYZE: return "ANALYZE"
    case SQLITE_CREATE_TABLE, SQLITE_CREATE_INDEX, SQLITE_CREATE_TRIGGER, SQLITE_CREATE_VIEW, SQLITE_DROP_TABLE, SQLITE_DROP_INDEX,
        SQLITE_DROP_TRIGGER, SQLITE_DROP_VIEW, SQLITE_DROP_TEMP_TABLE, SQLITE_DROP_TEMP_INDEX, SQLITE_DROP_TEMP_TRIGGER,
        SQLITE_DROP_TEMP_VIEW, SQLITE_ALTER_TABLE, SQLITE_REINDEX:
        return "changing the schema (CREATE, DROP, ALTER, REINDEX)"
    case SQLITE_CREATE_TEMP_TABLE, SQLITE_CREATE_TEMP_INDEX, SQLITE_CREATE_TEMP_TRIGGER, SQLITE_CREATE_TEMP_VIEW:
        return "creating a temporary table, index, trigger or view"
    case SQLITE_CREATE_VTABLE, SQLITE_DROP_VTABLE: return "creating or dropping a virtual table"
    default: return "a statement that changes the database or the connection (authorizer action \(action))"
    }
}

/// SQLite's progress handler: a non-zero return interrupts the statement.
private func deadlineCheck(_ context: UnsafeMutableRawPointer?) -> Int32 {
    guard let context else { return 0 }
    let connection = Unmanaged<ReadOnlyConnection>.fromOpaque(context).takeUnretainedValue()
    guard connection.pastDeadline else { return 0 }
    connection.timedOut = true
    return 1
}
