import Foundation
import Service
import Testing

@testable import Serve

/// The access log formats its time and milliseconds by hand (it runs once per request): the
/// same text as Foundation's formatters.
@Suite struct AccessLogFormatTests {
    @Test func timestampsAreISO8601InUTCWithMilliseconds() {
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var dates = [0.0, 951_782_400.5, 1_709_164_800.999, 4_107_542_399.001, 1_795_424_400.123, -86_400.25]
        var seed: UInt64 = 7
        for _ in 0..<2000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            dates.append(Double(seed >> 22) / 1000)  // 1970 to ~2109, whole milliseconds
        }
        for t in dates {
            let date = Date(timeIntervalSince1970: t)
            var mine: [UInt8] = []
            AccessLog.appendTimestamp(date, to: &mine)
            #expect(String(decoding: mine, as: UTF8.self) == reference.string(from: date), "\(t)")
        }
    }

    @Test func millisecondsHaveThreeDecimals() {
        for s in [0.0, 0.0000004, 0.000042, 0.0012341, 0.25, 1.5, 12.0004] {
            var mine: [UInt8] = []
            AccessLog.appendMilliseconds(s, to: &mine)
            #expect(String(decoding: mine, as: UTF8.self) == String(format: "%.3f", s * 1000), "\(s)")
        }
    }

    @Test func decimalsArePaddedAsStringsAre() {
        for (n, width) in [(0, 1), (7, 2), (42, 2), (2026, 4), (5, 4), (-5, 2), (-5, 4), (Int64.max, 1), (Int64.min, 1)] as [(Int64, Int)] {
            var mine: [UInt8] = []
            AccessLog.appendDecimal(n, width: width, to: &mine)
            let s = String(n)
            #expect(String(decoding: mine, as: UTF8.self) == String(repeating: "0", count: max(0, width - s.count)) + s, "\(n)")
        }
    }

    @Test func fieldsAreQuotedAsJSONTextQuotes() {
        for s in ["/v1/render", "a\"b", "tab\there", "back\\slash", "é", ""] {
            var mine: [UInt8] = []
            AccessLog.appendQuoted(s, to: &mine)
            #expect(String(decoding: mine, as: UTF8.self) == JSONText.quote(s))
        }
    }
}
