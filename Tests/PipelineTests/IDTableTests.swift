import Assembly
import Foundation
import Testing

@testable import Pipeline

/// The duplicate-id table against a Dictionary doing the same job.
@Suite struct IDTableTests {
    /// SplitMix64: a seeded, reproducible stream of hashes.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Feeds `hashes` in order to a table and to a Dictionary; both must report the same first lines.
    func checkAgainstDictionary(_ hashes: [UInt64], table: inout IDTable) {
        var reference: [UInt64: UInt32] = [:]
        var mismatches = 0
        for (i, h) in hashes.enumerated() {
            let line = UInt32(i + 1)
            let expected = reference[h]
            if expected == nil { reference[h] = line }
            if table.insertFirst(h, line: line) != expected { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(table.count == reference.count)
        for (h, line) in reference where table.insertFirst(h, line: 0) != line { mismatches += 1 }
        #expect(mismatches == 0, "an inserted hash lost its first line")
    }

    @Test func matchesADictionaryOn100kRandomHashes() {
        var rng = Seeded(state: 8)
        var hashes: [UInt64] = [0, UInt64.max, 1]
        while hashes.count < 100_000 {
            // About one in four is a repeat of an earlier hash, as duplicates in a recipient list.
            if rng.next() % 4 == 0 { hashes.append(hashes[Int(rng.next() % UInt64(hashes.count))]) } else { hashes.append(rng.next()) }
        }
        hashes.append(0)
        var grown = IDTable(expected: 100)
        checkAgainstDictionary(hashes, table: &grown)
        var sized = IDTable(expected: 100_000)
        let capacity = sized.capacity
        checkAgainstDictionary(hashes, table: &sized)
        #expect(sized.capacity == capacity, "a table sized for the input grew")
    }

    @Test func hashZeroIsAnIdLikeAnyOther() {
        var table = IDTable(expected: 4)
        #expect(table.insertFirst(0, line: 7) == nil)
        #expect(table.insertFirst(0, line: 9) == 7)
        #expect(table.insertFirst(1, line: 10) == nil)
        #expect(table.count == 2)
    }

    /// Many hashes whose first slot is the same (and the last slot, so probing wraps around).
    @Test func collidingSlotIndexes() {
        var table = IDTable(expected: 1000)
        let capacity = table.capacity
        var rng = Seeded(state: 3)
        var bySlot: [Int: [UInt64]] = [:]
        for _ in 0..<200_000 {
            let h = rng.next()
            bySlot[IDTable.home(IDTable.mix(h), capacity: capacity), default: []].append(h)
        }
        let crowded = bySlot.max { $0.value.count < $1.value.count }!.value
        let last = bySlot[capacity - 1] ?? []
        #expect(crowded.count > 100 && last.count > 100)
        // Inserted twice over: the second pass must find every first line across the probe runs.
        let hashes = Array(crowded.prefix(300) + last.prefix(300))
        checkAgainstDictionary(hashes + hashes, table: &table)
        #expect(table.capacity == capacity)
    }

    /// Removal among crowded, wrapping probe runs: every remaining hash keeps its first line,
    /// removed ones are first occurrences again (against a Dictionary doing the same).
    @Test func removeKeepsTheProbeRunsIntact() {
        var table = IDTable(expected: 1000)
        let capacity = table.capacity
        var rng = Seeded(state: 13)
        var bySlot: [Int: [UInt64]] = [:]
        for _ in 0..<200_000 {
            let h = rng.next()
            bySlot[IDTable.home(IDTable.mix(h), capacity: capacity), default: []].append(h)
        }
        // Crowded slots near the end and the start, so runs wrap and homes lie on both sides.
        let hashes = [capacity - 2, capacity - 1, 0, 1, capacity / 2].flatMap { (bySlot[$0] ?? []).prefix(60) }
        var reference: [UInt64: UInt32] = [:]
        for (i, h) in hashes.enumerated() {
            #expect(table.insertFirst(h, line: UInt32(i + 1)) == nil)
            reference[h] = UInt32(i + 1)
        }
        for (i, h) in hashes.enumerated() where i % 3 != 1 {
            table.remove(h)
            reference[h] = nil
        }
        table.remove(rng.next())  // absent: no change
        #expect(table.count == reference.count)
        var mismatches = 0
        for h in hashes {
            let expected = reference[h]
            if table.insertFirst(h, line: 0) != expected { mismatches += 1 }
            if expected == nil { reference[h] = 0 }
        }
        #expect(mismatches == 0)
        #expect(table.count == hashes.count)
    }

    @Test func growsPastTheExpectedCount() {
        var table = IDTable(expected: 10)
        let start = table.capacity
        var rng = Seeded(state: 5)
        let hashes = (0..<10_000).map { _ in rng.next() }
        checkAgainstDictionary(hashes, table: &table)
        #expect(table.capacity > start)
        #expect(table.count * 4 <= table.capacity * 3, "load above 3/4")
        #expect(table.bytes >= table.capacity * 12 && table.bytes < table.capacity * 13)
    }

    @Test func aDuplicateReportsTheFirstLine() {
        var table = IDTable(expected: 0)
        #expect(table.insertFirst(42, line: 5) == nil)
        #expect(table.insertFirst(42, line: 9) == 5)
        #expect(table.insertFirst(42, line: 12) == 5)
        #expect(table.count == 1)
    }

    @Test func reserveKeepsTheEntries() {
        var table = IDTable(expected: 0)
        for h in 1...10 as ClosedRange<UInt64> { _ = table.insertFirst(h, line: UInt32(h)) }
        table.reserve(50_000)
        #expect(table.capacity * 3 >= 50_000 * 4)
        for h in 1...10 as ClosedRange<UInt64> { #expect(table.insertFirst(h, line: 0) == UInt32(h)) }
    }
}

/// How the writer sizes the table from what it has read.
@Suite struct ExpectedIDsTests {
    @Test func aFileIsExtrapolatedFromItsMeanLineWithHeadroom() {
        // 10 lines in 100 bytes of a 1,000-byte file: 90 more lines, +10%.
        #expect(WriterState.expectedIDs(linesRead: 10, bytesRead: 100, inputSize: 1000, idsPerLine: 1) == 10 + 99 + 64)
    }

    @Test func aPipeCountsOnlyWhatWasRead() {
        #expect(WriterState.expectedIDs(linesRead: 128, bytesRead: 30_000, inputSize: nil, idsPerLine: 1) == 128 + 64)
    }

    @Test func aResumeAtTheEndAddsNothing() {
        #expect(WriterState.expectedIDs(linesRead: 500, bytesRead: 1000, inputSize: 1000, idsPerLine: 1) == 500 + 64)
    }

    @Test func aShardExpectsItsShare() {
        #expect(WriterState.expectedIDs(linesRead: 100, bytesRead: 100, inputSize: 10_100, idsPerLine: 0.25) == (100 + 11_000) / 4 + 64)
    }
}

/// Duplicates through the pipeline when the table is sized from a file, and across a resume
/// (the table then starts from the journal's ids).
@Suite struct SizedDuplicateTests {
    /// Lines 1–20 are distinct; later lines repeat line 4, line 16 and line 26.
    static func lines() -> (first: [String], all: [String]) {
        let g = PipeFixture.generated(40, welcomeOnly: true)
        let first = Array(g[0..<20])
        return (first, first + [g[3]] + g[20..<30] + [g[15], g[24]] + g[30..<40])
    }

    /// The first line each rejected record's detail names, by output index.
    static func duplicates(_ bytes: [UInt8]) -> [Int: String] {
        let out = bytes.split(separator: 0x0A).map { (try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) ?? [:] }
        var found: [Int: String] = [:]
        for (i, o) in out.enumerated() {
            guard let reason = (o["reasons"] as? [[String: Any]])?.first, reason["code"] as? String == "record.duplicate-id" else { continue }
            found[i] = (reason["detail"] as? String)?.components(separatedBy: "already appeared on ").last
        }
        return found
    }

    /// A pipeline run on `input`, told its size like the CLI does for a file.
    static func run(_ input: URL, in dir: URL, plan: JournalPlan?) throws -> [UInt8] {
        var s = PipelineSettings()
        s.jobs = 2
        s.batchLines = 4
        let outURL = dir.appendingPathComponent("out-\(UUID().uuidString).ndjson")
        let output = try OutputTarget.file(outURL.path)
        let fd = open(input.path, O_RDONLY)
        defer { close(fd) }
        let size = (try FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
        _ = try RenderPipeline(
            catalog: PipeFixture.catalog, brand: PipeFixture.brand, assembly: AssemblyOptions(now: PipeFixture.now),
            emitter: NDJSONEmitter(), settings: s
        ).run(input: fd, inputSize: size, output: output, journal: plan)
        output.close()
        return [UInt8](try Data(contentsOf: outURL))
    }

    @Test func aFileRunRejectsLaterOccurrences() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(Self.lines().all, in: dir)
        #expect(Self.duplicates(try Self.run(input, in: dir, plan: nil)) == [20: "line 4", 31: "line 16", 32: "line 26"])
    }

    @Test func aResumedRunRemembersTheCommittedIds() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (first, all) = Self.lines()
        let journal = try Journal(path: dir.appendingPathComponent("j.sqlite").path)
        // A run that committed lines 1–20, then resumed on the whole file (the same first 20 lines).
        _ = try PipeFixture.run(PipeFixture.write(first, in: dir, name: "first.ndjson"), in: dir, batchLines: 4, journal: journal, runID: "r")
        let run = try #require(try journal.run("r"))
        #expect(run.committedLines == 20)
        let rest = try Self.run(PipeFixture.write(all, in: dir), in: dir, plan: JournalPlan(journal: journal, run: run, resuming: true))
        // Output indexes count from line 21.
        #expect(Self.duplicates(rest) == [0: "line 4", 11: "line 16", 12: "line 26"])
    }
}
