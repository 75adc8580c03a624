import Foundation
import TestSupport
import Testing

/// The MCP server driven by the official Python MCP SDK as a real client (Tests/MCPTests/mcp_client.py),
/// over stdio (`tessera mcp`) and over Streamable HTTP (`/mcp` on `tessera serve`). The script's
/// checks are listed in its docstring; here its exit status and closing line are asserted.
@Suite(.serialized) struct MCPClientTests {
    // Without python3 + mcp + jsonschema the tests are disabled (reported as skipped, never as
    // passed). CI sets TESSERA_REQUIRE_MCP=1, which keeps them enabled so a missing package fails.
    @Test(.enabled(if: MCPEnvironment.missing == nil || MCPEnvironment.required, MCPEnvironment.skipNote))
    func officialPythonClientOverStdio() throws {
        try MCPEnvironment.requireAll()
        let tessera = try #require(MCPEnvironment.tessera)
        let scratch = try MCPEnvironment.projectCopy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = try ChildProcess.run(
            MCPEnvironment.python, [MCPEnvironment.script.path, "--stdio", tessera.path, "--project", scratch.path, "--edit-project"],
            logs: scratch, name: "client", timeout: 240)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr.suffix(3000))")
        #expect(run.stdout.contains(" passed, 0 failed"), "\(run.stdout)")
        #expect(run.stdout.contains("ok - a brand edit is served without a restart"), "\(run.stdout)")
    }

    @Test(.enabled(if: MCPEnvironment.missing == nil || MCPEnvironment.required, MCPEnvironment.skipNote))
    func officialPythonClientOverStreamableHTTP() throws {
        try MCPEnvironment.requireAll()
        let tessera = try #require(MCPEnvironment.tessera)
        let scratch = try MCPEnvironment.projectCopy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let token = "mcp-test-token-0123456789"
        let tokens = scratch.appendingPathComponent("tokens")
        try "read,lint \(token)\nread read-only-token-0123456789\n".write(to: tokens, atomically: true, encoding: .utf8)
        let server = try ServeProcess(tessera, ["serve", "--project", scratch.path, "--port", "0", "--no-watch", "--tokens", tokens.path])
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/mcp"
        let run = try ChildProcess.run(
            MCPEnvironment.python, [MCPEnvironment.script.path, "--http", url, "--token", token], logs: scratch, name: "client", timeout: 240)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr.suffix(3000))")
        #expect(run.stdout.contains(" passed, 0 failed"), "\(run.stdout)")
        // A token without the lint scope, and no token, are refused before any MCP message is read.
        #expect(
            try HTTP.post(port: server.port, "/mcp", token: "read-only-token-0123456789", body: #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#).status
                == 403)
        #expect(try HTTP.post(port: server.port, "/mcp", token: nil, body: #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#).status == 401)
    }
}
