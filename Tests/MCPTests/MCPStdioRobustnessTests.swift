import Foundation
import TestSupport
import Testing

/// Nothing a client sends ends `tessera mcp`: malformed JSON, JSON that is not JSON-RPC, wrong
/// params, unknown methods, invalid UTF-8 and a line over the message limit each get an error
/// answer (or are ignored), and the server still answers the next request.
@Suite(.serialized) struct MCPStdioRobustnessTests {
    @Test func malformedMessagesLeaveTheServerAnswering() throws {
        let tessera = try #require(MCPEnvironment.tessera, "tessera is not built: run swift build first")
        let server = try StdioProcess(tessera, ["mcp", "--project", Corpus.packageRoot.path, "--no-watch", "--max-message-bytes", "4096"])
        defer { server.stop() }
        let garbage: [String] = [
            "{", "not json at all", "[]", "[1, 2]", "null", "42", #"{"jsonrpc":"2.0"}"#, #"{"jsonrpc":"2.0","id":{},"method":"x"}"#,
            #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":"oops"}"#, #"{"jsonrpc":"2.0","id":8,"method":"no/such/method"}"#,
            #"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"lint_copy","arguments":{"text":[1],"format":"text"}}}"#,
            String(repeating: "x", count: 10_000),
        ]
        for line in garbage { try server.send(line) }
        try server.send(bytes: [0xFF, 0xFE, 0x7B, 0x0A])
        try server.send(
            #"{"jsonrpc":"2.0","id":100,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}}"#
        )
        try server.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        try server.send(
            #"{"jsonrpc":"2.0","id":101,"method":"tools/call","params":{"name":"check_claims","arguments":{"text":"Free shipping on everything.","market":"US","channel":"email"}}}"#
        )
        let answers = try server.readUntil(id: 101, timeout: 60)
        let initialize = try #require(answers.first { ($0["id"] as? Int) == 100 }, "no initialize answer among \(answers)")
        #expect((initialize["result"] as? [String: Any])?["serverInfo"] != nil)
        let call = try #require(answers.first { ($0["id"] as? Int) == 101 })
        let structured = (call["result"] as? [String: Any])?["structuredContent"] as? [String: Any]
        let sentences = try #require(structured?["sentences"] as? [[String: Any]], "\(call)")
        #expect(sentences.first?["status"] as? String == "unapproved")
        // The wrong-typed argument is a tool error naming it; the unknown method a JSON-RPC error.
        let typed = try #require(answers.first { ($0["id"] as? Int) == 9 })
        let typedResult = try #require(typed["result"] as? [String: Any])
        let typedText = ((typedResult["content"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
        #expect(typedResult["isError"] as? Bool == true)
        #expect(typedText.contains("argument 'text' must be a string"), "\(typedText)")
        #expect(answers.contains { ($0["id"] as? Int) == 8 && $0["error"] != nil })
        // The line over --max-message-bytes is answered with the limit named.
        #expect(answers.contains { "\($0)".contains("over the limit of 4096 bytes") })
        #expect(server.isRunning)
        server.closeInput()
        #expect(server.waitForExit(timeout: 30) == 0)
    }
}

extension MCPStdioRobustnessTests {
    /// A client that writes its requests and closes its input at once (a shell pipe) gets every
    /// answer, though the project is still loading when the input ends.
    @Test func answersEveryRequestSentBeforeInputCloses() throws {
        let tessera = try #require(MCPEnvironment.tessera, "tessera is not built: run swift build first")
        let server = try StdioProcess(tessera, ["mcp", "--project", Corpus.packageRoot.path, "--no-watch"])
        defer { server.stop() }
        try server.send(
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"pipe","version":"1"}}}"#
        )
        try server.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        for id in 2...4 {
            try server.send(
                #"{"jsonrpc":"2.0","id":"# + "\(id)" + #","method":"tools/call","params":{"name":"search_claims","arguments":{"market":"US"}}}"#)
        }
        server.closeInput()
        let answers = try server.readUntil(ids: [1, 2, 3, 4], timeout: 60)
        #expect(answers.filter { ($0["result"] as? [String: Any])?["structuredContent"] != nil }.count == 3)
        #expect(server.waitForExit(timeout: 30) == 0)
    }
}

/// `tessera mcp` with pipes on its standard input and output.
final class StdioProcess: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    private var buffer = Data()

    init(_ tessera: URL, _ arguments: [String]) throws {
        process.executableURL = tessera
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        // A server that exits mid-test must fail the test, not end the test process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    func send(_ line: String) throws { try send(bytes: Array((line + "\n").utf8)) }
    func send(bytes: [UInt8]) throws { try input.fileHandleForWriting.write(contentsOf: Data(bytes)) }
    func closeInput() { try? input.fileHandleForWriting.close() }

    /// Reads answer lines until every id has been answered.
    func readUntil(ids: Set<Int>, timeout: TimeInterval) throws -> [[String: Any]] {
        var all: [[String: Any]] = []
        var left = ids
        while let next = left.min() {
            let got = try readUntil(id: next, timeout: timeout)
            all += got
            for a in got { if let i = a["id"] as? Int { left.remove(i) } }
        }
        return all
    }

    /// Reads answer lines until one has the id, or the deadline (then what was read so far fails the caller).
    func readUntil(id: Int, timeout: TimeInterval) throws -> [[String: Any]] {
        var answers: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(timeout)
        let fd = output.fileHandleForReading.fileDescriptor
        while Date() < deadline {
            while let nl = buffer.firstIndex(of: 0x0A) {
                let line = buffer[..<nl]
                buffer = Data(buffer[(nl + 1)...])
                if let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] {
                    answers.append(object)
                    if (object["id"] as? Int) == id { return answers }
                }
            }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 200) > 0 else { continue }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += chunk
        }
        throw MCPTestError("no answer with id \(id) within \(Int(timeout)) s; got \(answers)")
    }

    func waitForExit(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
