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
        let now = Date()
        lock.lock()
        defer { lock.unlock() }
        // Straight into the pending bytes: no intermediate strings per field.
        pending.append(contentsOf: #"{"ts":""#.utf8)
        Self.appendTimestamp(now, to: &pending)
        pending.append(contentsOf: #"","method":"#.utf8)
        Self.appendQuoted(method, to: &pending)
        pending.append(contentsOf: #","route":"#.utf8)
        Self.appendQuoted(route, to: &pending)
        pending.append(contentsOf: #","path":"#.utf8)
        Self.appendQuoted(path, to: &pending)
        pending.append(contentsOf: #","status":"#.utf8)
        Self.appendDecimal(Int64(status), width: 1, to: &pending)
        pending.append(contentsOf: #","ms":"#.utf8)
        Self.appendMilliseconds(seconds, to: &pending)
        pending.append(contentsOf: #","context":"#.utf8)
        if let context { Self.appendQuoted(context, to: &pending) } else { pending.append(contentsOf: "null".utf8) }
        pending.append(contentsOf: #","request_id":"#.utf8)
        Self.appendQuoted(requestID, to: &pending)
        pending.append(contentsOf: "}\n".utf8)
        if pending.count >= flushBytes { writePending() }
    }

    /// `JSONText.quote(s)`'s bytes; text with nothing to escape (every field of a normal line)
    /// is copied as it is.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        // Scanned through a buffer pointer: String.UTF8View's iterator costs ~30 instructions a byte.
        let plain = s.utf8.withContiguousStorageIfAvailable { !$0.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } } ?? false
        guard plain else {
            out.append(contentsOf: JSONText.quote(s).utf8)
            return
        }
        out.append(0x22)
        out.append(contentsOf: s.utf8)
        out.append(0x22)
    }

    /// A line that is not about a request (reloads, their errors): written at once, after the
    /// request lines before it.
    func event(_ fields: [(String, JSONText)]) {
        var ts: [UInt8] = []
        Self.appendTimestamp(Date(), to: &ts)
        let line = JSONText.compact(.object([("ts", .string(String(decoding: ts, as: UTF8.self)))] + fields)) + "\n"
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
    static func appendTimestamp(_ date: Date, to out: inout [UInt8]) {
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
        appendDecimal(year, width: 4, to: &out); out.append(UInt8(ascii: "-"))
        appendDecimal(month, width: 2, to: &out); out.append(UInt8(ascii: "-"))
        appendDecimal(day, width: 2, to: &out); out.append(UInt8(ascii: "T"))
        appendDecimal(msOfDay / 3_600_000, width: 2, to: &out); out.append(UInt8(ascii: ":"))
        appendDecimal(msOfDay / 60_000 % 60, width: 2, to: &out); out.append(UInt8(ascii: ":"))
        appendDecimal(msOfDay / 1000 % 60, width: 2, to: &out); out.append(UInt8(ascii: "."))
        appendDecimal(msOfDay % 1000, width: 3, to: &out); out.append(UInt8(ascii: "Z"))
    }

    /// Milliseconds with three decimals (`0.042`), without `String(format:)`.
    static func appendMilliseconds(_ seconds: Double, to out: inout [UInt8]) {
        let micros = Int64((max(0, seconds) * 1_000_000).rounded())
        appendDecimal(micros / 1000, width: 1, to: &out)
        out.append(UInt8(ascii: "."))
        appendDecimal(micros % 1000, width: 3, to: &out)
    }

    /// `n` in decimal, zero-padded to `width` digits, as `String(n)` padded (a minus sign, when
    /// there is one, is counted in the width as `String(n).count` counts it).
    static func appendDecimal(_ n: Int64, width: Int, to out: inout [UInt8]) {
        guard n >= 0 else {
            let s = String(n)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - s.utf8.count)))
            out.append(contentsOf: s.utf8)
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = n
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for _ in count..<max(count, width) { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: d[(20 - count)...])
        }
    }
}
