import Catalog
import Foundation
import Pipeline
import TestSupport
import Testing

/// What the journal records per recipient and per run.
@Suite struct JournalTests {
    @Test func everyRecordHasItsRow() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(400), in: dir)
        let journal = try Journal(path: dir.appendingPathComponent("j.sqlite").path)
        let r = try PipeFixture.run(input, in: dir, journal: journal, runID: "r1")
        let run = try #require(try journal.run("r1"))
        #expect(run.state == "completed")
        #expect(run.counts == r.summary.counts)
        #expect(run.committedLines == 400 && run.committedBytes == r.bytes.count)
        #expect(run.recipientsHash?.count == 16)
        let rows = try journal.rows(run)
        #expect(rows.count == 400)
        let records = r.bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        var digestOfMessage: [String: UInt64] = [:]
        for (i, (row, bytes)) in zip(rows, records).enumerated() {
            let out = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(row.line == i + 1)
            #expect(row.id == out["id"] as? String)
            #expect(row.status == out["status"] as? String)
            #expect(row.template == out["template"] as? String)
            #expect(row.blocks == (out["blocks"] as? [String] ?? []))
            #expect(row.claims == (out["claims"] as? [String] ?? []))
            #expect(row.signals == (out["signals"] as? [String] ?? []))
            #expect(row.reasons == ((out["reasons"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String })
            // The content hash identifies the message sent: equal for equal messages, 0 without one.
            if row.status == "rendered" {
                let message = ["subject", "preheader", "html", "text"].map { out[$0] as? String ?? "" }.joined(separator: "\u{0}")
                #expect(row.contentHash != 0)
                #expect(digestOfMessage[message, default: row.contentHash] == row.contentHash)
                digestOfMessage[message] = row.contentHash
            } else {
                #expect(row.contentHash == 0)
            }
        }
        #expect(digestOfMessage.count > 1)
        #expect(Set(digestOfMessage.values).count == digestOfMessage.count)
        let reasons = try journal.reasonCounts(run)
        #expect(reasons.first { $0.code == "block.chosen" }?.count == rows.reduce(0) { $0 + $1.reasons.filter { $0 == "block.chosen" }.count })
    }

    @Test func contentHashIsTheSameInEveryOutputFormat() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(60), in: dir)
        // Two journals: in one, the second run would meet the first's frequency caps.
        let journal = try Journal(path: dir.appendingPathComponent("j.sqlite").path)
        let emlJournal = try Journal(path: dir.appendingPathComponent("eml.sqlite").path)
        _ = try PipeFixture.run(input, in: dir, journal: journal, runID: "ndjson")
        let eml = FileSetEmitter(kind: .eml, sender: PipeFixture.brand.facts.sender, now: PipeFixture.now)
        let folder = dir.appendingPathComponent("eml")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try PipeFixture.run(input, in: dir, journal: emlJournal, runID: "eml", emitter: eml, folder: folder)
        let a = try journal.rows(try #require(try journal.run("ndjson")))
        let b = try emlJournal.rows(try #require(try emlJournal.run("eml")))
        #expect(a.count == 60 && a.map(\.contentHash) == b.map(\.contentHash))
        #expect(a.contains { $0.contentHash != 0 })
    }

    @Test func sameInputSameRecipientsHash() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(50), in: dir)
        let journal = try Journal(path: dir.appendingPathComponent("j.sqlite").path)
        _ = try PipeFixture.run(input, in: dir, jobs: 1, journal: journal, runID: "a")
        _ = try PipeFixture.run(
            input, in: dir, jobs: 4, batchLines: 7, journal: journal, runID: "b", now: PipeFixture.now.addingTimeInterval(30 * 86_400))
        let runs = try journal.runs()
        #expect(runs.map(\.id) == ["a", "b"])
        #expect(runs[0].recipientsHash == runs[1].recipientsHash)
        #expect(throws: JournalError.self) { try PipeFixture.run(input, in: dir, journal: journal, runID: "a") }
    }
}

