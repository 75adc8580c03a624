import Foundation
import TestSupport
import Testing

/// A `tessera serve` child process on a free port, read from its first stderr line.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let errPipe = Pipe()
    private let lock = NSLock()
    private var stderrText = ""

    /// The built `tessera` executable (the test fails, not skips, without it).
    static var binary: URL? { TesseraExecutable.url }

    /// Starts `tessera serve ARGS --port 0` and waits (up to a minute) for the listening line.
    init(_ args: [String], project: String = Corpus.packageRoot.path) throws {
        let binary = try #require(Self.binary, "tessera is not built: run swift build first")
        process.executableURL = binary
        process.arguments = ["serve", "--project", project, "--port", "0"] + args
        process.standardError = errPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let handle = errPipe.fileHandleForReading
        var first = ""
        var buffer = Data()
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer += chunk
            if let nl = buffer.firstIndex(of: 0x0A) {
                first = String(decoding: buffer[..<nl], as: UTF8.self)
                stderrText = String(decoding: buffer[(nl + 1)...], as: UTF8.self)
                break
            }
        }
        guard first.hasPrefix("tessera serve: listening on http://"), let colon = first.lastIndex(of: ":"),
            let p = Int(first[first.index(after: colon)...])
        else {
            process.terminate()
            throw ServeTestError(
                "the first stderr line is not the listening line: '\(first)' (then: \(String(decoding: buffer, as: UTF8.self).prefix(2000)))")
        }
        port = p
        // Keep draining stderr so the server never blocks on a full pipe.
        handle.readabilityHandler = { [weak self] h in
            let d = h.availableData
            guard let self, !d.isEmpty else { return }
            self.lock.lock()
            self.stderrText += String(decoding: d, as: UTF8.self)
            self.lock.unlock()
        }
    }

    var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return stderrText
    }

    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) throws -> HTTPAnswer {
        try RawHTTP.request(port: port, method, path, headers: headers, body: body)
    }

    /// Sends SIGTERM and waits up to `seconds` for the exit; the exit status (nil if it did not exit).
    func terminate(waiting seconds: Double = 30) -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        return waitForExit(seconds)
    }

    func waitForExit(_ seconds: Double) -> Int32? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        errPipe.fileHandleForReading.readabilityHandler = nil
    }
}

struct ServeTestError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

struct HTTPAnswer {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers[name.lowercased()] }
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] }
}

/// HTTP/1.1 over a plain socket, one request a connection: enough to control exactly what is
/// sent (a body held back half-way) and to read exactly what comes back.
enum RawHTTP {
    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServeTestError("socket: \(errno)") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else { close(fd); throw ServeTestError("connect to port \(port): \(errno)") }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func send(_ fd: Int32, _ bytes: [UInt8]) throws {
        var i = 0
        while i < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.send(fd, $0.baseAddress! + i, bytes.count - i, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw ServeTestError("send: \(errno)") }
            i += n
        }
    }

    static func head(_ method: String, _ path: String, headers: [String: String], contentLength: Int) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: \(contentLength)\r\n"
        for (k, v) in headers { text += "\(k): \(v)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    static func request(port: Int, _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) throws -> HTTPAnswer {
        let fd = try connect(port: port)
        defer { close(fd) }
        try send(fd, head(method, path, headers: headers, contentLength: body.count) + body)
        return try readAnswer(fd)
    }

    /// Reads to the end of the connection and parses status, headers and (chunked or not) body.
    static func readAnswer(_ fd: Int32) throws -> HTTPAnswer {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        guard let split = find(data, Array("\r\n\r\n".utf8)) else {
            throw ServeTestError("no HTTP head in \(data.count) bytes: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        let lines = String(decoding: data[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for l in lines.dropFirst() {
            guard let c = l.firstIndex(of: ":") else { continue }
            headers[l[..<c].lowercased()] = l[l.index(after: c)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(data[(split + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return HTTPAnswer(status: status, headers: headers, body: body)
    }

    static func dechunk(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < b.count, let lineEnd = find(Array(b[i...]), [13, 10]) {
            let size = Int(String(decoding: b[i..<(i + lineEnd)], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
            i += lineEnd + 2
            if size == 0 { break }
            out += b[i..<min(b.count, i + size)]
            i += size + 2
        }
        return out
    }

    static func find(_ hay: [UInt8], _ needle: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }
}
