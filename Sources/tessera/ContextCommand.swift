import ArgumentParser
import BrandContext
import Foundation
import Service

/// `tessera context` — validate `brand/`, compile it to SQLite, query it read-only.
struct ContextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract: "Validate the brand folder, compile it into a SQLite context, and query it.",
        discussion: """
            The context database holds the brand facts, claims (with FTS5 full-text search), disclaimers, voice rules and guardrails. It is keyed by a content hash of brand/: an unchanged brand is not rebuilt. Schema: docs/brand.md.

            Examples:
              tessera context build
              tessera context sql "SELECT id, text FROM claims"
            """,
        subcommands: [Build.self, SQL.self]
    )

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate brand/ and write the context database (exit 0, or 2 with every error).",
            discussion: """
                Examples:
                  tessera context build
                  tessera context build --project examples/acme --out /tmp/acme.sqlite
                  tessera context build --force

                The database is written to a temporary file beside --out and renamed over it, so readers never see half a database. A file already at --out is replaced only when it is Tessera's own (a context database carries SQLite application_id 0x54455353); any other file is refused unless --force is given, and a folder or device never is.

                Every error found is printed, one per line, as FILE:LINE:COL: error: MESSAGE (warnings too, which do not stop the build).
                """
        )
        @OptionGroup var location: ContextLocation
        @Flag(help: "Rebuild even when the brand's content hash is unchanged, and replace a file at --out that is not a Tessera context database.")
        var force = false

        func run() throws {
            try reportingContextErrors(forceGiven: force) {
                switch try ContextStore.build(
                    brand: location.brandURL, database: location.databaseURL,
                    displayPrefix: location.brandPath, force: force, replaceForeign: force)
                {
                case .upToDate(let hash):
                    print("context up to date: \(location.databasePath) (hash \(hash.prefix(12)))")
                case .built(let hash, let warnings):
                    for w in warnings { printError(w.description) }
                    let store = try ContextStore.openExisting(database: location.databaseURL)
                    let counts =
                        try store.query(
                            sql: """
                                SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM disclaimers),
                                       (SELECT count(*) FROM voice_rules), (SELECT count(*) FROM guardrail_rules)
                                """
                        ).rows.first ?? []
                    let n = counts.map { $0 ?? "0" }
                    print(
                        "built \(location.databasePath): \(n[0]) claims, \(n[1]) disclaimers, \(n[2]) voice rules, \(n[3]) guardrail rules (hash \(hash.prefix(12)))"
                    )
                }
            }
        }
    }

    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Run one read-only SQL statement over the context database.",
            discussion: """
                Read-only by construction: the database is opened read-only on a connection whose SQLite authorizer allows only reads (SELECT, WITH, functions other than load_extension, and introspection PRAGMAs such as table_info); INSERT, UPDATE, DELETE, DDL, ATTACH, PRAGMA settings and temporary tables are refused (exit 2). A string holding more than one statement is refused. The database is (re)built first when brand/ changed. Tables: docs/brand.md.

                Limits (exit 2, naming the limit): SQLite's computing time (--timeout, default 10 s; time spent waiting for the reader of the output does not count), rows (--max-rows, default 100,000), and 16 MB per string or blob value. Rows are written as they come: --format json streams the array (cut at a limit, it is left unclosed so it never parses as a whole answer); --format table sizes its columns from the first 100 rows and clips later cells to those widths (the full values: --format json).

                Examples:
                  tessera context sql "SELECT id FROM claims WHERE valid_until < date('now')"
                  tessera context sql "SELECT claim_id, locale FROM claims_fts('waterproof')"
                  tessera context sql --format json "SELECT name, hex FROM palette"
                  tessera context sql --timeout 60 --max-rows 1000000 "SELECT …"
                """
        )
        @OptionGroup var location: ContextLocation
        @Option(help: "table or json.") var format: TableFormat = .table
        @Option(help: "Seconds SQLite may compute before the statement is stopped.") var timeout: Double = SQLLimits.defaultTimeout
        @Option(help: "Rows the statement may return; more is an error.") var maxRows: Int = SQLLimits.defaultMaxRows
        @Argument(help: "The SQL statement.") var statement: String

        func validate() throws {
            guard timeout.isFinite, timeout > 0 else { throw ValidationError("--timeout expects a positive number of seconds, found '\(timeout)'") }
            guard maxRows >= 1 else { throw ValidationError("--max-rows expects 1 or more, found '\(maxRows)'") }
        }

        func run() throws {
            let store = try location.openStore()
            let limits = SQLLimits(timeout: timeout, maxRows: maxRows)
            let out = BufferedOutput(.standardOutput)
            switch format {
            case .table:
                var sink = TableRowsOutput(out)
                try stream(store, limits, &sink)
            case .json:
                var sink = JSONRowsOutput(out)
                try stream(store, limits, &sink)
            }
        }

        /// Streams the answer; on an error, what was written stays and the error goes to stderr (exit 2).
        private func stream<Sink: StreamedRows>(_ store: ContextStore, _ limits: SQLLimits, _ sink: inout Sink) throws {
            do {
                try store.stream(sql: statement, limits: limits, into: &sink)
                sink.finish()
            } catch let error as SQLRejected {
                sink.abandon()
                printError("error: \(error.description)")
                throw ExitCode(2)
            } catch let error as SQLLimitExceeded {
                sink.abandon()
                printError("error: \(error.description)")
                throw ExitCode(2)
            }
        }
    }
}

/// A row sink that writes as it goes: `finish` after the last row, `abandon` when stopped.
protocol StreamedRows: SQLRowSink {
    mutating func finish()
    mutating func abandon()
}

