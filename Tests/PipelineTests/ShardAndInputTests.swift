import Foundation
import Pipeline
import Testing

/// `--shard K/N` partitions the input; bad lines are rejected one by one and the run goes on.
@Suite struct ShardTests {
    @Test func shardsPartitionTheInput() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = PipeFixture.generated(500)
        let input = PipeFixture.write(lines, in: dir)
        let all = try PipeFixture.run(input, in: dir)
        let allLines = all.bytes.split(separator: 0x0A).map { Array($0) }
        var union: [[UInt8]] = []
        var seen = Set<[UInt8]>()
        for k in 1...3 {
            let r = try PipeFixture.run(input, in: dir, shard: Shard("\(k)/3")!)
            let mine = r.bytes.split(separator: 0x0A).map { Array($0) }
            #expect(r.summary.counts.records == mine.count)
            #expect(r.summary.counts.skipped == 500 - mine.count)
            #expect(mine.count > 100, "shard \(k)/3 has \(mine.count) of 500")
            for m in mine { #expect(seen.insert(m).inserted, "a record is in two shards") }
            union += mine
            for o in r.lines {
                if let id = o["id"] as? String { #expect(PipelineHash.shard(of: id, count: 3) == k) } else { #expect(k == 1) }
            }
        }
        #expect(Set(union) == Set(allLines))
        #expect(union.count == allLines.count)
    }

    @Test func shardHashIsStable() {
        // FNV-1a 64, documented in docs/pipeline.md: other tools must be able to reproduce it.
        #expect(PipelineHash.id("") == 0xcbf2_9ce4_8422_2325)
        #expect(PipelineHash.id("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(PipelineHash.shard(of: "a", count: 4) == Int(UInt64(0xaf63_dc4c_8601_ec8c) % 4) + 1)
    }
}

@Suite struct BadInputTests {
    @Test func badLinesAreRejectedWithLineAndReason() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = PipeFixture.generated(3, welcomeOnly: true)
        let huge = #"{"id":"big","profile":{"first_name":""# + String(repeating: "x", count: 10 << 20) + #""}}"#
        var bytes = Data()
        let parts: [Data] = [
            Data(good[0].utf8),  // 1 ok
            Data(#"{"id": "broken", "#.utf8),  // 2 invalid JSON
            Data(#"{"email":"x@example.com"}"#.utf8),  // 3 missing id
            Data(good[0].utf8),  // 4 duplicate of line 1
            Data(huge.utf8),  // 5 10 MB line
            Data(#"{"id":"u1","profile":{"first_name":"A"#.utf8) + Data([0xC3, 0x28]) + Data(#""}}"#.utf8),  // 6 invalid UTF-8
            Data(good[1].utf8),  // 7 ok
            Data(),  // 8 empty line
            Data(good[2].utf8),  // 9 ok
        ]
        for p in parts { bytes += p; bytes.append(0x0A) }
        let input = dir.appendingPathComponent("bad.ndjson")
        try bytes.write(to: input)
        let r = try PipeFixture.run(input, in: dir, jobs: 2, batchLines: 2)
        let out = r.lines
        #expect(out.count == 9)
        func code(_ i: Int) -> String? { ((out[i]["reasons"] as? [[String: Any]])?.first?["code"] as? String) }
        func detail(_ i: Int) -> String { ((out[i]["reasons"] as? [[String: Any]])?.first?["detail"] as? String) ?? "" }
        for i in [0, 6, 8] { #expect(out[i]["status"] as? String != "rejected") }
        #expect(code(1) == "record.invalid-json" && detail(1).hasPrefix("line 2"))
        #expect(code(2) == "record.missing-id" && detail(2).hasPrefix("line 3"))
        #expect(
            code(3) == "record.duplicate-id" && detail(3).contains("line 4") && detail(3).contains("line 1")
                && out[3]["id"] as? String == out[0]["id"] as? String)
        #expect(code(4) == "record.too-large" && detail(4).hasPrefix("line 5"))
        #expect(code(5) == "record.invalid-utf8" && detail(5).hasPrefix("line 6:"))
        #expect(code(7) == "record.invalid-json" && detail(7).hasPrefix("line 8"))
        for i in [1, 2, 3, 4, 5, 7] { #expect(out[i]["status"] as? String == "rejected") }
        #expect(r.summary.counts.rejected == 6 && r.summary.counts.records == 9)
    }

    @Test func duplicateInTheSameBatchAndAcrossBatches() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = PipeFixture.generated(6, welcomeOnly: true)
        let input = PipeFixture.write([g[0], g[1], g[0], g[2], g[3], g[1], g[4]], in: dir)
        let out = try PipeFixture.run(input, in: dir, jobs: 3, batchLines: 2).lines
        let statuses = out.map { $0["status"] as? String == "rejected" }
        #expect(statuses == [false, false, true, false, false, true, false])
    }
}
