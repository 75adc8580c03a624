import Foundation
import Service

/// One JSON line per request on standard error: time, method, route, path, status, milliseconds,
/// context hash and request id. Per request it costs well under a microsecond: the time is
/// formatted by hand (Foundation's ISO 8601 formatter costs microseconds on Linux), and lines
/// are written in batches.
final class AccessLog: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    /// Request lines not yet written. They go out together every `flushInterval` (or at
    /// `flushBytes`): one `write` per request into a pipe costs a wake-up of the reader each time.
    private var pending: [UInt8] = []
    let flushInterval: Double
    let flushBytes = 64 * 1024

    init(enabled: Bool = true, flushInterval: Double = 0.05) {
        self.enabled = enabled
        self.flushInterval = flushInterval
        pending.reserveCapacity(flushBytes)
        guard enabled else { return }
        // Lives as long as the process (one server a process), like the deadline sweeper.
        Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: flushInterval)
                flush()
            }
        }.start()
    }

    func request(method: String, route: String, path: String, status: Int, seconds: Double, context: String?, requestID: String) {
        guard enabled else { return }
        var line = "{\"ts\":\""
        line.reserveCapacity(192)
        Self.appendTimestamp(Date(), to: &line)
        line += "\",\"method\":" + JSONText.quote(method) + ",\"route\":" + JSONText.quote(route) + ",\"path\":" + JSONText.quote(path)
        line += ",\"status\":\(status),\"ms\":"
        Self.appendMilliseconds(seconds, to: &line)
        line += ",\"context\":" + (context.map(JSONText.quote) ?? "null") + ",\"request_id\":" + JSONText.quote(requestID) + "}\n"
        lock.lock()
        defer { lock.unlock() }
        pending.append(contentsOf: line.utf8)
        if pending.count >= flushBytes { writePending() }
    }

    /// A line that is not about a request (reloads, their errors): written at once, after the
    /// request lines before it.
    func event(_ fields: [(String, JSONText)]) {
        var ts = ""
        Self.appendTimestamp(Date(), to: &ts)
        let line = JSONText.compact(.object([("ts", .string(ts))] + fields)) + "\n"
        lock.lock()
        defer { lock.unlock() }
        pending.append(contentsOf: line.utf8)
        writePending()
    }

    /// Writes the pending lines (the flusher thread, and shutdown).
    func flush() {
        lock.lock()
        defer { lock.unlock() }
        writePending()
    }

    /// Under `lock`: the lines in order, whole.
    private func writePending() {
        var offset = 0
        pending.withUnsafeBytes { p in
            while offset < p.count {
                let n = Foundation.write(2, p.baseAddress! + offset, p.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// `2026-11-23T09:00:00.123Z` (UTC, milliseconds), from the days since 1970 (civil calendar).
    static func appendTimestamp(_ date: Date, to out: inout String) {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())  // to the nearest, as Foundation
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let msOfDay = ms - days * 86_400_000
        // Howard Hinnant's days_from_civil, inverted.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ n: Int64, _ width: Int) {
            let s = String(n)
            if s.count < width { out += String(repeating: "0", count: width - s.count) }
            out += s
        }
        pad(year, 4); out += "-"; pad(month, 2); out += "-"; pad(day, 2); out += "T"
        pad(msOfDay / 3_600_000, 2); out += ":"; pad(msOfDay / 60_000 % 60, 2); out += ":"; pad(msOfDay / 1000 % 60, 2)
        out += "."; pad(msOfDay % 1000, 3); out += "Z"
    }

    /// Milliseconds with three decimals (`0.042`), without `String(format:)`.
    static func appendMilliseconds(_ seconds: Double, to out: inout String) {
        let micros = Int64((max(0, seconds) * 1_000_000).rounded())
        out += String(micros / 1000) + "."
        let frac = String(micros % 1000)
        out += String(repeating: "0", count: 3 - frac.count) + frac
    }
}
