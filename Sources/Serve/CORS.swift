import HTTPTypes
import Hummingbird

/// Cross-origin calls from web pages (`--cors-origin`): a page of an allowed origin may call the
/// API with `fetch` (e.g. `examples/web/` fetching its slots). Preflights are answered before
/// routing and tokens (browsers send none on a preflight); the real request is checked as usual.
enum CORS {
    /// The request's `Origin` when it is allowed (echoed back), else nil.
    static func allowedOrigin(_ request: Request, _ allowed: [String]) -> String? {
        guard !allowed.isEmpty, let origin = request.headers[.origin] else { return nil }
        return allowed.contains("*") || allowed.contains(origin) ? origin : nil
    }

    static func preflight(_ origin: String) -> Response {
        var response = Response(status: .noContent)
        annotate(&response, origin)
        response.headers[.accessControlAllowMethods] = "GET, POST"
        response.headers[.accessControlAllowHeaders] = "Authorization, Content-Type, Accept, X-Request-Id"
        response.headers[.accessControlMaxAge] = "600"
        return response
    }

    static func annotate(_ response: inout Response, _ origin: String) {
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = "Tessera-Context, Tessera-Status, X-Request-Id"
        response.headers[.vary] = "Origin"
    }
}
