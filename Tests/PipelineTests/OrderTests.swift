import Foundation
import Pipeline
import Testing

/// Output order and bytes do not depend on the number of workers.
@Suite struct OrderTests {
    @Test func jobsOneTwoFourGiveTheSequentialBytes() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(900), in: dir)
        let reference = PipeFixture.sequential(input)
        #expect(reference.filter { $0 == 0x0A }.count == 900)
        for jobs in [1, 2, 4] {
            let r = try PipeFixture.run(input, in: dir, jobs: jobs, batchLines: 37)
            #expect(r.bytes == reference, "--jobs \(jobs) differs from the sequential render")
            #expect(r.summary.counts.records == 900)
        }
    }

    @Test func lastLineWithoutNewlineAndCRLF() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = PipeFixture.generated(5, welcomeOnly: true)
        let url = dir.appendingPathComponent("crlf.ndjson")
        try Data((lines.joined(separator: "\r\n")).utf8).write(to: url)
        let r = try PipeFixture.run(url, in: dir, jobs: 2, batchLines: 2)
        #expect(r.bytes == PipeFixture.sequential(url))
        #expect(r.lines.count == 5)
    }
}
