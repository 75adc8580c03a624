import ArgumentParser
import BrandContext
import Foundation
import Pipeline
import PipelinePostgres

/// `tessera runs` — what the run journal recorded.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List and inspect runs recorded by 'tessera render --journal'.",
        discussion: """
            Examples:
              tessera runs list --journal .tessera/journal.sqlite
              tessera runs show run-20261123-090000-1a2b --journal .tessera/journal.sqlite
              tessera runs show run-20261123-090000-1a2b --format json
              PGPASSWORD=… tessera runs list --journal postgres://tessera@db:5432/journal

            With a PostgreSQL journal, the shards of a run (--run-id ID --shard K/N on several machines) are one line of 'list', and 'show' sums their counts and lists each shard.
            """,
        subcommands: [List.self, Show.self]
    )

    struct JournalOption: ParsableArguments {
        @Option(help: "The run journal written by render --journal: a SQLite file or postgres://USER@HOST:PORT/DB.") var journal: String =
            ".tessera/journal.sqlite"

        func open() throws -> any RunJournal {
            guard JournalOpener.isDatabase(journal) || FileManager.default.fileExists(atPath: journal) else {
                printError("error: no journal at '\(journal)' (render with --journal FILE first)")
                throw ExitCode(2)
            }
            do { return try JournalOpener.open(journal) } catch { printError("error: \(error)"); throw ExitCode(2) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per run: id, state, start, records by status, throughput.")
        @OptionGroup var options: JournalOption

        func run() throws {
            let journal = try options.open()
            let runs = RunRecord.byRunID(try journal.runs())
            print(pad(["RUN", "STATE", "STARTED (UTC)", "RECORDS", "RENDERED", "SUPPRESSED", "HELD", "REJECTED", "RATE/s"]))
            for shards in runs {
                let r = RunRecord.combined(shards)
                print(
                    pad([
                        r.id, state(shards, journal), stamp(r.startedAt), "\(r.counts.records)", "\(r.counts.rendered)", "\(r.counts.suppressed)",
                        "\(r.counts.held)", "\(r.counts.rejected)", "\(Int(r.throughput))",
                    ]))
            }
        }

        /// `running` while a process writes the run, `stopped` when it is not completed and no
        /// process has it (killed: `--resume` continues it).
        func state(_ shards: [RunRecord], _ journal: any RunJournal) -> String {
            let states = shards.map { r in r.state == "running" && !journal.writer(of: r).held ? "stopped" : r.state }
            return states.contains("running") ? "running" : states.contains("stopped") ? "stopped" : "completed"
        }

        func pad(_ cols: [String]) -> String {
            let widths = [30, 10, 21, 9, 9, 11, 7, 9, 8]
            return zip(cols, widths).map { $0.padding(toLength: max($1, $0.count + 1), withPad: " ", startingAt: 0) }.joined().trimmingCharacters(
                in: .whitespaces)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One run: settings, inputs' hashes, counts by status and reason code, throughput, start and end.")
        @Argument(help: "The run id (see 'tessera runs list').") var runID: String
        @OptionGroup var options: JournalOption
        @Option(help: "text or json.") var format: String = "text"

        func validate() throws {
            guard format == "text" || format == "json" else { throw ValidationError("--format expects text or json, found '\(format)'") }
        }

        func run() throws {
            let journal = try options.open()
            let shards = try journal.runs().filter { $0.id == runID }
            guard !shards.isEmpty else {
                printError("error: no run '\(runID)' in \(journal.path) (runs: \(try journal.runs().map(\.id).suffix(5).joined(separator: ", ")))")
                throw ExitCode(2)
            }
            let r = RunRecord.combined(shards)
            var reasonTotals: [String: Int] = [:]
            for s in shards { for (code, n) in try journal.reasonCounts(s) { reasonTotals[code, default: 0] += n } }
            let reasons = reasonTotals.map { (code: $0.key, count: $0.value) }.sorted {
                $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code
            }
            let writers = shards.filter { $0.state == "running" }.map { journal.writer(of: $0) }
            let writer = (held: writers.contains { $0.held }, pid: writers.first { $0.held }?.pid)
            if shards.count > 1 {
                if format == "json" { print(json(r, reasons, writer, shards: shards.map { ($0, journal.writer(of: $0).held) })); return }
            } else if format == "json" {
                print(json(r, reasons, writer)); return
            }
            let activity =
                r.state != "running"
                ? ""
                : writer.held
                    ? ", being written by \(FileLock.describe(writer.pid))"
                    : ", no process is writing it: continue it with --resume \(r.id)"
            print("run \(r.id) (\(r.state)\(activity)\(r.resumes > 0 ? ", resumed \(r.resumes)×" : ""))")
            print("  started    \(stamp(r.startedAt))\(r.endedAt.map { "   ended \(stamp($0))" } ?? "")")
            print("  clock      \(stamp(r.now)) (--now)")
            print(
                "  recipients \(r.recipients)   output \(r.output) (\(r.format))\(r.template.map { "   template \($0)" } ?? "")\(r.shard.map { "   shard \($0)" } ?? "")"
            )
            print("  inputs     recipients \(r.recipientsHash ?? "(run not completed)")   project \(r.projectHash)")
            print("  progress   \(Plural.of(r.committedLines, "line")), \(r.committedBytes) output bytes committed")
            print(
                "  records    \(r.counts.records): \(r.counts.rendered) rendered, \(r.counts.suppressed) suppressed, \(r.counts.held) held, \(r.counts.rejected) rejected\(r.counts.skipped > 0 ? "; \(r.counts.skipped) skipped (other shards)" : "")"
            )
            print("  throughput \(Int(r.throughput))/s over \(String(format: "%.2f", r.activeSeconds)) s of rendering (\(r.jobs) jobs)")
            print("  reasons")
            for (code, n) in reasons { print("    \(code.padding(toLength: max(32, code.count + 1), withPad: " ", startingAt: 0))\(n)") }
            if shards.count > 1 {
                print("  shards")
                for s in shards {
                    let st = s.state == "running" && !journal.writer(of: s).held ? "stopped" : s.state
                    print(
                        "    \(s.shard ?? "-")  \(st)  \(s.counts.records) records (\(s.counts.rendered) rendered, \(s.counts.suppressed) suppressed, \(s.counts.held) held, \(s.counts.rejected) rejected)  \(s.committedLines) lines committed  \(Int(s.throughput))/s"
                    )
                }
            }
        }

        func json(
            _ r: RunRecord, _ reasons: [(code: String, count: Int)], _ writer: (held: Bool, pid: Int32?),
            shards: [(RunRecord, Bool)] = []
        ) -> String {
            var object: [String: Any] = [
                "id": r.id, "state": r.state, "writing": writer.held, "writer_pid": writer.pid.map { Int($0) as Any } ?? NSNull(),
                "started_at": stamp(r.startedAt), "ended_at": r.endedAt.map(stamp) ?? NSNull(),
                "now": stamp(r.now), "recipients": r.recipients, "output": r.output, "format": r.format,
                "template": r.template ?? NSNull(), "shard": r.shard ?? NSNull(), "jobs": r.jobs, "resumes": r.resumes,
                "recipients_hash": r.recipientsHash ?? NSNull(), "project_hash": r.projectHash,
                "committed_lines": r.committedLines, "committed_bytes": r.committedBytes,
                "counts": [
                    "rendered": r.counts.rendered, "suppressed": r.counts.suppressed, "held": r.counts.held,
                    "rejected": r.counts.rejected, "skipped": r.counts.skipped, "records": r.counts.records,
                ],
                "active_seconds": r.activeSeconds, "throughput": Int(r.throughput),
                "reasons": reasons.map { ["code": $0.code, "count": $0.count] },
            ]
            if !shards.isEmpty {
                object["shards"] = shards.map { s, writing -> [String: Any] in
                    [
                        "shard": s.shard ?? NSNull(), "state": s.state, "writing": writing, "committed_lines": s.committedLines, "resumes": s.resumes,
                        "counts": [
                            "rendered": s.counts.rendered, "suppressed": s.counts.suppressed, "held": s.counts.held,
                            "rejected": s.counts.rejected, "skipped": s.counts.skipped, "records": s.counts.records,
                        ],
                        "active_seconds": s.activeSeconds,
                    ]
                }
            }
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
            return String(decoding: data, as: UTF8.self)
        }
    }
}

private func stamp(_ d: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: d)
}
