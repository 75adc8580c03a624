import Foundation
import Service

/// One JSON line per request on standard error: time, method, route, path, status, milliseconds,
/// context hash and request id.
final class AccessLog: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private let formatter = ISO8601DateFormatter()

    init(enabled: Bool = true) {
        self.enabled = enabled
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    }

    func request(method: String, route: String, path: String, status: Int, seconds: Double, context: String?, requestID: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let line = JSONText.compact(.object([
            ("ts", .string(formatter.string(from: Date()))), ("method", .string(method)), ("route", .string(route)),
            ("path", .string(path)), ("status", .int(status)), ("ms", .number(String(format: "%.3f", seconds * 1000))),
            ("context", context.map(JSONText.string) ?? .null), ("request_id", .string(requestID)),
        ])) + "\n"
        line.utf8CString.withUnsafeBufferPointer { p in _ = write(2, p.baseAddress!, p.count - 1) }
    }

    /// A line that is not about a request (reloads, their errors).
    func event(_ fields: [(String, JSONText)]) {
        lock.lock()
        defer { lock.unlock() }
        let line = JSONText.compact(.object([("ts", .string(formatter.string(from: Date())))] + fields)) + "\n"
        line.utf8CString.withUnsafeBufferPointer { p in _ = write(2, p.baseAddress!, p.count - 1) }
    }
}
