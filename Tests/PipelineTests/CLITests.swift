import Foundation
import Pipeline
import TestSupport
import Testing

/// `tessera render` and `tessera runs` as a user runs them: progress on a pipe, resume after
/// kill -9 at 20 seeded random points, errors for runs that cannot be resumed.
@Suite(.serialized) struct CLITests {
    static let project = Corpus.packageRoot.path
    static let now = "2026-11-23T09:00:00Z"

    @Test func progressLinesOnAPipe() throws {
        _ = try #require(TesseraBinary.url, Comment(rawValue: TesseraExecutable.missing))
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(300, welcomeOnly: true), in: dir)
        let (status, err) = try TesseraBinary.run([
            "render", "--project", Self.project, "--recipients", input.path, "--now", Self.now,
            "--out", dir.appendingPathComponent("o.ndjson").path, "--progress-interval", "0", "--batch-lines", "50",
        ])
        #expect(status == 0)
        let lines = err.split(separator: "\n").map(String.init)
        let progress = lines.filter { $0.hasPrefix("progress ") }
        #expect(progress.count >= 5)
        for p in progress {
            let o = try #require(
                try JSONSerialization.jsonObject(with: Data(p.dropFirst("progress ".count).utf8)) as? [String: Any], "not JSON: \(p)")
            for key in [
                "lines", "records", "rendered", "suppressed", "held", "rejected", "skipped", "bytes_read", "input_bytes", "elapsed", "rate", "eta",
                "rss_mb",
            ] {
                #expect(o.keys.contains(key), "progress line lacks \(key): \(p)")
            }
        }
        let last = try #require(progress.last)
        #expect(last.contains(#""lines":300"#) && last.contains(#""input_bytes":"#))
        let summary = try #require(lines.first { $0.hasPrefix("summary ") })
        let s = try #require(try JSONSerialization.jsonObject(with: Data(summary.dropFirst("summary ".count).utf8)) as? [String: Any])
        #expect(s["records"] as? Int == 300 && s["top_reasons"] is [Any])
        #expect(lines.contains { $0.hasPrefix("300 recipients: ") })
    }

    @Test func resumeAfterKillNineAtTwentyRandomPoints() throws {
        let binary = try #require(TesseraBinary.url, Comment(rawValue: TesseraExecutable.missing))
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 2000
        let input = PipeFixture.write(PipeFixture.generated(count, seed: 5, welcomeOnly: true), in: dir)
        let out = dir.appendingPathComponent("out.ndjson"), journalPath = dir.appendingPathComponent("j.sqlite").path
        let reference = dir.appendingPathComponent("ref.ndjson")
        #expect(
            try TesseraBinary.run([
                "render", "--project", Self.project, "--recipients", input.path, "--now", Self.now, "--out", reference.path, "--quiet",
            ]).status == 0)
        let total = try Data(contentsOf: reference).count

        var rng = SeededRandom(seed: 2026)
        let points = (0..<20).map { _ in Int(rng.next() % UInt64(total)) }.sorted()
        var kills = 0
        let fresh = [
            "render", "--project", Self.project, "--recipients", input.path, "--now", Self.now, "--out", out.path,
            "--journal", journalPath, "--run-id", "crash", "--batch-lines", "16", "--jobs", "2", "--quiet",
        ]
        let resume = ["render", "--project", Self.project, "--journal", journalPath, "--resume", "crash", "--batch-lines", "16", "--quiet"]
        for point in points {
            let started = FileManager.default.fileExists(atPath: journalPath) && (try? Journal(path: journalPath).run("crash")) != nil
            let p = Process()
            p.executableURL = binary
            p.arguments = started ? resume : fresh
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Kill once the output has grown past the point (or the run ends on its own). It is
            // written to its partial file until the run completes.
            let partial = OutputPaths.partial(out.path)
            while p.isRunning {
                let size = (try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0
                if size >= point { kill(p.processIdentifier, SIGKILL); kills += 1; break }
                usleep(500)
            }
            p.waitUntilExit()
        }
        // Finish the run.
        let last = try TesseraBinary.run(resume)
        let journal = try Journal(path: journalPath)
        let run = try #require(try journal.run("crash"))
        if last.status != 0 { #expect(last.stderr.contains("already completed"), "\(last.stderr)") }
        #expect(run.state == "completed")
        #expect(kills >= 15, "only \(kills) of 20 kills hit a running renderer")
        // Exactly one output per input id, and the same bytes as an uninterrupted run.
        let output = try Data(contentsOf: out)
        let ids = output.split(separator: 0x0A).compactMap { (try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])?["id"] as? String }
        let inputIDs = try String(contentsOf: input, encoding: .utf8).split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
        }
        #expect(ids.count == count && Set(ids).count == count && Set(ids) == Set(inputIDs))
        #expect(output == (try Data(contentsOf: reference)))
        #expect(run.counts.records == count && run.committedLines == count)
        #expect(try journal.rows(run).count == count)
        #expect(run.resumes >= 1)
    }

    @Test func resumeNeedsAFileOutput() throws {
        _ = try #require(TesseraBinary.url, Comment(rawValue: TesseraExecutable.missing))
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(3, welcomeOnly: true), in: dir)
        let j = dir.appendingPathComponent("j.sqlite").path
        // A run to stdout is journaled but not resumable; a completed run has nothing to resume.
        #expect(
            try TesseraBinary.run(
                ["render", "--project", Self.project, "--recipients", input.path, "--now", Self.now, "--journal", j, "--run-id", "s", "--quiet"],
                stdout: dir.appendingPathComponent("stdout.ndjson")
            ).status == 0)
        let rows = try Journal(path: j).rows(try #require(try Journal(path: j).run("s")))
        #expect(rows.count == 3)
        let (status, err) = try TesseraBinary.run(["render", "--project", Self.project, "--journal", j, "--resume", "s"])
        #expect(status == 2 && err.contains("already completed"))
        let (status2, err2) = try TesseraBinary.run(["render", "--project", Self.project, "--journal", j, "--resume", "nope"])
        #expect(status2 == 2 && err2.contains("no run 'nope'"))
        // A run to standard output that did not complete cannot be continued: a clear error.
        _ = try Journal(path: j).create(
            RunRecord(
                id: "piped", startedAt: Date(), now: Date(), recipients: input.path, output: "-", format: "ndjson",
                template: nil, shard: nil, jobs: 1, projectHash: "x"), templates: [])
        let (status4, err4) = try TesseraBinary.run(["render", "--project", Self.project, "--journal", j, "--resume", "piped"])
        #expect(status4 == 2 && err4.contains("wrote to standard output"))
        let (status3, err3) = try TesseraBinary.run(["runs", "show", "s", "--journal", j])
        #expect(status3 == 0 && err3.isEmpty)
    }
}

/// SplitMix64: the kill points are random but the same on every run of the test.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
