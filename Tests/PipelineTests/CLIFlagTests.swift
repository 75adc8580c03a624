import Foundation
import Pipeline
import TestSupport
import Testing

/// The built `tessera` run as a user runs it, with the flags and files a careless or hostile
/// user gives: impossible dates, flags that would be silently ignored, absurd counts, SQL that
/// writes or never ends, and `--out` naming a file that is not Tessera's.
@Suite(.serialized) struct CLIFlagTests {
    static let project = Corpus.packageRoot.path
    static let brand = Corpus.project("brand").path

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs tessera with output in files (no pipe can fill and block it); a run still going
    /// after `deadline` seconds is killed and reported: a hang is the bug some of these catch.
    func tessera(_ args: [String], deadline: Double = 120) throws -> Outcome {
        let binary = try #require(TesseraBinary.url, "build tessera first (swift build)")
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        let start = Date()
        while p.isRunning && Date().timeIntervalSince(start) < deadline { usleep(20_000) }
        if p.isRunning {
            p.terminate()
            Issue.record("tessera \(args.joined(separator: " ")) still running after \(deadline) s")
        }
        p.waitUntilExit()
        return Outcome(
            status: p.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// ArgumentParser's exit status for a validation error.
    static let usageError: Int32 = 64

    // MARK: dates

    @Test func impossibleDatesAreRefusedNamingTheFlagAndValue() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(3), in: dir)
        for value in [
            "2026-02-30", "2026-02-30T09:00:00Z", "2025-02-29", "2026-11-23T24:00:00Z", "2026-11-23T09:60:00Z",
            "2026-13-01", "2026-11-23T09:00:00", "2026-11-23T09:00:00+25:00",
        ] {
            for args in [
                ["render", "--project", Self.project, "--recipients", input.path, "--out", dir.appendingPathComponent("o.ndjson").path],
                ["explain", "--project", Self.project, "--recipients", input.path, "--id", "r000001"],
                ["preview", "--project", Self.project, "--template", "welcome", "--text"],
                ["generate-recipients", "--count", "1"],
            ] {
                let r = try tessera(args + ["--now", value])
                #expect(r.status == Self.usageError, "\(args[0]) --now \(value): status \(r.status)")
                #expect(r.stderr.contains("--now") && r.stderr.contains(value), "\(args[0]) --now \(value): \(r.stderr)")
            }
            let lint = try tessera(["lint", "--project", Self.project, "--now", value])
            #expect(lint.status == 2 && lint.stderr.contains("--now") && lint.stderr.contains(value), "lint --now \(value): \(lint.stderr)")
        }
        let claims = try tessera(["claims", "--brand", Self.brand, "--out", dir.appendingPathComponent("c.sqlite").path, "--on", "2026-02-30"])
        #expect(claims.status == Self.usageError && claims.stderr.contains("2026-02-30"))
    }

    @Test func realDatesStillWork() throws {
        for value in ["2024-02-29", "2024-02-29T23:59:59Z", "2026-11-23T09:00:00.250+01:00", "2026-11-23T09:00:00-05:30"] {
            let r = try tessera(["generate-recipients", "--count", "2", "--now", value])
            #expect(r.status == 0 && r.stdout.split(separator: "\n").count == 2, "--now \(value): \(r.stderr)")
        }
        let lint = try tessera(["lint", "--project", Self.project, "--now", "2026-11-23T09:00:00Z", "--format", "json"])
        #expect(lint.status != 2, "\(lint.stderr)")
    }

    // MARK: paths, claims, Liquid errors

