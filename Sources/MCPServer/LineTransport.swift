import Foundation
import Logging
import MCP
import TextEscaping

/// MCP's stdio transport: one JSON-RPC message a line. The SDK's `StdioTransport` polls a
/// non-blocking descriptor (10 ms sleeps between reads, so up to 10 ms added to each answer) and
/// holds a line of any length in memory. This one reads on its own thread with blocking reads
/// and bounds a line: past `maxLineBytes` the rest of the line is skipped and answered with a
/// JSON-RPC error naming the limit.
package actor LineTransport: Transport {
    package nonisolated let logger: Logger
    private let input: Int32
    private let output: Int32
    private let maxLineBytes: Int
    private let stream: AsyncThrowingStream<Data, Error>
    private let continuation: AsyncThrowingStream<Data, Error>.Continuation
    private var reader: Thread?
    /// Requests read and not yet answered: at the end of input the server answers them before
    /// it exits (a client may write its requests and close its input at once).
    private let unanswered = RequestCount()

    package init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, maxLineBytes: Int = MCPLimits().messageBytes) {
        self.input = input
        self.output = output
        self.maxLineBytes = maxLineBytes
        logger = Logger(label: "tessera.mcp.stdio", factory: { _ in SwiftLogNoOpLogHandler() })
        (stream, continuation) = AsyncThrowingStream<Data, Error>.makeStream()
    }

    package func connect() async throws {
        guard reader == nil else { return }
        let (input, output, limit, continuation, unanswered) = (input, output, maxLineBytes, continuation, unanswered)
        let thread = Thread {
            BlockingLineReader(fd: input, maxLineBytes: limit).run(
                line: {
                    unanswered.add(RequestCount.requests(in: $0))
                    continuation.yield($0)
                },
                overlong: { size in LineTransport.write(LineTransport.tooLong(size, limit: limit), to: output) })
            continuation.finish()
        }
        thread.name = "tessera.mcp.stdin"
        reader = thread
        thread.start()
    }

    package func disconnect() async {
        continuation.finish()
    }

    package func send(_ data: Data) async throws {
        var line = data
        line.append(0x0A)
        guard Self.write(line, to: output) else { throw MCPError.connectionClosed }
        unanswered.add(-RequestCount.responses(in: data))
    }

    /// Waits until every request read has been answered, at most `seconds`.
    package func waitUntilAnswered(seconds: Double) async {
        let deadline = Date().addingTimeInterval(seconds)
        while unanswered.value > 0 && Date() < deadline { try? await Task.sleep(nanoseconds: 5_000_000) }
    }

    package func receive() -> AsyncThrowingStream<Data, Error> { stream }

    /// Writes all of `data` (the client reads whole lines). False when the output is closed.
    @discardableResult
    static func write(_ data: Data, to fd: Int32) -> Bool {
        outputLock.lock()
        defer { outputLock.unlock() }
        return data.withUnsafeBytes { p in
            var done = 0
            while done < p.count {
                let n = Foundation.write(fd, p.baseAddress! + done, p.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }
    /// One writer at a time: the overlong-line answer comes from the reader thread.
    private static let outputLock = NSLock()

    static func tooLong(_ size: Int, limit: Int) -> Data {
        let message = "message of more than \(size) bytes is over the limit of \(limit) bytes a line (--max-message-bytes); it was skipped"
        let line: String = #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"# + JSONString.quoted(message) + "}}\n"
        return Data(line.utf8)
    }
}

/// Splits a descriptor's bytes into lines, with blocking reads; a line longer than the limit is
/// skipped to its end without being kept.
struct BlockingLineReader {
    let fd: Int32
    let maxLineBytes: Int

    func run(line: (Data) -> Void, overlong: (Int) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending = Data()
        var skipping = false
        var skipped = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            var start = 0
            for i in 0..<n where buffer[i] == 0x0A {
                if skipping {
                    skipping = false
                    overlong(skipped + i - start)
                } else {
                    pending.append(contentsOf: buffer[start..<i])
                    if pending.count > maxLineBytes { overlong(pending.count) } else if !Self.isBlank(pending) { line(pending) }
                }
                pending = Data()
                start = i + 1
            }
            if skipping {
                skipped += n - start
            } else {
                pending.append(contentsOf: buffer[start..<n])
                if pending.count > maxLineBytes {
                    skipping = true
                    skipped = pending.count
                    pending = Data()
                }
            }
        }
        if !skipping && !Self.isBlank(pending) && pending.count <= maxLineBytes { line(pending) }
    }

    static func isBlank(_ d: Data) -> Bool { d.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
}

/// A count shared by the reader thread and the writers.
final class RequestCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add(_ n: Int) {
        lock.lock()
        count += n
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    /// JSON-RPC requests in a message (an object or a batch): those with a method and an id.
    static func requests(in data: Data) -> Int {
        count(data) { $0["method"] != nil && $0["id"] != nil && !($0["id"] is NSNull) }
    }

    /// Answers in a message: an id and no method.
    static func responses(in data: Data) -> Int {
        count(data) { $0["method"] == nil && $0["id"] != nil && !($0["id"] is NSNull) }
    }

    private static func count(_ data: Data, _ match: ([String: Any]) -> Bool) -> Int {
        guard let parsed = try? JSONSerialization.jsonObject(with: data) else { return 0 }
        if let one = parsed as? [String: Any] { return match(one) ? 1 : 0 }
        if let many = parsed as? [Any] { return many.compactMap { $0 as? [String: Any] }.filter(match).count }
        return 0
    }
}
