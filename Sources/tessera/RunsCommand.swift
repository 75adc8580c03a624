import ArgumentParser
import BrandContext
import Foundation
import Pipeline

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
        """,
        subcommands: [List.self, Show.self]
    )

    struct JournalOption: ParsableArguments {
        @Option(help: "The run journal (SQLite) written by render --journal.") var journal: String = ".tessera/journal.sqlite"

        func open() throws -> Journal {
            guard FileManager.default.fileExists(atPath: journal) else {
                printError("error: no journal at '\(journal)' (render with --journal FILE first)")
                throw ExitCode(2)
            }
            do { return try Journal(path: journal) } catch { printError("error: \(error)"); throw ExitCode(2) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per run: id, state, start, records by status, throughput.")
        @OptionGroup var options: JournalOption

        func run() throws {
            let journal = try options.open()
            let runs = try journal.runs()
            print(pad(["RUN", "STATE", "STARTED (UTC)", "RECORDS", "RENDERED", "SUPPRESSED", "HELD", "REJECTED", "RATE/s"]))
            for r in runs {
                print(pad([r.id, state(r, journal), stamp(r.startedAt), "\(r.counts.records)", "\(r.counts.rendered)", "\(r.counts.suppressed)",
                           "\(r.counts.held)", "\(r.counts.rejected)", "\(Int(r.throughput))"]))
            }
        }

        /// `running` while a process writes the run, `stopped` when it is not completed and no
        /// process has it (killed: `--resume` continues it).
        func state(_ r: RunRecord, _ journal: Journal) -> String {
            r.state == "running" && !journal.writer(of: r).held ? "stopped" : r.state
        }

        func pad(_ cols: [String]) -> String {
            let widths = [30, 10, 21, 9, 9, 11, 7, 9, 8]
            return zip(cols, widths).map { $0.padding(toLength: max($1, $0.count + 1), withPad: " ", startingAt: 0) }.joined().trimmingCharacters(in: .whitespaces)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One run: settings, inputs' hashes, counts by status and reason code, throughput, start and end.")
        @Argument(help: "The run id (see 'tessera runs list').") var runID: String
        @OptionGroup var options: JournalOption
        @Option(help: "text or json.") var format: String = "text"

        func validate() throws {
            guard format == "text" || format == "json" else { throw ValidationError("--format expects text or json, found '\(format)'") }
        }

        func run() throws {
            let journal = try options.open()
            guard let r = try journal.run(runID) else {
                printError("error: no run '\(runID)' in \(journal.path) (runs: \(try journal.runs().map(\.id).suffix(5).joined(separator: ", ")))")
                throw ExitCode(2)
            }
            let reasons = try journal.reasonCounts(r)
            let writer = r.state == "running" ? journal.writer(of: r) : (held: false, pid: nil)
            if format == "json" { print(json(r, reasons, writer)); return }
            let activity = r.state != "running" ? "" : writer.held ? ", being written by \(FileLock.describe(writer.pid))"
                : ", no process is writing it: continue it with --resume \(r.id)"
            print("run \(r.id) (\(r.state)\(activity)\(r.resumes > 0 ? ", resumed \(r.resumes)×" : ""))")
            print("  started    \(stamp(r.startedAt))\(r.endedAt.map { "   ended \(stamp($0))" } ?? "")")
            print("  clock      \(stamp(r.now)) (--now)")
            print("  recipients \(r.recipients)   output \(r.output) (\(r.format))\(r.template.map { "   template \($0)" } ?? "")\(r.shard.map { "   shard \($0)" } ?? "")")
            print("  inputs     recipients \(r.recipientsHash ?? "(run not completed)")   project \(r.projectHash)")
            print("  progress   \(Plural.of(r.committedLines, "line")), \(r.committedBytes) output bytes committed")
            print("  records    \(r.counts.records): \(r.counts.rendered) rendered, \(r.counts.suppressed) suppressed, \(r.counts.held) held, \(r.counts.rejected) rejected\(r.counts.skipped > 0 ? "; \(r.counts.skipped) skipped (other shards)" : "")")
            print("  throughput \(Int(r.throughput))/s over \(String(format: "%.2f", r.activeSeconds)) s of rendering (\(r.jobs) jobs)")
            print("  reasons")
            for (code, n) in reasons { print("    \(code.padding(toLength: max(32, code.count + 1), withPad: " ", startingAt: 0))\(n)") }
        }

        func json(_ r: RunRecord, _ reasons: [(code: String, count: Int)], _ writer: (held: Bool, pid: Int32?)) -> String {
            let object: [String: Any] = [
                "id": r.id, "state": r.state, "writing": writer.held, "writer_pid": writer.pid.map { Int($0) as Any } ?? NSNull(), "started_at": stamp(r.startedAt), "ended_at": r.endedAt.map(stamp) ?? NSNull(),
                "now": stamp(r.now), "recipients": r.recipients, "output": r.output, "format": r.format,
                "template": r.template ?? NSNull(), "shard": r.shard ?? NSNull(), "jobs": r.jobs, "resumes": r.resumes,
                "recipients_hash": r.recipientsHash ?? NSNull(), "project_hash": r.projectHash,
                "committed_lines": r.committedLines, "committed_bytes": r.committedBytes,
                "counts": ["rendered": r.counts.rendered, "suppressed": r.counts.suppressed, "held": r.counts.held,
                           "rejected": r.counts.rejected, "skipped": r.counts.skipped, "records": r.counts.records],
                "active_seconds": r.activeSeconds, "throughput": Int(r.throughput),
                "reasons": reasons.map { ["code": $0.code, "count": $0.count] },
            ]
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