/// Frequency caps from brand/guardrails.yaml, counted from earlier runs in the journal.
@Suite struct FrequencyCapTests {
    @Test func capsCountEarlierRunsInTheirWindow() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(120, welcomeOnly: true), in: dir)
        let journal = try Journal(path: dir.appendingPathComponent("j.sqlite").path)
        let day = 86_400.0
        func run(_ offset: Double, _ id: String) throws -> PipeFixture.Result {
            try PipeFixture.run(input, in: dir, journal: journal, runID: id, now: PipeFixture.now.addingTimeInterval(offset))
        }
        let first = try run(0, "d0")
        #expect(first.summary.counts.rendered > 80)
        #expect(!first.bytes.contains(subsequence: "frequency."))
        // An hour later: the daily cap (max 1 per day) suppresses everyone rendered at d0.
        let again = try run(3600, "d0b")
        let daily = again.lines.filter {
            ($0["reasons"] as? [[String: Any]])?.contains { $0["code"] as? String == "frequency.marketing-email-daily" } == true
        }
        #expect(daily.count == first.summary.counts.rendered)
        #expect(daily.allSatisfy { $0["status"] as? String == "suppressed" && ($0["html"] as? String) == "" })
        #expect(again.summary.counts.rendered == 0)
        // Later days: the daily window has passed each time; by d3.3 the weekly cap (3 in 7 days:
        // d0, d1.1, d2.2; d0b's suppressed messages do not count) is reached.
        let d1 = try run(1.1 * day, "d1")
        #expect(d1.summary.counts.rendered == first.summary.counts.rendered)
        let d2 = try run(2.2 * day, "d2")
        #expect(d2.summary.counts.rendered == first.summary.counts.rendered)
        let d3 = try run(3.3 * day, "d3")
        #expect(d3.summary.counts.rendered == 0)
        #expect(
            d3.lines.filter { ($0["reasons"] as? [[String: Any]])?.contains { $0["code"] as? String == "frequency.marketing-email-weekly" } == true }
                .count == first.summary.counts.rendered)
        // Eight days after d0, d0 has left the week: d1.1 and d2.2 leave room for one more.
        #expect(try run(8.0 * day, "d8").summary.counts.rendered == first.summary.counts.rendered)
    }
}

extension FrequencyCapTests {
    /// `category: transactional` in a template's front matter: marketing caps do not count it.
    @Test func aTransactionalTemplateIsNotCapped() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let project = dir.appendingPathComponent("project")
        for folder in ["brand", "templates", "blocks"] {
            try FileManager.default.copyItem(at: Corpus.project(folder), to: project.appendingPathComponent(folder))
        }
        let welcome = project.appendingPathComponent("templates/welcome.mjml")
        let text = try String(contentsOf: welcome, encoding: .utf8).replacingOccurrences(
            of: "channel: email\n", with: "channel: email\ncategory: transactional\n")
        try text.write(to: welcome, atomically: true, encoding: .utf8)
        let catalog = try #require(CatalogLoader.load(project: project, brand: PipeFixture.brand).catalog)
        #expect(catalog.template("welcome")?.category == "transactional" && catalog.template("winback")?.category == "marketing")
        let input = PipeFixture.write(PipeFixture.generated(40, welcomeOnly: true), in: dir)
        let journal = try Journal(path: dir.appendingPathComponent("j.sqlite").path)
        let first = try PipeFixture.run(input, in: dir, journal: journal, runID: "t0", catalog: catalog)
        let again = try PipeFixture.run(input, in: dir, journal: journal, runID: "t1", now: PipeFixture.now.addingTimeInterval(60), catalog: catalog)
        #expect(first.summary.counts.rendered > 20 && again.summary.counts.rendered == first.summary.counts.rendered)
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence s: String) -> Bool {
        let needle = Array(s.utf8)
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
