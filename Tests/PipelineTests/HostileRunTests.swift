import Assembly
import Foundation
import Pipeline
import TestSupport
import Testing

/// Issue 15, part C: no record lost or overwritten. Each test runs what a careless user or a
/// second process does (the same file as input and output, two writers, hostile ids) and
/// checks that no input is destroyed and every record is accounted for exactly once.
@Suite(.serialized) struct HostileRunTests {
    static let project = Corpus.packageRoot.path
    static let now = "2026-11-23T09:00:00Z"

    static func binary() throws -> URL {
        try #require(TesseraBinary.url, "the tessera executable must be built next to the tests (swift build --build-tests)")
    }

    static func render(_ args: [String]) -> [String] { ["render", "--project", project, "--now", now] + args }

    // MARK: --out that is the input

    @Test func anOutputThatIsTheInputIsRefused() throws {
        _ = try Self.binary()
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(5, welcomeOnly: true), in: dir)
        let original = try Data(contentsOf: input)
        let hard = dir.appendingPathComponent("hard.ndjson"), soft = dir.appendingPathComponent("soft.ndjson")
        try FileManager.default.linkItem(at: input, to: hard)
        try FileManager.default.createSymbolicLink(at: soft, withDestinationURL: input)
        for out in [input, hard, soft] {
            let (status, err) = try TesseraBinary.run(Self.render(["--recipients", input.path, "--out", out.path, "--force"]))
            #expect(status == 2 && err.contains("is the recipients file"), "--out \(out.lastPathComponent): \(status) \(err)")
            #expect(try Data(contentsOf: input) == original)
        }
        // The same file given on standard input.
        let (status, err) = try TesseraBinary.run(Self.render(["--out", input.path, "--force"]), stdin: input)
        #expect(status == 2 && err.contains("is the recipients file 'standard input'"), "\(err)")
        // A journaled run is refused before it is recorded, and --out may not be the journal.
        let journal = dir.appendingPathComponent("j.sqlite")
        let (s2, e2) = try TesseraBinary.run(
            Self.render(["--recipients", input.path, "--out", hard.path, "--journal", journal.path, "--run-id", "x"]))
        #expect(s2 == 2 && e2.contains("is the recipients file"))
        #expect(try Journal(path: journal.path).run("x") == nil)
        let (s3, e3) = try TesseraBinary.run(Self.render(["--recipients", input.path, "--out", journal.path, "--journal", journal.path, "--force"]))
        #expect(s3 == 2 && e3.contains("is the journal"), "\(e3)")
        #expect(try Data(contentsOf: input) == original)
    }

    // MARK: replacing files

    @Test func aFileThatIsNotTesserasIsReplacedOnlyWithForce() throws {
        _ = try Self.binary()
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(3, welcomeOnly: true), in: dir)
        let out = dir.appendingPathComponent("precious.db")
        let precious = Data("SQLite format 3\u{0}not an output\n".utf8)
        try precious.write(to: out)
        let (status, err) = try TesseraBinary.run(Self.render(["--recipients", input.path, "--out", out.path, "--quiet"]))
        #expect(status == 2 && err.contains("is not Tessera output") && err.contains("--force"), "\(err)")
        #expect(try Data(contentsOf: out) == precious)
        #expect(try TesseraBinary.run(Self.render(["--recipients", input.path, "--out", out.path, "--quiet", "--force"])).status == 0)
        // Now it is Tessera's own: a second run replaces it without --force.
        #expect(try String(contentsOf: out, encoding: .utf8).hasPrefix(#"{"id":"#))
        #expect(try TesseraBinary.run(Self.render(["--recipients", input.path, "--out", out.path, "--quiet"])).status == 0)
        #expect(try String(contentsOf: out, encoding: .utf8).split(separator: "\n").count == 3)
        // A folder with someone's files and no manifest is not written into.
        let folder = dir.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let (s2, e2) = try TesseraBinary.run(Self.render(["--recipients", input.path, "--out", folder.path, "--format", "eml", "--quiet"]))
        #expect(s2 == 2 && e2.contains("no Tessera manifest.ndjson"), "\(e2)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
        #expect(
            try TesseraBinary.run(Self.render(["--recipients", input.path, "--out", folder.path, "--format", "eml", "--quiet", "--force"])).status
                == 0)
        #expect(try TesseraBinary.run(Self.render(["--recipients", input.path, "--out", folder.path, "--format", "eml", "--quiet"])).status == 0)
    }

    /// The output is written to a partial file and renamed into place: the old file's inode is
    /// never rewritten (a hard link to it keeps the old bytes), and nothing is left beside it.
    @Test func anOutputIsReplacedByRenameNotRewrittenInPlace() throws {
        _ = try Self.binary()
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(4, welcomeOnly: true), in: dir)
        let out = dir.appendingPathComponent("out.ndjson"), before = dir.appendingPathComponent("before.ndjson")
        let old = Data(#"{"id":"old","status":"rendered"}"#.utf8 + [0x0A])
        try old.write(to: out)
        try FileManager.default.linkItem(at: out, to: before)
        #expect(try TesseraBinary.run(Self.render(["--recipients", input.path, "--out", out.path, "--quiet"])).status == 0)
        #expect(try Data(contentsOf: before) == old)
        #expect(try String(contentsOf: out, encoding: .utf8).split(separator: "\n").count == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["before.ndjson", "in.ndjson", "out.ndjson"])
    }

    // MARK: one writer per output and per run

    @Test func twoRunsToOneOutputTheSecondRefuses() throws {
        _ = try Self.binary()
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(40, welcomeOnly: true), in: dir)
        let out = dir.appendingPathComponent("out.ndjson"), journal = dir.appendingPathComponent("j.sqlite")
        // The test holds the journal's frequency-cap lock, so run A stops, output open, until released.
        let caps = try #require(try? FileLock.acquire(journal.path + "-locks/frequency-caps").get())
        let a = try RunningTessera(
            Self.render(["--recipients", input.path, "--out", out.path, "--journal", journal.path, "--progress-interval", "60"]))
        #expect(a.waitFor("waiting for process \(getpid())"), "run A did not wait for the cap lock: \(a.stderr)")
        let (status, err) = try TesseraBinary.run(Self.render(["--recipients", input.path, "--out", out.path, "--quiet"]))
        #expect(status == 2 && err.contains("is being written by process \(a.pid)"), "\(err)")
        caps.release()
        let (statusA, errA) = a.finish()
        #expect(statusA == 0, "\(errA)")
        #expect(try String(contentsOf: out, encoding: .utf8).split(separator: "\n").count == 40)
    }

    @Test func twoResumesOfOneRunTheSecondRefuses() throws {
        let binary = try Self.binary()
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let count = 600
        let input = PipeFixture.write(PipeFixture.generated(count, seed: 8, welcomeOnly: true), in: dir)
        let out = dir.appendingPathComponent("out.ndjson"), journal = dir.appendingPathComponent("j.sqlite")
        let reference = dir.appendingPathComponent("ref.ndjson")
        #expect(try TesseraBinary.run(Self.render(["--recipients", input.path, "--out", reference.path, "--quiet"])).status == 0)
        // Start the run and kill -9 it once it has output: its locks die with it.
        let p = Process()
        p.executableURL = binary
        p.arguments = Self.render([
            "--recipients", input.path, "--out", out.path, "--journal", journal.path, "--run-id", "send",
            "--batch-lines", "8", "--jobs", "1", "--quiet",
        ])
        p.standardError = FileHandle.nullDevice
        try p.run()
        let partial = OutputPaths.partial(out.path)
        while p.isRunning, ((try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0) < 100_000 { usleep(1000) }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let killedAt = try #require(try Journal(path: journal.path).run("send"))
        #expect(killedAt.state == "running", "the run ended before it was killed; make it longer")
        // Killed, the run is not being written: `runs` says so (and that --resume continues it).
        #expect(try Journal(path: journal.path).writer(of: killedAt).held == false)

        let caps = try #require(try? FileLock.acquire(journal.path + "-locks/frequency-caps").get())
        let resume = Self.render(["--journal", journal.path, "--resume", "send", "--progress-interval", "60"])
        let a = try RunningTessera(resume)
        #expect(a.waitFor("waiting for process \(getpid())"), "resume A did not wait for the cap lock: \(a.stderr)")
        let (status, err) = try TesseraBinary.run(resume)
        #expect(status == 2 && err.contains("run 'send' is being written by process \(a.pid)"), "\(err)")
        let writer = try Journal(path: journal.path).writer(of: killedAt)
        #expect(writer.held && writer.pid == a.pid)
        caps.release()
        let (statusA, errA) = a.finish()
        #expect(statusA == 0, "\(errA)")
        #expect(try Data(contentsOf: out) == (try Data(contentsOf: reference)))
        let run = try #require(try Journal(path: journal.path).run("send"))
        #expect(run.state == "completed" && run.counts.records == count && run.resumes == 1)
    }

    /// A run killed just after its partial file was renamed into place (or written in place by
    /// an earlier version) continues in the output itself.
    @Test func aRunWhoseOutputIsAlreadyInPlaceResumesThere() throws {
        let binary = try Self.binary()
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(400, seed: 9, welcomeOnly: true), in: dir)
        let out = dir.appendingPathComponent("out.ndjson"), journal = dir.appendingPathComponent("j.sqlite")
        let reference = dir.appendingPathComponent("ref.ndjson")
        #expect(try TesseraBinary.run(Self.render(["--recipients", input.path, "--out", reference.path, "--quiet"])).status == 0)
        let p = Process()
        p.executableURL = binary
        p.arguments = Self.render([
            "--recipients", input.path, "--out", out.path, "--journal", journal.path, "--run-id", "r",
            "--batch-lines", "8", "--jobs", "1", "--quiet",
        ])
        p.standardError = FileHandle.nullDevice
        try p.run()
        let partial = OutputPaths.partial(out.path)
        while p.isRunning, ((try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0) < 100_000 { usleep(1000) }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(try Journal(path: journal.path).run("r")?.state == "running")
        try FileManager.default.moveItem(atPath: partial, toPath: out.path)
        let (status, err) = try TesseraBinary.run(Self.render(["--journal", journal.path, "--resume", "r", "--quiet"]))
        #expect(status == 0, "\(err)")
        #expect(try Data(contentsOf: out) == (try Data(contentsOf: reference)))
        #expect(!FileManager.default.fileExists(atPath: partial))
    }

    // MARK: frequency caps across concurrent runs

    @Test func concurrentRunsOnOneJournalSendEachRecipientOnce() throws {
        _ = try Self.binary()
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(300, seed: 21, welcomeOnly: true), in: dir)
        let journal = dir.appendingPathComponent("j.sqlite")
        // Both start while the test holds the cap lock, so they reach it together; without the
        // lock both read an empty history and both send (the shipped daily cap is 1).
        let caps = try #require(try? FileLock.acquire(journal.path + "-locks/frequency-caps").get())
        let runs = try (1...2).map { k in
            try RunningTessera(
                Self.render([
                    "--recipients", input.path, "--out", dir.appendingPathComponent("out\(k).ndjson").path,
                    "--journal", journal.path, "--run-id", "r\(k)", "--progress-interval", "60",
                ]))
        }
        for r in runs { #expect(r.waitFor("waiting for process \(getpid())"), "\(r.stderr)") }
        caps.release()
        for r in runs { let (status, err) = r.finish(); #expect(status == 0, "\(err)") }
        var rendered: [String: Int] = [:]
        for k in 1...2 {
            for line in try String(contentsOf: dir.appendingPathComponent("out\(k).ndjson"), encoding: .utf8).split(separator: "\n") {
                let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                if o["status"] as? String == "rendered" { rendered[o["id"] as! String, default: 0] += 1 }
            }
        }
        let single = try PipeFixture.run(input, in: dir)
        #expect(rendered.count == single.summary.counts.rendered && rendered.count > 200)
        #expect(rendered.values.allSatisfy { $0 == 1 }, "\(rendered.filter { $0.value > 1 }.count) recipients were sent twice")
    }

    // MARK: file names from ids

    @Test func fileNamesAreInjectiveAndSafe() {
        let ids = [
            "a/b", "a_b", "a:b", "a%3Ab", "a%2Fb", ".", "..", ".hidden", "a\u{0}b", "a\nb", "Ab", "ab", "AB", "é", "e\u{301}",
            "~", "a~b", String(repeating: "x", count: 5_000), String(repeating: "x", count: 4_999) + "y",
            String(repeating: "é", count: 3_000), "con", "-rf",
        ]
        let names = ids.map(EMLWriter.fileName)
        #expect(Set(names).count == ids.count, "\(names)")
        #expect(Set(names.map { $0.lowercased() }).count == ids.count, "names collide on a case-insensitive file system")
        for (id, name) in zip(ids, names) {
            #expect(!name.isEmpty && !name.hasPrefix("."), "\(id) → \(name)")
            #expect(name.utf8.count + ".html".utf8.count + ".tessera-partial".utf8.count + 1 <= 255, "\(id.prefix(20)) → \(name.utf8.count) bytes")
            #expect(name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "\\") }, "\(name)")
        }
        #expect(EMLWriter.fileName("r000001") == "r000001" && EMLWriter.fileName("a/b") == "a%2Fb")
    }

    @Test func hostileIDsEachGetTheirOwnFilesAndTheManifestNamesThem() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ids = ["a/b", "a_b", "a:b", "..", String(repeating: "q", count: 5_000), "r/../../escape"]
        let base = PipeFixture.generated(ids.count, welcomeOnly: true)
        let lines = zip(base, ids).map { line, id in Self.replacingID(line, with: id) }
        let input = PipeFixture.write(lines, in: dir)
        let folder = dir.appendingPathComponent("files")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let emitter = FileSetEmitter(kind: .files, sender: PipeFixture.brand.facts.sender, now: PipeFixture.now)
        let r = try PipeFixture.run(input, in: dir, emitter: emitter, folder: folder)
        #expect(r.lines.count == ids.count)
        var named = Set<String>(), htmls = Set<String>()
        for (o, id) in zip(r.lines, ids) {
            #expect(o["id"] as? String == id)
            guard o["status"] as? String == "rendered" else { continue }
            let files = try #require(o["files"] as? [String])
            #expect(files.count == 2)
            for f in files {
                #expect(named.insert(f).inserted)
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(f).path), "\(f) not written")
            }
            #expect(files[0].hasSuffix(".html") && files[1].hasSuffix(".txt"))
            htmls.insert(try String(contentsOf: folder.appendingPathComponent(files[0]), encoding: .utf8))
        }
        // Each record's own message (its unsubscribe link carries its id), none overwritten.
        #expect(htmls.count == r.summary.counts.rendered)
        #expect(r.summary.counts.rendered >= ids.count - 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("escape.html").path))
        // Nothing but the named files (and no partial file) in the folder.
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == named)
    }

    @Test func oneRecordsWriteFailureRejectsThatRecordOnly() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines = PipeFixture.generated(5, welcomeOnly: true)
        lines.append(lines[1])  // line 6: record 2 again: not a duplicate (the failed one did not keep its id)
        let input = PipeFixture.write(lines, in: dir)
        let ids = lines.map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as! String }
        let folder = dir.appendingPathComponent("files")
        // A folder where record 2's text file would go: its rename fails, the others do not.
        let blocker = folder.appendingPathComponent(EMLWriter.fileName(ids[1]) + ".txt")
        try FileManager.default.createDirectory(at: blocker.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let emitter = FileSetEmitter(kind: .files, sender: PipeFixture.brand.facts.sender, now: PipeFixture.now)
        let journal = try Journal(path: dir.appendingPathComponent("j.sqlite").path)
        let r = try PipeFixture.run(input, in: dir, journal: journal, runID: "w", emitter: emitter, folder: folder)
        let out = r.lines
        #expect(out.count == 6)
        let failed = out[1]
        #expect(failed["status"] as? String == "rejected" && failed["id"] as? String == ids[1])
        let reason = try #require((failed["reasons"] as? [[String: Any]])?.first)
        #expect(reason["code"] as? String == "output.write-failed")
        #expect((reason["detail"] as? String ?? "").contains(EMLWriter.fileName(ids[1]) + ".txt"))
        #expect(failed["files"] as? [String] == [])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(EMLWriter.fileName(ids[1]) + ".html").path))
        for i in [0, 2, 3, 4] where out[i]["status"] as? String == "rendered" {
            for f in try #require(out[i]["files"] as? [String]) {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(f).path))
            }
        }
        let rows = try journal.rows(try #require(try journal.run("w")))
        #expect(rows[1].status == "rejected" && rows[1].reasons == ["output.write-failed"] && rows[1].contentHash == 0)
        #expect(r.summary.counts.rejected == out.filter { $0["status"] as? String == "rejected" }.count)
        #expect(r.summary.counts.records == 6)
        // Its write fails again (the folder is still in the way), but as a write, not as a duplicate.
        #expect(out[5]["id"] as? String == ids[1])
        #expect((out[5]["reasons"] as? [[String: Any]])?.first?["code"] as? String == "output.write-failed")
    }

    // MARK: ids

    @Test func numericIDsKeepTheirSourceText() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ids = ["12345678901234567891", "12345678901234567892", "12345678901234567890123", "100", "1e2", "100.0", "-0", "0"]
        let base = PipeFixture.generated(ids.count, welcomeOnly: true)
        let lines = zip(base, ids).map { line, id in Self.replacingID(line, withNumber: id) }
        let input = PipeFixture.write(lines, in: dir)
        let r = try PipeFixture.run(input, in: dir)
        #expect(r.lines.map { $0["id"] as? String } == ids)
        #expect(!r.lines.contains { ($0["reasons"] as? [[String: Any]])?.contains { $0["code"] as? String == "record.duplicate-id" } == true })
        #expect(RecordIDScanner.id(in: Array(#"{"id":1,"x":{"id":2},"id":12345678901234567899}"#.utf8)) == "12345678901234567899")
    }

    @Test func aRejectedRecordKeepsItsID() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = PipeFixture.generated(1, welcomeOnly: true)[0]
        var bytes = Data()
        let parts: [Data] = [
            Data((#"{"id":"long","profile":{"notes":""# + String(repeating: "n", count: 3 << 20) + #""}}"#).utf8),  // 1 over 2 MiB
            Data(#"{"id":"bad-utf8","profile":{"first_name":"A"#.utf8) + Data([0xC3, 0x28]) + Data(#""}}"#.utf8),  // 2
            Data(#"{"id":"broken","email":"x@example.com","profile":{"a":1,,}"#.utf8),  // 3
            Data(#"{"id":"n\u00e9","consent":tru}"#.utf8),  // 4 escaped id
            Data(#"{"profile":{"id":"nested"},"email":"#.utf8),  // 5 no top-level id
            Data(Self.replacingID(good, with: "long").utf8),  // 6 valid, same id as 1
        ]
        for p in parts { bytes += p; bytes.append(0x0A) }
        let input = dir.appendingPathComponent("bad.ndjson")
        try bytes.write(to: input)
        let journal = try Journal(path: dir.appendingPathComponent("j.sqlite").path)
        let r = try PipeFixture.run(input, in: dir, batchLines: 2, journal: journal, runID: "ids", maxRecordBytes: 2 << 20)
        let out = r.lines
        #expect(out.map { $0["id"] as? String } == ["long", "bad-utf8", "broken", "né", nil, "long"])
        let codes = out.map { ($0["reasons"] as? [[String: Any]])?.first?["code"] as? String }
        #expect(
            Array(codes.prefix(5)) == [
                "record.too-large", "record.invalid-utf8", "record.invalid-json", "record.invalid-json", "record.invalid-json",
            ])
        // A rejected record does not claim its id: the valid record with it renders.
        #expect(out[5]["status"] as? String != "rejected")
        #expect(try journal.rows(try #require(try journal.run("ids"))).map(\.id) == ["long", "bad-utf8", "broken", "né", nil, "long"])
    }

    @Test func aRecordWithAOneMiBProfileFieldRendersByDefault() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = PipeFixture.generated(2, welcomeOnly: true)
        let big = good[0].replacingOccurrences(of: #""profile":{"#, with: #""profile":{"notes":""# + String(repeating: "m", count: 1 << 20) + #"","#)
        #expect(big.utf8.count > 1 << 20)
        let input = PipeFixture.write([big, good[1]], in: dir)
        let r = try PipeFixture.run(input, in: dir, maxRecordBytes: PipelineSettings().maxRecordBytes)
        #expect(r.lines.count == 2)
        #expect(r.lines.allSatisfy { $0["status"] as? String == "rendered" }, "\(r.lines.map { $0["reasons"] ?? "" })")
        #expect(PipelineSettings().maxRecordBytes == 16 << 20)
    }

    @Test func theIDScannerReadsOnlyATopLevelIDItCanVouchFor() {
        func id(_ s: String) -> String? { RecordIDScanner.id(in: Array(s.utf8)) }
        #expect(id(#"{"id":"a\"b\u00e9"}"#) == "a\"bé")
        #expect(id(#"{"id":"\ud83d\ude00"}"#) == "😀")
        #expect(id(#"{"id":"x","profile":{"notes":"cut he"#) == "x")  // the first bytes of a long line
        #expect(id(#"{"a":[1,{"id":"in"}],"id":"out"}"#) == "out")
        #expect(id(#"{"profile":{"id":"nested"}}"#) == nil)
        #expect(id(#"[{"id":"x"}]"#) == nil)
        #expect(id(#"{"id":12"#) == nil)  // a number cut off: its end is not in view
        #expect(id(#"{"id":01}"#) == nil && id(#"{"id":-}"#) == nil)
        #expect(id(#"{"id":"\ud800"}"#) == nil)  // a lone surrogate
        #expect(id(#"{"a":tru,"id":"after"}"#) == nil)  // broken before the id: not trusted
        #expect(id(#"{"id":true}"#) == nil && id(#"{"id":{"x":1}}"#) == nil)
        #expect(RecordIDScanner.id(in: Array(#"{"id":"é"#.utf8).dropLast() + [0x22, 0x7D]) == nil)  // invalid UTF-8 inside the id
    }

    @Test func tesserasOwnOutputIsRecognised() {
        func own(_ s: String) -> Bool { OutputOwnership.startsLikeRecord(Array(s.utf8)) }
        #expect(own(#"{"id":"r1","status":"rendered","template":"welcome"}"#))
        #expect(own(#"{"id":null,"status":"rejected"}"#) && own(#"{"id":"a\"b","status":"held"}"#))
        #expect(!own(#"{"id":"r1","email":"r1@example.com"}"#))  // a recipients file
        #expect(!own("SQLite format 3") && !own(#"{"id":"#) && !own(#"{"id":"unterminated"#))
    }

    // MARK: helpers

    static func replacingID(_ line: String, with id: String) -> String {
        var o = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        o["id"] = id
        return String(decoding: try! JSONSerialization.data(withJSONObject: o), as: UTF8.self)
    }

    /// The line with `"id":` followed by `number` as written (JSONSerialization would round it).
    static func replacingID(_ line: String, withNumber number: String) -> String {
        let tagged = replacingID(line, with: "@@ID@@")
        return tagged.replacingOccurrences(of: #""@@ID@@""#, with: number)
    }
}

/// A `tessera` process running in the background, its standard error collected as it comes.
final class RunningTessera: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var collected = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ args: [String]) throws {
        process.executableURL = TesseraBinary.url
        process.arguments = args
        process.standardOutput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardError = pipe
        let reader = pipe.fileHandleForReading
        try process.run()
        Thread.detachNewThread { [self] in
            while true {
                let d = reader.availableData
                if d.isEmpty { break }
                lock.withLock { collected += d }
            }
            done.signal()
        }
    }

    var pid: Int32 { process.processIdentifier }
    var stderr: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    /// Whether `text` appears on standard error before the process ends (or 120 s pass: a
    /// bound for a hang, not a timing assertion).
    func waitFor(_ text: String) -> Bool {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if stderr.contains(text) { return true }
            if !process.isRunning { return stderr.contains(text) }
            usleep(10_000)
        }
        return false
    }

    func finish() -> (status: Int32, stderr: String) {
        process.waitUntilExit()
        done.wait()
        return (process.terminationStatus, stderr)
    }
}
