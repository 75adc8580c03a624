import Foundation
@testable import Serve
import Testing

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
            var mine = ""
            AccessLog.appendTimestamp(date, to: &mine)
            #expect(mine == reference.string(from: date), "\(t)")
        }
    }

    @Test func millisecondsHaveThreeDecimals() {
        for s in [0.0, 0.0000004, 0.000042, 0.0012341, 0.25, 1.5, 12.0004] {
            var mine = ""
            AccessLog.appendMilliseconds(s, to: &mine)
            #expect(mine == String(format: "%.3f", s * 1000), "\(s)")
        }
    }
}