    @Test func lintOfAPathThatDoesNotExistExitsTwoAndSaysSo() throws {
        let r = try tessera(["lint", "--project", Self.project, "blocks/no-such-block.mjml"])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stderr.contains("blocks/no-such-block.mjml: error: no such file or folder"), "\(r.stderr)")
    }

    @Test func claimsSaysWhichClaimReplacedWhich() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try tessera([
            "claims", "--brand", Self.brand, "--out", dir.appendingPathComponent("c.sqlite").path,
            "--market", "US", "--channel", "email", "--on", "2026-12-01",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("free-shipping-us-50-holiday replaces free-shipping-us-75 until 2026-12-24"), "\(r.stdout)")
        #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix("free-shipping-us-75 ") }, "the replaced claim is not listed: \(r.stdout)")
    }

    @Test func liquidInlineErrorsWritesTheErrorAndGoesOn() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let template = dir.appendingPathComponent("t.liquid")
        try "a\n{{ 1 | divided_by: 0 }} b\n".write(to: template, atomically: true, encoding: .utf8)
        let lax = try tessera(["liquid", template.path, "--inline-errors"])
        #expect(lax.status == 0, "\(lax.stderr)")
        #expect(lax.stdout.hasPrefix("a\nLiquid error (\(template.path) line 2): divided_by:") && lax.stdout.hasSuffix(" b\n"), "\(lax.stdout)")
        let strict = try tessera(["liquid", template.path])
        #expect(strict.status == 1 && strict.stderr.contains("t.liquid:2:"), "\(strict.stderr)")
    }

    // MARK: flags that would be ignored

    @Test func flagsThatWouldBeIgnoredAreRefused() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("j.sqlite").path
        let input = PipeFixture.write(PipeFixture.generated(2), in: dir).path
        let template = dir.appendingPathComponent("t.liquid")
        try "Hi {{ name }}".write(to: template, atomically: true, encoding: .utf8)
        let mjml = dir.appendingPathComponent("e.mjml")
        try "<mjml><mj-body></mj-body></mjml>".write(to: mjml, atomically: true, encoding: .utf8)
        let cases: [([String], [String])] = [
            (["render", "--project", Self.project, "--journal", journal, "--resume", "run-a", "--run-id", "run-b"], ["--run-id", "--resume"]),
            (["render", "--project", Self.project, "--recipients", input, "--run-id", "run-b"], ["--run-id", "--journal"]),
            (
                ["render", "--project", Self.project, "--recipients", input, "--quiet", "--progress-interval", "5"],
                ["--progress-interval", "--quiet"]
            ),
            (["liquid", template.path, "--analyze", "--data", template.path], ["--data", "--analyze"]),
            (["liquid", template.path, "--analyze", "--autoescape"], ["--autoescape", "--analyze"]),
            (["mjml", mjml.path, "--bench", "3", "-o", dir.appendingPathComponent("x.html").path], ["--bench", "-o"]),
            (["mjml", mjml.path, "--bench", "3", "--text"], ["--bench", "--text"]),
            (["preview", "--project", Self.project, "--template", "welcome", "--text", "--screenshots"], ["--screenshots", "--out"]),
            (["runs", "show", "x", "--journal", journal, "--format", "xml"], ["--format", "xml"]),
        ]
        for (args, named) in cases {
            let r = try tessera(args)
            #expect(r.status == Self.usageError, "\(args.joined(separator: " ")): status \(r.status) \(r.stderr)")
            for flag in named { #expect(r.stderr.contains(flag), "\(args.joined(separator: " ")) should name \(flag): \(r.stderr)") }
        }
        #expect(!FileManager.default.fileExists(atPath: journal), "a refused command touched the journal")
    }

    // MARK: counts

    @Test func countsThatAllocatePerUnitHaveAMaximum() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(2), in: dir).path
        let render = ["render", "--project", Self.project, "--recipients", input, "--out", dir.appendingPathComponent("o.ndjson").path, "--quiet"]
        for (flag, value, limit) in [
            ("--jobs", "100000", "256"), ("--jobs", "0", "256"), ("--batch-lines", "100000000", "4096"),
            ("--max-record-bytes", "\(Int.max)", "\(1 << 30)"),
        ] {
            let r = try tessera(render + [flag, value])
            #expect(r.status == Self.usageError && r.stderr.contains(flag) && r.stderr.contains(limit), "\(flag) \(value): \(r.stderr)")
        }
        let bench = try tessera(["mjml", "-", "--bench", "1000000000000"])
        #expect(bench.status == Self.usageError && bench.stderr.contains("--bench"), "\(bench.stderr)")
        #expect(try tessera(render + ["--jobs", "256"]).status == 0, "the maximum itself is allowed")
    }

    // MARK: context sql

    @Test func contextSQLIsReadOnlyAndBounded() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sql = ["context", "sql", "--brand", Self.brand, "--out", dir.appendingPathComponent("c.sqlite").path]
        let attach = try tessera(sql + ["/**/ATTACH DATABASE '\(dir.appendingPathComponent("x.sqlite").path)' AS x"])
        #expect(attach.status == 2 && attach.stderr.contains("ATTACH"), "\(attach.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.sqlite").path))

        let forever = try tessera(
            sql + ["--timeout", "1", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"],
            deadline: 60)
        #expect(forever.status == 2 && forever.stderr.contains("time limit of 1 s") && forever.stderr.contains("--timeout"), "\(forever.stderr)")

        let rows = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 10) SELECT x FROM c"
        let cut = try tessera(sql + ["--format", "json", "--max-rows", "5", rows])
        #expect(cut.status == 2 && cut.stderr.contains("row limit of 5") && cut.stderr.contains("--max-rows"), "\(cut.stderr)")
        #expect(cut.stdout.components(separatedBy: "\"x\":").count - 1 == 5, "five rows streamed: \(cut.stdout)")
        #expect((try? JSONSerialization.jsonObject(with: Data(cut.stdout.utf8))) == nil, "a cut answer must not parse as whole")

        let whole = try tessera(sql + ["--format", "json", rows])
        #expect(whole.status == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [[String: Int]])
        #expect(parsed.map { $0["x"] } == (1...10).map { $0 })

        let table = try tessera(
            sql + ["WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 250) SELECT x, printf('%.*c', x % 7, 'y') AS y FROM c"])
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(table.status == 0 && lines.count == 252, "header, rule and 250 rows")
        #expect(lines.first == "x    y", "widths from the first page of rows: \(lines.first ?? "")")

        let two = try tessera(sql + ["SELECT 1; SELECT 2"])
        #expect(two.status == 2 && two.stderr.contains("one statement"), "\(two.stderr)")
        for (flag, value) in [("--timeout", "0"), ("--timeout", "nan"), ("--max-rows", "0")] {
            let r = try tessera(sql + [flag, value, "SELECT 1"])
            #expect(r.status == Self.usageError && r.stderr.contains(flag), "\(flag) \(value): \(r.stderr)")
        }
    }

    // MARK: files the user names

    @Test func contextOutNeverReplacesAnotherFileWithoutForce() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journalPath = dir.appendingPathComponent("journal.sqlite").path
        _ = try Journal(path: journalPath)  // an unrelated database of real value
        let before = try Data(contentsOf: URL(fileURLWithPath: journalPath))
        for command in [["context", "sql", "SELECT 1"], ["context", "build"], ["claims"]] {
            let r = try tessera(command + ["--brand", Self.brand, "--out", journalPath])
            #expect(r.status == 2 && r.stderr.contains("refusing to replace") && r.stderr.contains("--force"), "\(command): \(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: journalPath)) == before, "\(command) changed the journal")
        }
        let forced = try tessera(["context", "build", "--brand", Self.brand, "--out", journalPath, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try tessera(["context", "sql", "--brand", Self.brand, "--out", journalPath, "SELECT count(*) FROM claims"]).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")

        let folder = dir.appendingPathComponent("folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let onFolder = try tessera(["context", "build", "--brand", Self.brand, "--out", folder.path, "--force"])
        #expect(onFolder.status == 2 && onFolder.stderr.contains("folder"), "\(onFolder.stderr)")
    }

    @Test func textOutputReplacesItsOwnKindOnlyAndKeepsLinks() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("db.sqlite").path
        _ = try Journal(path: database)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let refused = try tessera(["generate-recipients", "--count", "3", "--out", database])
        #expect(refused.status == 2 && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        let mjml = dir.appendingPathComponent("e.mjml")
        try "<mjml><mj-body><mj-text>Hi</mj-text></mj-body></mjml>".write(to: mjml, atomically: true, encoding: .utf8)
        let html = try tessera(["mjml", mjml.path, "-o", database])
        #expect(html.status == 2 && html.stderr.contains("--force"), "\(html.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)

        // A text file is an earlier output: replaced, through a link that stays a link.
        let target = dir.appendingPathComponent("r.ndjson")
        try "old\n".write(to: target, atomically: true, encoding: .utf8)
        let link = dir.appendingPathComponent("link.ndjson")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try tessera(["generate-recipients", "--count", "3", "--out", link.path]).status == 0)
        #expect(try String(contentsOf: target, encoding: .utf8).split(separator: "\n").count == 3)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try tessera(["generate-recipients", "--count", "3", "--out", database, "--force"]).status == 0)
        #expect(try tessera(["mjml", mjml.path, "-o", mjml.path]).status == 0, "the input is read before it is replaced")
        #expect(try String(contentsOf: mjml, encoding: .utf8).contains("<!doctype html>"))
    }

    /// `tessera liquid` and `tessera voice` end with the exit status of their error, said once
    /// (they throw it rather than call exit, so a failure inside a `do` is not reported twice).
    @Test func liquidAndVoiceErrorsAreSaidOnceWithTheirExitStatus() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let template = dir.appendingPathComponent("t.liquid"), data = dir.appendingPathComponent("d.json")
        try "{{ x }}".write(to: template, atomically: true, encoding: .utf8)
        try "[1]".write(to: data, atomically: true, encoding: .utf8)
        let notAnObject = try tessera(["liquid", template.path, "--data", data.path])
        #expect(notAnObject.status == 1)
        #expect(notAnObject.stderr == "\(data.path):1:1: data must be a JSON object\n")
        let badLevel = try tessera([
            "voice", "--output", "JSON", "--minAlertLevel", "loud", "--styles", Corpus.project("brand/voice").path, template.path,
        ])
        #expect(badLevel.status == 2)
        #expect(badLevel.stderr == #"{"Code": "E100", "Text": "--minAlertLevel must be suggestion, warning or error (got 'loud')"}"# + "\n")
    }
}
