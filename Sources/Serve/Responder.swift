import Foundation
import HTTPTypes
import Hummingbird
import MCPServer
import NIOCore
import Service

/// What every request shares: the project store, the settings, tokens, metrics and the count of
/// requests in flight.
final class ServerState: @unchecked Sendable {
    let store: ProjectStore
    let limits: ServeLimits
    let tokens: TokenStore?
    let metrics = Metrics()
    let deadlines = Deadlines()
    let log: AccessLog
    let preview: PreviewHub
    /// MCP sessions of `/mcp` (`MCPEndpoint`).
    let mcp: MCPHTTPSessions
    private let lock = NSLock()
    private var inFlight = 0
    private var sequence: UInt64 = 0
    private let idPrefix = String(UInt32.random(in: 0...UInt32.max), radix: 16)

    /// `--cors-origin` values.
    let corsOrigins: [String]

    init(store: ProjectStore, limits: ServeLimits, tokens: TokenStore?, log: AccessLog, preview: PreviewHub, corsOrigins: [String] = []) {
        self.corsOrigins = corsOrigins
        self.store = store
        self.limits = limits
        self.tokens = tokens
        self.log = log
        self.preview = preview
        mcp = MCPHTTPSessions(provider: ProjectProvider(store: store, loaded: true), loopbackOnly: tokens == nil)
    }

    /// Takes a slot for a request; false when `limits.concurrentRequests` are already taken.
    func enter(bypass: Bool) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if !bypass && inFlight >= limits.concurrentRequests { return false }
        inFlight += 1
        return true
    }

    func leave() {
        lock.lock()
        inFlight -= 1
        lock.unlock()
    }

    var requestsInFlight: Int {
        lock.lock()
        defer { lock.unlock() }
        return inFlight
    }

    /// The client's `X-Request-Id` when it is a plain token of at most 128 characters, else a new one.
    func requestID(_ given: String?) -> String {
        if let given, !given.isEmpty, given.utf8.count <= 128,
            given.utf8.allSatisfy({
                (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F
            })
        {
            return given
        }
        lock.lock()
        sequence += 1
        let n = sequence
        lock.unlock()
        return "\(idPrefix)-\(n)"
    }
}

