import ArgumentParser
import BrandContext
import Foundation

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
              tessera context build --brand examples/acme/brand --out /tmp/acme.sqlite
              tessera context build --force

            Every error found is printed, one per line, as FILE:LINE:COL: error: MESSAGE (warnings too, which do not stop the build).
            """
        )
        @OptionGroup var location: ContextLocation
        @Flag(help: "Rebuild even when the brand's content hash is unchanged.") var force = false

        func run() throws {
            do {
                switch try ContextStore.build(brand: location.brandURL, database: location.databaseURL,
                                              displayPrefix: location.brand, force: force) {
                case .upToDate(let hash):
                    print("context up to date: \(location.out) (hash \(hash.prefix(12)))")
                case .built(let hash, let warnings):
                    for w in warnings { printError(w.description) }
                    let store = try ContextStore.openExisting(database: location.databaseURL)
                    let counts = try store.query(sql: """
                        SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM disclaimers),
                               (SELECT count(*) FROM voice_rules), (SELECT count(*) FROM guardrail_rules)
                        """).rows.first ?? []
                    let n = counts.map { $0 ?? "0" }
                    print("built \(location.out): \(n[0]) claims, \(n[1]) disclaimers, \(n[2]) voice rules, \(n[3]) guardrail rules (hash \(hash.prefix(12)))")
                }
            } catch let error as ContextBuildError {
                reportAndExit(error)
            } catch let error as ContextWriteError {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        }
    }

    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Run one read-only SQL statement over the context database.",
            discussion: """
            The database is opened read-only; INSERT, UPDATE, DELETE, DDL and ATTACH are refused (exit 2). It is (re)built first when brand/ changed. Tables: docs/brand.md.

            Examples:
              tessera context sql "SELECT id FROM claims WHERE valid_until < date('now')"
              tessera context sql "SELECT claim_id, locale FROM claims_fts('waterproof')"
              tessera context sql --format json "SELECT name, hex FROM palette"
            """
        )
        @OptionGroup var location: ContextLocation
        @Option(help: "table or json.") var format: TableFormat = .table
        @Argument(help: "The SQL statement.") var statement: String

        func run() throws {
            let store = try location.openStore()
            do {
                let result = try store.query(sql: statement)
                print(format == .json ? TextTable.json(result) : TextTable.render(result), terminator: "")
            } catch let error as SQLRejected {
                printError("error: \(error.description)")
                throw ExitCode(2)
            }
        }
    }
}

/// `--brand` and `--out`, shared by every command that needs the context.
struct ContextLocation: ParsableArguments {
    @Option(help: "The brand folder.") var brand: String = "brand"
    @Option(help: "The context database file.") var out: String = ".tessera/context.sqlite"

    var brandURL: URL { URL(fileURLWithPath: brand) }
    var databaseURL: URL { URL(fileURLWithPath: out) }

    /// Builds the context when stale (exit 2 with the errors if the brand is invalid).
    func openStore() throws -> ContextStore {
        do {
            return try ContextStore.open(brand: brandURL, database: databaseURL, displayPrefix: brand)
        } catch let error as ContextBuildError {
            reportAndExit(error)
        } catch let error as ContextWriteError {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}

enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Prints every diagnostic to stderr and exits 2 (the brand is invalid).
func reportAndExit(_ error: ContextBuildError) -> Never {
    for d in error.diagnostics { printError(d.description) }
    let errors = error.diagnostics.filter { $0.severity == .error }.count
    printError("\(errors) error\(errors == 1 ? "" : "s"); the context was not built")
    Foundation.exit(2)
}