/// `--format table`, streamed: the first page of rows is held to size the columns, later rows
/// are clipped to those widths (holding every row to measure them would hold the whole answer).
struct TableRowsOutput: StreamedRows {
    static let pageRows = 100
    let out: BufferedOutput
    private var columns: [String] = []
    private var page: [[String]] = []
    private var widths: [Int]?

    init(_ out: BufferedOutput) { self.out = out }

    mutating func begin(columns: [String]) { self.columns = columns }

    mutating func row(_ values: [SQLValue]) {
        let cells = TextTable.cells(values)
        if let widths { out.write(TextTable.line(cells, widths)); return }
        page.append(cells)
        if page.count == Self.pageRows { writePage() }
    }

    private mutating func writePage() {
        let widths = TextTable.widths(columns, page)
        out.write(TextTable.header(columns, widths))
        for cells in page { out.write(TextTable.line(cells, widths)) }
        page = []
        self.widths = widths
    }

    mutating func finish() {
        if widths == nil { writePage() }
        out.flush()
    }

    /// The rows so far are printed: a table is read by a person, who sees the error below it.
    mutating func abandon() {
        if widths == nil && !columns.isEmpty { writePage() }
        out.flush()
    }
}

/// `--format json`, streamed: the array opens with the first row and closes in `finish`.
struct JSONRowsOutput: StreamedRows {
    let out: BufferedOutput
    private var columns: [String] = []
    private var count = 0

    init(_ out: BufferedOutput) { self.out = out }

    mutating func begin(columns: [String]) { self.columns = columns }

    mutating func row(_ values: [SQLValue]) {
        out.write(count == 0 ? "[\n  " : ",\n  ")
        out.write(JSONText.render(TextTable.jsonObject(columns, values), indent: "  "))
        count += 1
    }

    mutating func finish() {
        out.write(count == 0 ? "[]\n" : "\n]\n")
        out.flush()
    }

    /// The array is left open: an answer cut by a limit must not parse as a whole one.
    mutating func abandon() {
        if count > 0 { out.write("\n") }
        out.flush()
    }
}

/// `--project` (or `--brand`) and `--out`, shared by every command that needs the context.
/// `--project` names the project folder as on every other command; `--brand`, the brand folder
/// itself, is how these commands named it first and still works.
struct ContextLocation: ParsableArguments {
    @Option(help: "Project folder holding brand/ (default: the current folder).") var project: String?
    @Option(help: "The brand folder itself, instead of PROJECT/brand.") var brand: String?
    @Option(help: "The context database file (default: PROJECT/.tessera/context.sqlite).") var out: String?

    func validate() throws {
        if let project, let brand {
            throw ValidationError(
                "give --project '\(project)' or --brand '\(brand)', not both: --brand names the brand folder, --project the folder that holds brand/")
        }
    }

    /// The brand folder as the user would type it (diagnostics are prefixed with it).
    var brandPath: String { brand ?? Self.inProject(project, "brand") }
    var databasePath: String { out ?? Self.inProject(project, ".tessera/context.sqlite") }
    var brandURL: URL { URL(fileURLWithPath: brandPath) }
    var databaseURL: URL { URL(fileURLWithPath: databasePath) }

    private static func inProject(_ project: String?, _ relative: String) -> String {
        guard let project, project != "." else { return relative }
        return (project as NSString).appendingPathComponent(relative)
    }

    /// Builds the context when stale (exit 2 with the errors if the brand is invalid).
    func openStore() throws -> ContextStore {
        try reportingContextErrors(forceGiven: false) {
            try ContextStore.open(brand: brandURL, database: databaseURL, displayPrefix: brandPath)
        }
    }
}

/// Runs `work`, turning a failed context build or write into its message and exit status.
func reportingContextErrors<T>(forceGiven: Bool, _ work: () throws -> T) throws -> T {
    do {
        return try work()
    } catch let error as ContextBuildError {
        throw reportedFailure(error)
    } catch let error as ContextWriteError {
        printError("error: \(error)")
        throw ExitCode(1)
    } catch let error as ForeignFileError {
        throw reportedFailure(error, forceGiven: forceGiven)
    }
}

/// How `claims` and `context sql` print rows.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// Runs a command's work so that any error prints as one `error: …` line and exits 2; an
/// `ExitCode` thrown on purpose passes through.
func exitingOnError(_ work: () throws -> Void) throws {
    do {
        try work()
    } catch let code as ExitCode {
        throw code
    } catch {
        printError("error: \(error)")
        throw ExitCode(2)
    }
}

/// A line on standard error; its severity word in colour when a person reads it on a terminal.
func printError(_ line: String) {
    let shown = Terminal.standardErrorColours ? Terminal.highlightSeverity(line) : line
    FileHandle.standardError.write(Data((shown + "\n").utf8))
}

/// `--out` names a file Tessera did not write: says so, and how to replace it when that is
/// possible; gives exit status 2 to throw.
func reportedFailure(_ error: ForeignFileError, forceGiven: Bool) -> ExitCode {
    let hint =
        !error.replaceable || forceGiven
        ? "choose another --out"
        : "choose another --out, or replace it with: tessera context build --out \(error.path) --force"
    printError("error: \(error.description); \(hint)")
    return ExitCode(2)
}

/// Prints every diagnostic to stderr; gives exit status 2 (the brand is invalid) to throw.
func reportedFailure(_ error: ContextBuildError) -> ExitCode {
    for d in error.diagnostics { printError(d.description) }
    let errors = error.diagnostics.filter { $0.severity == .error }.count
    printError("\(errors) error\(errors == 1 ? "" : "s"); the context was not built")
    return ExitCode(2)
}
