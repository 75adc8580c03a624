import ArgumentParser
import Foundation
import Pipeline
import PipelinePostgres

/// `tessera journal migrate` — create or upgrade a run journal's schema.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Manage a run journal's schema.",
        subcommands: [Migrate.self]
    )

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or upgrade the journal's tables to this tessera's schema version.",
            discussion: """
                A PostgreSQL journal records its schema version in the table tessera_schema; migrate applies the missing versions in one transaction per run of the command, under a lock, so several machines may run it at once. Every command that opens a journal migrates it too: run this first to do it at a time of your choosing (and with a role allowed to create tables). A SQLite journal is created or upgraded the same way.

                Examples:
                  PGPASSWORD=… tessera journal migrate \\
                    --journal postgres://tessera@db:5432/journal
                  tessera journal migrate --journal .tessera/journal.sqlite
                """
        )
        @Option(help: "The journal: postgres://USER@HOST:PORT/DB (password from PGPASSWORD or ~/.pgpass) or a SQLite file.") var journal: String

        func run() throws {
            do {
                if JournalOpener.isDatabase(journal) {
                    let location = try PostgresLocation(parsing: journal)
                    let (before, after) = try PostgresJournal.migrate(location)
                    print(
                        before == after
                            ? "journal \(location.display) is at schema version \(after)"
                            : "journal \(location.display) migrated from schema version \(before) to \(after)")
                } else {
                    _ = try Journal(path: journal)
                    print("journal \(journal) is up to date")
                }
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
        }
    }
}
