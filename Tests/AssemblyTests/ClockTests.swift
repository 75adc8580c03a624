import Foundation
import TestSupport
import Testing

@testable import Assembly

/// A long-lived renderer (`tessera serve`) moves its clock per render and keeps its caches.
@Suite struct ClockTests {
    static let later = ISO8601DateFormatter().date(from: "2027-06-01T09:00:00Z")!

    static func sample() throws -> [[UInt8]] {
        try Data(contentsOf: Corpus.project("examples/recipients.ndjson")).split(separator: 0x0A).map(Array.init)
    }

    static func records(_ a: Assembler, _ lines: [[UInt8]]) -> [[UInt8]] {
        lines.enumerated().map { i, line in
            var out: [UInt8] = []
            NDJSONWriter.append(a.render(line: line, number: i + 1), to: &out)
            return out
        }
    }

    /// The 1-based lines where two runs differ (an empty list when they agree).
    static func differing(_ a: [[UInt8]], _ b: [[UInt8]]) -> [Int] {
        a.count == b.count ? a.indices.filter { a[$0] != b[$0] }.map { $0 + 1 } : [-1]
    }

    @Test func setClockRendersAsAFreshAssemblerAtThatClockWithoutNewSkeletons() throws {
        let lines = try Self.sample()
        let moved = Fixture.assembler(template: "welcome")
        let atFirst = Self.records(moved, lines)
        let warm = moved.mjmlRenders

        moved.setClock(Self.later)
        let fresh = Assembler(
            catalog: Fixture.catalog, brand: Fixture.brand,
            options: AssemblyOptions(defaultTemplate: "welcome", now: Self.later))
        let expected = Self.records(fresh, lines)
        #expect(Self.differing(Self.records(moved, lines), expected) == [])
        // The clock matters for this sample (claims expire and start between the two dates) …
        #expect(!Self.differing(atFirst, expected).isEmpty)
        // … yet the moved renderer reuses its skeletons: only messages new at the later date are rendered.
        #expect(moved.mjmlRenders - warm < fresh.mjmlRenders)

        moved.setClock(Fixture.now)
        #expect(Self.differing(Self.records(moved, lines), atFirst) == [])
    }
}
