import Foundation
import MCP

/// MCP over Streamable HTTP in its JSON-response mode, for `tessera serve` at `/mcp`:
/// a POST carries one JSON-RPC message and is answered with one JSON response (202 for a
/// notification); `initialize` opens a session whose id comes back in `Mcp-Session-Id` and
/// must be sent with every later request; DELETE ends it; GET answers 405 (no server-initiated
/// stream: the server sends no notifications).
///
/// The SDK's `StatelessHTTPServerTransport` does the JSON-response mode for one `Server`, but a
/// `Server` accepts `initialize` once and matches answers by JSON-RPC id, so it cannot be
/// shared by clients; its `StatefulHTTPServerTransport` keeps sessions but answers every POST
/// as a server-sent-event stream. This keeps one `Server` on a stateless transport per session.
package actor MCPHTTPSessions {
    struct Session {
        let server: Server
        let transport: StatelessHTTPServerTransport
        var lastUsed: Date
    }

    let provider: ProjectProvider
    let limits: MCPLimits
    /// Sessions kept at once (`--max-mcp-sessions`); past it the least recently used one ends.
    package let maxSessions: Int
    /// A session unused this long ends.
    package let idleSeconds: Double
    /// Host and Origin checks against DNS rebinding when the server listens on loopback only.
    let loopbackOnly: Bool
    private var sessions: [String: Session] = [:]

    package init(provider: ProjectProvider, limits: MCPLimits = MCPLimits(), maxSessions: Int = 256, idleSeconds: Double = 1800, loopbackOnly: Bool) {
        self.provider = provider
        self.limits = limits
        self.maxSessions = max(1, maxSessions)
        self.idleSeconds = idleSeconds
        self.loopbackOnly = loopbackOnly
    }

    package var count: Int { sessions.count }

    /// Answers one HTTP request to the MCP endpoint. `headers` are matched without regard to case.
    package func handle(method: String, headers: [String: String], body: Data?) async -> HTTPResponse {
        let request = MCP.HTTPRequest(method: method, headers: headers, body: body, path: "/mcp")
        let sessionID = request.header(HTTPHeaderName.sessionID)
        switch method.uppercased() {
        case "POST":
            if let body, Self.isInitialize(body) {
                return await open(request)
            }
            guard let sessionID else {
                return .error(
                    statusCode: 400, .invalidRequest("Bad Request: the Mcp-Session-Id header is required; send initialize first to open a session"))
            }
            guard var session = sessions[sessionID] else {
                return .error(
                    statusCode: 404, .invalidRequest("Not Found: no session '\(sessionID.prefix(64))' (it ended or expired); send initialize again"))
            }
            session.lastUsed = Date()
            sessions[sessionID] = session
            return Self.withSession(await session.transport.handleRequest(request), sessionID)
        case "DELETE":
            guard let sessionID, let session = sessions.removeValue(forKey: sessionID) else {
                return .error(statusCode: 404, .invalidRequest("Not Found: no such session"))
            }
            await session.server.stop()
            return .ok()
        default:
            return .error(
                statusCode: 405, .invalidRequest("Method Not Allowed: POST JSON-RPC messages (this server opens no event stream)"),
                extraHeaders: [HTTPHeaderName.allow: "POST, DELETE"])
        }
    }

    /// Ends every session (shutdown).
    package func closeAll() async {
        let all = sessions.values
        sessions = [:]
        for s in all { await s.server.stop() }
    }

    private func open(_ request: MCP.HTTPRequest) async -> HTTPResponse {
        await expire()
        if sessions.count >= maxSessions, let oldest = sessions.min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
            sessions[oldest.key] = nil
            await oldest.value.server.stop()
        }
        let validation = StandardValidationPipeline(validators: [
            loopbackOnly ? OriginValidator.localhost() : OriginValidator.disabled,
            AcceptHeaderValidator(mode: .jsonOnly), ContentTypeValidator(), ProtocolVersionValidator(),
        ])
        let transport = StatelessHTTPServerTransport(validationPipeline: validation)
        let server = await TesseraMCP.makeServer(provider: provider, limits: limits)
        do {
            try await server.start(transport: transport)
        } catch {
            return .error(statusCode: 500, .internalError("the session could not start"))
        }
        let response = await transport.handleRequest(request)
        guard response.statusCode == 200 else {
            await server.stop()
            return response
        }
        let id = UUID().uuidString.lowercased()
        sessions[id] = Session(server: server, transport: transport, lastUsed: Date())
        return Self.withSession(response, id)
    }

    private func expire() async {
        let cutoff = Date().addingTimeInterval(-idleSeconds)
        for (id, s) in sessions where s.lastUsed < cutoff {
            sessions[id] = nil
            await s.server.stop()
        }
    }

    static func withSession(_ r: HTTPResponse, _ id: String) -> HTTPResponse {
        switch r {
        case .accepted(var h): h[HTTPHeaderName.sessionID] = id; return .accepted(headers: h)
        case .ok(var h): h[HTTPHeaderName.sessionID] = id; return .ok(headers: h)
        case .data(let d, var h): h[HTTPHeaderName.sessionID] = id; return .data(d, headers: h)
        case .stream(let s, var h): h[HTTPHeaderName.sessionID] = id; return .stream(s, headers: h)
        case .error(let code, let e, _, let extra): return .error(statusCode: code, e, sessionID: id, extraHeaders: extra)
        }
    }

    /// A JSON-RPC request whose method is `initialize` (one message, not a batch).
    static func isInitialize(_ body: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return false }
        return object["method"] as? String == "initialize" && object["id"] != nil
    }
}