/// The HTTP adapter: routes a request to a `Service` operation, within the limits, and turns
/// the answer or the error into a response. No operation is implemented here.
struct TesseraResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let state: ServerState

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let requestID = state.requestID(request.headers.value(.requestID))
        let origin = CORS.allowedOrigin(request, state.corsOrigins)
        if request.method == .options, let origin {
            var response = CORS.preflight(origin)
            response.headers[.requestID] = requestID
            return response
        }
        var route: Route?
        var project: Project?
        var response: Response
        do {
            response = try await routed(request, route: &route, project: &project)
        } catch let p as Problem {
            response = Self.problem(p)
        } catch let e as ServiceError {
            response = Self.problem(Problem(e))
        } catch {
            // A fault of ours, not the client's: no detail leaves the process but the request id.
            response = Self.problem(Problem(.internalServerError, "internal", "the server failed on this request (request id \(requestID))"))
        }
        if case .preview? = route, response.status == .ok, let tokens = state.tokens, let token = Query(request.uri.query)["access_token"],
            tokens.check(authorization: "Bearer " + token, scope: .preview) == .allowed, !token.contains(";")
        {
            response.headers[.setCookie] = PreviewAccess.cookie(token)
        }
        response.headers[.requestID] = requestID
        if let origin { CORS.annotate(&response, origin) }
        let contextHash = (project ?? state.store.current)?.contextHash
        if let contextHash { response.headers[.tesseraContext] = contextHash }
        record(request, response, route: route, context: contextHash, requestID: requestID, started: started)
        return response
    }

    /// The route's answer, within the limits (concurrency, authorization, request time); `route`
    /// and `project` say what was matched and used, for the response headers and the metrics.
    private func routed(_ request: Request, route: inout Route?, project: inout Project?) async throws -> Response {
        switch Route.match(request.method, request.uri.path) {
        case .none:
            throw Problem(.notFound, "route.unknown", "no endpoint \(request.uri.path) (see /openapi.yaml)")
        case .wrongMethod(let allowed):
            throw Problem(
                .methodNotAllowed, "method.not-allowed", "\(request.method.rawValue) is not allowed here; use \(allowed)",
                headers: [(.allow, allowed)])
        case .found(let r):
            route = r
            guard state.enter(bypass: r.bypassesLimits) else {
                throw Problem(
                    .tooManyRequests, "limit.concurrency",
                    "over the limit of \(state.limits.concurrentRequests) requests at once (--max-concurrent); retry shortly",
                    headers: [(.retryAfter, "1")])
            }
            defer { state.leave() }
            try authorize(r, request)
            project = state.store.current
            let current = project
            if r.bypassesLimits || !r.hasDeadline { return try await handle(r, request, project: current) }
            do {
                return try await state.deadlines.run(seconds: state.limits.requestSeconds) {
                    try await self.handle(r, request, project: current)
                }
            } catch is Deadlines.Expired {
                throw Problem(
                    .serviceUnavailable, "limit.request-time",
                    "the request took longer than the limit of \(state.limits.requestSeconds) seconds (--request-timeout)",
                    headers: [(.retryAfter, "1")])
            }
        }
    }

    /// The request in the metrics and the log.
    private func record(_ request: Request, _ response: Response, route: Route?, context: String?, requestID: String, started: UInt64) {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let routeName = route?.name ?? "unmatched"
        state.metrics.request(route: routeName, status: response.status.code, seconds: seconds)
        state.log.request(
            method: request.method.rawValue, route: routeName, path: request.uri.path, status: response.status.code,
            seconds: seconds, context: context, requestID: requestID)
    }

    private func authorize(_ route: Route, _ request: Request) throws {
        guard let tokens = state.tokens, let scope = route.scope else { return }
        var authorization = request.headers[.authorization]
        if authorization == nil, scope == .preview, let token = PreviewAccess.token(request) {
            // A browser cannot add a header to a page, a frame or an EventSource: the preview
            // also takes the token from its cookie (set by `?access_token=` on any preview page).
            authorization = "Bearer " + token
        }
        switch tokens.check(authorization: authorization, scope: scope) {
        case .allowed: return
        case .unauthenticated:
            throw Problem(
                .unauthorized, "auth.token", "a valid bearer token is required (Authorization: Bearer TOKEN)", headers: [(.wwwAuthenticate, "Bearer")]
            )
        case .forbidden:
            throw Problem(.forbidden, "auth.scope", "the token does not have the '\(scope.rawValue)' scope this endpoint needs")
        }
    }

    private func handle(_ route: Route, _ request: Request, project: Project?) async throws -> Response {
        let endpoints = Endpoints(state: state, request: request)
        switch route {
        case .health: return Self.json(#"{"status":"ok"}"# + "\n")
        case .ready: return endpoints.ready()
        case .metrics:
            let s = state.store.status
            return Self.text(
                state.metrics.text(reloads: s.counts.reloads, failedReloads: s.counts.failed, inFlight: state.requestsInFlight),
                type: "text/plain; version=0.0.4")
        case .openAPI:
            guard let document = OpenAPIDocument.bytes else {
                throw Problem(.serviceUnavailable, "openapi.missing", "openapi.yaml is not in this installation's Tessera_Serve resource bundle")
            }
            return Self.bytes(ByteBuffer(bytes: document), type: "application/yaml")
        case .preview(let path): return try await endpoints.preview(path, project: project)
        case .previewEvents: return endpoints.previewEvents()
        default: break
        }
        let project = try Self.require(project, state)
        switch route {
        case .render: return try await endpoints.render(project)
        case .renderBatch: return try await endpoints.renderBatch(project)
        case .explain: return try await endpoints.explain(project)
        case .claims: return try endpoints.claims(project)
        case .claim(let id): return Self.json(JSONText.render(ClaimsJSON.json(try project.claim(id: id))) + "\n")
        case .brand: return Self.json(JSONText.render(project.brandSummary()) + "\n")
        case .templates: return Self.json(JSONText.render(project.templateList()) + "\n")
        case .blocks: return Self.json(JSONText.render(project.blockList()) + "\n")
        case .lint: return try await endpoints.lint(project)
        case .mcp: return try await endpoints.mcp()
        default: throw Problem(.notFound, "route.unknown", "no endpoint \(request.uri.path)")
        }
    }

    /// The project, or 503 when none has loaded yet (with the load's errors).
    static func require(_ project: Project?, _ state: ServerState) throws -> Project {
        if let project { return project }
        let errors = state.store.status.errors
        throw Problem(
            .serviceUnavailable, "project.not-loaded",
            "no project is loaded" + (errors.isEmpty ? " yet" : ": " + errors.prefix(5).joined(separator: "; ")),
            location: errors.first.flatMap(Project.location(in:)), headers: [(.retryAfter, "1")])
    }

    static func problem(_ p: Problem) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        for (name, value) in p.headers { headers[name] = value }
        return Response(status: p.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: p.error.json + "\n")))
    }

    static func json(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        bytes(ByteBuffer(string: body), type: "application/json", status: status)
    }

    static func text(_ body: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        bytes(ByteBuffer(string: body), type: type, status: status)
    }

    static func bytes(_ body: ByteBuffer, type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}
