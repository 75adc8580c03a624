import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What the client tests need: the built `tessera`, and a Python that imports `mcp` and `jsonschema`.
enum MCPEnvironment {
    /// CI sets `TESSERA_REQUIRE_MCP=1`: there a missing package is a failure, not a skip.
    static let required = ProcessInfo.processInfo.environment["TESSERA_REQUIRE_MCP"] == "1"
    static let python = ProcessInfo.processInfo.environment["TESSERA_PYTHON"] ?? "python3"
    static let skipNote: Comment =
        "needs python3 with the MCP SDK and jsonschema (pip install mcp jsonschema); set TESSERA_REQUIRE_MCP=1 to fail instead of skipping"
    static let script = Corpus.packageRoot.appendingPathComponent("Tests/MCPTests/mcp_client.py")

    /// The `tessera` executable built beside the test bundle.
    static let tessera = TesseraExecutable.url

    static let missing: String? = {
        var absent: [String] = []
        if tessera == nil { absent.append("the tessera executable (swift build)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [python, "-c", "import mcp, jsonschema"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        if (try? p.run()) == nil {
            absent.append("\(python)")
        } else {
            p.waitUntilExit()
            if p.terminationStatus != 0 { absent.append("the mcp and jsonschema packages (\(python) cannot import them)") }
        }
        return absent.isEmpty ? nil : "missing " + absent.joined(separator: " and ")
    }()

    static func requireAll() throws {
        if let missing {
            Issue.record("TESSERA_REQUIRE_MCP=1 but the MCP client test cannot run: \(missing); install with: pip install mcp jsonschema")
            throw MCPTestError(missing)
        }
    }

    /// A scratch copy of the shipped project (brand/, templates/, blocks/): the stdio test edits it.
    static func projectCopy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for folder in ["brand", "templates", "blocks"] {
            try FileManager.default.copyItem(at: Corpus.packageRoot.appendingPathComponent(folder), to: dir.appendingPathComponent(folder))
        }
        return dir
    }
}

struct MCPTestError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A child process with its output in files and a time limit (a hang fails the test, not CI).
struct ChildProcess {
    var status: Int32
    var stdout: String
    var stderr: String

    static func run(_ executable: String, _ arguments: [String], logs: URL, name: String, timeout: TimeInterval) throws -> ChildProcess {
        let out = logs.appendingPathComponent("\(name).stdout"), err = logs.appendingPathComponent("\(name).stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [executable] + arguments
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let timedOut = p.isRunning
        if timedOut { p.terminate() }
        p.waitUntilExit()
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        return ChildProcess(
            status: timedOut ? -1 : p.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: timedOut ? "timed out after \(Int(timeout)) s\n" + stderr : stderr)
    }
}

/// `tessera serve --port 0`, its port read from the listening line.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int

    init(_ tessera: URL, _ arguments: [String]) throws {
        let errors = Pipe()
        process.executableURL = tessera
        process.arguments = arguments
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline, !buffer.contains(0x0A) {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += chunk
        }
        let first = String(decoding: buffer.prefix { $0 != 0x0A }, as: UTF8.self)
        guard first.hasPrefix("tessera serve: listening on http://"), let colon = first.lastIndex(of: ":"),
            let p = Int(first[first.index(after: colon)...])
        else {
            process.terminate()
            throw MCPTestError("tessera serve did not start: \(String(decoding: buffer, as: UTF8.self).prefix(2000))")
        }
        port = p
        errors.fileHandleForReading.readabilityHandler = { h in _ = h.availableData }
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// One HTTP/1.1 request on loopback, for status checks.
enum HTTP {
    static func post(port: Int, _ path: String, token: String?, body: String) throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json, text/event-stream", forHTTPHeaderField: "Accept")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(body.utf8)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var answer: (Int, String) = (0, "")
        URLSession.shared.dataTask(with: request) { data, response, _ in
            answer = ((response as? HTTPURLResponse)?.statusCode ?? 0, data.map { String(decoding: $0, as: UTF8.self) } ?? "")
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 30) == .success else { throw MCPTestError("no answer from 127.0.0.1:\(port)\(path) within 30 s") }
        return answer
    }
}
