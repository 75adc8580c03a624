import Foundation
import TestSupport
import Testing

@testable import Service

/// Renderers (and their skeleton caches) outlive the clock of a request.
@Suite struct RendererPoolTests {
    @Test func requestsAtDifferentClocksShareOneRenderer() throws {
        let store = ProjectStore(root: Corpus.packageRoot)
        store.reload()
        let project = try #require(store.current)
        let line = try #require(try Data(contentsOf: Corpus.project("examples/recipients.ndjson")).split(separator: 0x0A).first)
        let clocks = ["2026-11-23T09:00:00Z", "2026-11-23T09:00:01Z", "2027-06-01T09:00:00Z", "2026-11-23T09:00:00Z"]
        var records: [[UInt8]] = []
        for clock in clocks {
            records.append(try project.render(recipient: line, RenderOptions(now: ServiceClock.parse(clock))).record)
        }
        _ = try project.render(recipient: line, RenderOptions())
        #expect(project.assemblers.built == 1)
        // The clock is still each request's own: the same answer for the same clock.
        #expect(records[0] == records[3])
    }

    /// A pooled renderer reads every body on its own JSON reader (as a thread of `tessera render`
    /// does): a body it rejected part-way leaves nothing behind for the next request on it.
    @Test func aRejectedBodyLeavesThePooledReaderClean() throws {
        let store = ProjectStore(root: Corpus.packageRoot)
        store.reload()
        let project = try #require(store.current)
        let lines = try Data(contentsOf: Corpus.project("examples/recipients.ndjson")).split(separator: 0x0A).prefix(3).map(Array.init)
        let options = RenderOptions(now: ServiceClock.parse("2026-11-23T09:00:00Z"))
        let fresh = ProjectStore(root: Corpus.packageRoot)
        fresh.reload()
        let expected = try lines.map { try #require(fresh.current).render(recipient: $0, options).record }
        for line in lines {
            let cut = Array(line.prefix(line.count / 2))
            #expect(throws: ServiceError.self) { try project.render(recipient: cut, options) }
            #expect(throws: ServiceError.self) { try project.explain(recipient: cut, options) }
        }
        #expect(try lines.map { try project.render(recipient: $0, options).record } == expected)
        #expect(project.assemblers.built == 1)
    }
}
