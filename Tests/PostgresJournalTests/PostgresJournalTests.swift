import Foundation
import Pipeline
import PipelinePostgres
import TestSupport
import Testing

/// The PostgreSQL journal against a real server, through `tessera` as users run it: kill -9
/// and --resume, a server restart in the middle of a run, shards of one run in parallel
/// processes, and frequency caps across shards and runs. Serialized: the restart test stops
/// the server every test uses.
@Suite(.serialized) struct PostgresJournalTests {
    /// kill -9 at seeded points while rendering, then --resume: every input record has exactly
    /// one output and one journal row, and the output is the bytes of an uninterrupted run.
    @Test func killNineThenResumeIsExactlyOnce() throws {
        guard let url = try PostgresServer.freshDatabase("kill") else { return }
        let binary = try #require(Tessera.url, "tessera is not built")
        let dir = Tessera.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 2000
        let input = Tessera.recipients(count, seed: 5, in: dir)
        let out = dir.appendingPathComponent("out.ndjson"), reference = dir.appendingPathComponent("ref.ndjson")
        #expect(try Tessera.run(Tessera.render(["--recipients", input.path, "--out", reference.path, "--quiet"])).status == 0)
        let total = try Data(contentsOf: reference).count

        let fresh = Tessera.render([
            "--recipients", input.path, "--out", out.path, "--journal", url, "--run-id", "crash",
            "--batch-lines", "16", "--jobs", "2", "--quiet",
        ])
        let resume = ["render", "--project", Tessera.project, "--journal", url, "--resume", "crash", "--batch-lines", "16", "--quiet"]
        var kills = 0
        var started = false
        for point in [total / 8, total / 4, total / 2, total * 3 / 4, total * 7 / 8] {
            let p = Process()
            p.executableURL = binary
            p.arguments = started ? resume : fresh
            p.standardError = FileHandle.nullDevice
            try p.run()
            started = true
            let partial = OutputPaths.partial(out.path)
            while p.isRunning {
                let size = (try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0
                if size >= point { kill(p.processIdentifier, SIGKILL); kills += 1; break }
                usleep(500)
            }
            p.waitUntilExit()
        }
        let last = try Tessera.run(resume)
        if last.status != 0 { #expect(last.stderr.contains("already completed"), "\(last.stderr)") }
        #expect(kills >= 3, "only \(kills) of 5 kills hit a running renderer")

        #expect(try Data(contentsOf: out) == Data(contentsOf: reference))
        let journal = try PostgresJournal(url: url)
        let run = try #require(try journal.run("crash", shard: nil))
        #expect(run.state == "completed" && run.counts.records == count && run.committedLines == count && run.resumes >= 1)
        let (lo, hi) = (run.key << 36, ((run.key + 1) << 36) - 1)
        #expect(try PostgresServer.integers(url, "SELECT count(*) FROM recipients WHERE seq BETWEEN \(lo) AND \(hi)") == [count])
        #expect(try PostgresServer.integers(url, "SELECT count(DISTINCT id) FROM recipients WHERE seq BETWEEN \(lo) AND \(hi)") == [count])
    }

    /// The server stops in the middle of a run and comes back: the run says it pauses, retries,
    /// and completes with every record once, in the output and in the journal.
    @Test func serverRestartMidRunPausesRetriesAndContinues() throws {
        guard let url = try PostgresServer.freshDatabase("restart") else { return }
        guard let restart = PostgresServer.environment["TESSERA_TEST_POSTGRES_RESTART"] else {
            if PostgresServer.environment["TESSERA_REQUIRE_POSTGRES"] == "1" {
                Issue.record("TESSERA_REQUIRE_POSTGRES=1 but TESSERA_TEST_POSTGRES_RESTART (a command that restarts the server) is not set")
            }
            return
        }
        let dir = Tessera.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 6000
        let input = Tessera.recipients(count, seed: 7, in: dir)
        let out = dir.appendingPathComponent("out.ndjson"), reference = dir.appendingPathComponent("ref.ndjson")
        #expect(try Tessera.run(Tessera.render(["--recipients", input.path, "--out", reference.path, "--quiet"])).status == 0)

        let run = try Running(
            Tessera.render([
                "--recipients", input.path, "--out", out.path, "--journal", url + "?retry=120",
                "--run-id", "restarted", "--batch-lines", "8", "--jobs", "1", "--progress-interval", "60",
            ]))
        // Restart once the run has committed output (it is well under way, far from its end).
        let partial = OutputPaths.partial(out.path)
        while run.isRunning, ((try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0) < 200_000 { usleep(2000) }
        #expect(run.isRunning, "the run ended before the server was restarted; make it longer")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", restart]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "the restart command failed: \(restart)")
        let (status, err) = run.finish()
        #expect(status == 0, "\(err)")
        #expect(err.contains("unreachable while") && err.contains("the run pauses and retries"), "the run did not see the restart: \(err)")
        #expect(err.contains("is back: the run continues"), "\(err)")

        #expect(try Data(contentsOf: out) == Data(contentsOf: reference))
        let record = try #require(try PostgresJournal(url: url).run("restarted", shard: nil))
        #expect(record.state == "completed" && record.counts.records == count)
        #expect(try PostgresServer.integers(url, "SELECT count(*) FROM recipients") == [count])
        #expect(try PostgresServer.integers(url, "SELECT count(DISTINCT id) FROM recipients") == [count])
    }

    /// A batch's cap decision and its commit are one unit: the connection is lost after the
    /// decision and the batch's output, before the commit (a fault only tests inject), another
    /// run of the same recipients is rendered and committed meanwhile, and the retried unit
    /// decides again: the recipients the other run sent to are suppressed in this run's output
    /// and journal, and each gets one message in all.
    @Test func aRetriedCommitDecidesTheCapsAgain() throws {
        guard let url = try PostgresServer.freshDatabase("recap") else { return }
        let dir = Tessera.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 6
        let input = Tessera.recipients(count, seed: 31, in: dir)
        let fault = dir.appendingPathComponent("fault")
        try FileManager.default.createDirectory(at: fault, withIntermediateDirectories: true)
        let first = dir.appendingPathComponent("first.ndjson"), other = dir.appendingPathComponent("other.ndjson")
        let paused = fault.appendingPathComponent("paused").path
        let run = try Running(
            Tessera.render([
                "--recipients", input.path, "--out", first.path, "--journal", url, "--run-id", "first",
                "--batch-lines", "64", "--jobs", "1", "--progress-interval", "60",
            ]),
            environment: ["TESSERA_TEST_FAULT_BEFORE_COMMIT": fault.path])
        while run.isRunning, !FileManager.default.fileExists(atPath: paused) { usleep(10_000) }
        try #require(FileManager.default.fileExists(atPath: paused), "the run ended before the injected fault: \(run.stderr)")
        let sent = try Tessera.run(
            Tessera.render(["--recipients", input.path, "--out", other.path, "--journal", url, "--run-id", "other", "--quiet"]))
        #expect(sent.status == 0, "\(sent.stderr)")
        FileManager.default.createFile(atPath: fault.appendingPathComponent("resume").path, contents: nil)
        let (status, err) = run.finish()
        #expect(status == 0, "\(err)")
        #expect(err.contains("unreachable while") && err.contains("is back: the run continues"), "the run did not retry: \(err)")

        let sentTo = Set(try Tessera.records(other).filter { $0["status"] as? String == "rendered" }.map { $0["id"] as! String })
        #expect(!sentTo.isEmpty, "the other run rendered nobody: the test proves nothing")
        let records = try Tessera.records(first)
        #expect(records.count == count, "\(records.count) records for \(count) lines: the batch's first output was not replaced")
        for r in records where sentTo.contains(r["id"] as! String) {
            let codes = (r["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(
                r["status"] as? String == "suppressed" && codes.contains("frequency.marketing-email-daily"),
                "\(r["id"] ?? "") was sent by the other run but not capped here: \(r["status"] ?? "")")
        }
        #expect(try PostgresServer.integers(url, "SELECT count(*) FROM recipients") == [2 * count], "one journal row per line of each run")
        #expect(try PostgresServer.integers(url, "SELECT count(*) FROM recipients WHERE status = 'rendered'") == [sentTo.count])
        #expect(try PostgresServer.integers(url, "SELECT count(DISTINCT id_hash) FROM recipients WHERE status = 'rendered'") == [sentTo.count])
    }

    /// Two machines' shards of one run id, rendered at the same time by two processes: each
    /// line is output by exactly one shard, and `runs show` sums the shards.
    @Test func twoShardsOfOneRunInParallelProcesses() throws {
        guard let url = try PostgresServer.freshDatabase("shards") else { return }
        let dir = Tessera.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 1500
        let input = Tessera.recipients(count, seed: 9, in: dir)
        let shards = try (1...2).map { k in
            try Running(
                Tessera.render([
                    "--recipients", input.path, "--out", dir.appendingPathComponent("out\(k).ndjson").path,
                    "--journal", url, "--run-id", "split", "--shard", "\(k)/2", "--batch-lines", "16", "--quiet",
                ]))
        }
        for s in shards { let (status, err) = s.finish(); #expect(status == 0, "\(err)") }

        var seen: [String: Int] = [:]
        for k in 1...2 { for r in try Tessera.records(dir.appendingPathComponent("out\(k).ndjson")) { seen[r["id"] as! String, default: 0] += 1 } }
        #expect(seen.count == count && seen.values.allSatisfy { $0 == 1 })

        let journal = try PostgresJournal(url: url)
        let records = try journal.runs().filter { $0.id == "split" }
        #expect(records.count == 2 && Set(records.compactMap(\.shard)) == ["1/2", "2/2"])
        #expect(records.map(\.counts.records).reduce(0, +) == count && records.allSatisfy { $0.state == "completed" })

        let dump = dir.appendingPathComponent("show.json")
        FileManager.default.createFile(atPath: dump.path, contents: nil)
        let show = Process()
        show.executableURL = Tessera.url
        show.arguments = ["runs", "show", "split", "--journal", url, "--format", "json"]
        show.standardOutput = try FileHandle(forWritingTo: dump)
        try show.run()
        show.waitUntilExit()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dump)) as? [String: Any])
        #expect((object["counts"] as? [String: Any])?["records"] as? Int == count)
        #expect((object["shards"] as? [Any])?.count == 2 && object["state"] as? String == "completed")
        // A third process may not take a shard that exists.
        let again = try Tessera.run(
            Tessera.render([
                "--recipients", input.path, "--out", dir.appendingPathComponent("out3.ndjson").path,
                "--journal", url, "--run-id", "split", "--shard", "1/2", "--quiet",
            ]))
        #expect(again.status == 2 && again.stderr.contains("already exists"), "\(again.stderr)")
    }

    /// A recipient capped at one marketing email a day (the shipped `marketing-email-daily`)
    /// gets one message however the send is split: two runs of the same send, each split in
    /// two shards, all four processes at once.
    @Test func capsHoldAcrossShardsAndRuns() throws {
        guard let url = try PostgresServer.freshDatabase("caps") else { return }
        let dir = Tessera.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 800
        let input = Tessera.recipients(count, seed: 21, in: dir)
        let single = dir.appendingPathComponent("single.ndjson")
        #expect(try Tessera.run(Tessera.render(["--recipients", input.path, "--out", single.path, "--quiet"])).status == 0)
        let eligible = try Tessera.records(single).filter { $0["status"] as? String == "rendered" }.count
        #expect(eligible > count / 2)

        var outputs: [URL] = []
        var processes: [Running] = []
        for run in ["a", "b"] {
            for k in 1...2 {
                let out = dir.appendingPathComponent("\(run)\(k).ndjson")
                outputs.append(out)
                processes.append(
                    try Running(
                        Tessera.render([
                            "--recipients", input.path, "--out", out.path, "--journal", url,
                            "--run-id", run, "--shard", "\(k)/2", "--batch-lines", "8", "--quiet",
                        ])))
            }
        }
        for p in processes { let (status, err) = p.finish(); #expect(status == 0, "\(err)") }
        var rendered: [String: Int] = [:]
        var capped = 0
        for out in outputs {
            for r in try Tessera.records(out) {
                if r["status"] as? String == "rendered" { rendered[r["id"] as! String, default: 0] += 1 }
                let codes = (r["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                if codes.contains("frequency.marketing-email-daily") { capped += 1 }
            }
        }
        #expect(rendered.values.allSatisfy { $0 == 1 }, "\(rendered.filter { $0.value > 1 }.count) recipients were sent twice")
        #expect(rendered.count == eligible, "every eligible recipient gets exactly one message")
        #expect(capped == eligible, "the second send of each recipient is suppressed by the daily cap")
    }

    /// Both shipped caps (3 marketing emails in 7 days, 1 a day) are counted in one query, a
    /// column per window: after sends on three days in a row, a fourth the next day is stopped
    /// by the weekly cap and not the daily one, for the same recipients as with the SQLite
    /// journal.
    @Test func theWeeklyAndDailyCapsCountTheirOwnWindows() throws {
        guard let url = try PostgresServer.freshDatabase("windows") else { return }
        let dir = Tessera.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = Tessera.recipients(40, seed: 5, in: dir)
        let sqlite = dir.appendingPathComponent("journal.sqlite").path
        var fourth: [String: [[String: Any]]] = [:]
        for day in 20...23 {
            for (name, journal) in [("postgres", url), ("sqlite", sqlite)] {
                let out = dir.appendingPathComponent("\(name)-\(day).ndjson")
                let args = [
                    "render", "--project", Tessera.project, "--now", "2026-11-\(day)T09:00:00Z",
                    "--recipients", input.path, "--out", out.path, "--journal", journal, "--quiet",
                ]
                let (status, err) = try Tessera.run(args)
                #expect(status == 0, "\(err)")
                fourth[name] = try Tessera.records(out)
            }
        }
        func stopped(_ records: [[String: Any]], by code: String) -> Set<String> {
            let codes = { (r: [String: Any]) in (r["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
            return Set(records.filter { codes($0).contains(code) }.compactMap { $0["id"] as? String })
        }
        let weekly = stopped(fourth["postgres"]!, by: "frequency.marketing-email-weekly")
        #expect(weekly.count > 10, "the recipients sent to on three days are stopped on the fourth")
        #expect(weekly == stopped(fourth["sqlite"]!, by: "frequency.marketing-email-weekly"))
        #expect(stopped(fourth["postgres"]!, by: "frequency.marketing-email-daily").isEmpty, "the last send was a day before")
    }

    /// Rows go to the server by COPY, in its text format: ids with the characters that format
    /// escapes (tab, newline, carriage return, backslash, a literal `\N`), NUL (stored `%00`,
    /// as PostgreSQL text cannot hold it) and non-ASCII are stored as given.
    @Test func idsWithCopysSpecialCharactersAreStoredAsGiven() throws {
        guard let url = try PostgresServer.freshDatabase("copy") else { return }
        let dir = Tessera.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ids = ["tab\there", "new\nline", "carriage\rreturn", "back\\slash", "\\N", "nul\u{0}byte", "quote'\"", "ünïcode 🎉"]
        let generated = try String(contentsOf: Tessera.recipients(ids.count, seed: 9, in: dir), encoding: .utf8).split(separator: "\n")
        var lines: [String] = []
        for (id, line) in zip(ids, generated) {
            var record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            record["id"] = id
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self))
        }
        let input = dir.appendingPathComponent("ids.ndjson")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: input)
        let (status, err) = try Tessera.run(
            Tessera.render(["--recipients", input.path, "--out", dir.appendingPathComponent("out.ndjson").path, "--journal", url, "--quiet"]))
        #expect(status == 0, "\(err)")
        let stored = try PostgresServer.texts(url, "SELECT id FROM recipients ORDER BY seq")
        #expect(stored == ids.map { $0.replacingOccurrences(of: "\u{0}", with: "%00") })
        #expect(try PostgresServer.integers(url, "SELECT count(*) FROM recipients WHERE status = 'rendered'") == [ids.count])
    }

    /// Unreachable at start: a clear error, exit 2, and no output file.
    @Test func unreachableDatabaseFailsBeforeAnyOutput() throws {
        guard Tessera.url != nil else { Issue.record("tessera is not built"); return }
        let dir = Tessera.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = Tessera.recipients(10, seed: 1, in: dir)
        let out = dir.appendingPathComponent("out.ndjson")
        // Port 1 on loopback: nothing listens there.
        let (status, err) = try Tessera.run(
            Tessera.render([
                "--recipients", input.path, "--out", out.path,
                "--journal", "postgres://tessera@127.0.0.1:1/none?connect_timeout=5",
            ]))
        #expect(status == 2)
        #expect(err.contains("cannot reach the journal database postgres://tessera@127.0.0.1:1/none"), "\(err)")
        #expect(!FileManager.default.fileExists(atPath: out.path) && !FileManager.default.fileExists(atPath: OutputPaths.partial(out.path)))
    }
}

/// `--journal postgres://…` parsing and the password's sources (no server needed).
@Suite struct PostgresLocationTests {
    @Test func parsesTheURL() throws {
        let l = try PostgresLocation(parsing: "postgres://ana@db.internal:6543/journal?sslmode=require&retry=30", environment: [:])
        #expect(l.user == "ana" && l.host == "db.internal" && l.port == 6543 && l.database == "journal")
        #expect(l.sslMode == .require && l.retrySeconds == 30)
        #expect(l.display == "postgres://ana@db.internal:6543/journal?sslmode=require")
        let d = try PostgresLocation(parsing: "postgresql://ana@localhost/", environment: [:])
        #expect(d.port == 5432 && d.database == "ana" && d.sslMode == .prefer && d.retrySeconds == 300)
    }

    @Test func refusesAPasswordInTheURLAndSaysWhy() {
        let e = #expect(throws: JournalError.self) { try PostgresLocation(parsing: "postgres://ana:secret@db/j", environment: [:]) }
        let message = e?.description ?? ""
        #expect(message.contains("PGPASSWORD") && message.contains("(ps)") && !message.contains("secret"), "\(message)")
    }

    @Test(arguments: [("sslmode=maybe", "sslmode 'maybe'"), ("colour=blue", "unknown URL parameter 'colour'"), ("retry=-1", "retry=-1")])
    func namesBadParameters(query: String, expected: String) {
        let e = #expect(throws: JournalError.self) { try PostgresLocation(parsing: "postgres://ana@db/j?\(query)", environment: [:]) }
        #expect(e?.description.contains(expected) == true, "\(e?.description ?? "")")
    }

    @Test func passwordFromEnvironmentThenPgpass() throws {
        let dir = Tessera.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("pgpass")
        try "# comment\nother:5432:*:ana:no\ndb.internal:6543:journal:ana:p\\:w\n*:*:*:*:fallback\n".write(
            to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0o600)
        let l = try PostgresLocation(parsing: "postgres://ana@db.internal:6543/journal", environment: [:])
        #expect(try l.password(environment: ["PGPASSWORD": "env", "PGPASSFILE": file.path]) == "env")
        #expect(try l.password(environment: ["PGPASSFILE": file.path]) == "p:w")
        let other = try PostgresLocation(parsing: "postgres://bo@elsewhere/x", environment: [:])
        #expect(try other.password(environment: ["PGPASSFILE": file.path]) == "fallback")
        chmod(file.path, 0o644)
        let e = #expect(throws: JournalError.self) { try l.password(environment: ["PGPASSFILE": file.path]) }
        #expect(e?.description.contains("chmod 600") == true)
    }
}
