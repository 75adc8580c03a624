import Foundation
import HTTPTypes
import Service

/// An error answer: a status and the body `{"error": {"code", "message", "location"?}}`,
/// sometimes with headers (`Retry-After`, `WWW-Authenticate`, `Allow`).
struct Problem: Error, Sendable {
    var status: HTTPResponse.Status
    var error: ServiceError
    var headers: [(HTTPField.Name, String)] = []

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, location: String? = nil, headers: [(HTTPField.Name, String)] = []) {
        self.status = status
        error = ServiceError(.badRequest, code, message, location: location)
        self.headers = headers
    }

    /// An operation's error, with the status its kind calls for.
    init(_ e: ServiceError) {
        error = e
        switch e.kind {
        case .badRequest: status = .badRequest
        case .notFound: status = .notFound
        case .unprocessable: status = .unprocessableContent
        case .tooLarge: status = .contentTooLarge
        case .unavailable: status = .serviceUnavailable
        }
    }

    static func tooLarge(_ limit: Int, flag: String) -> Problem {
        Problem(.contentTooLarge, "request.too-large", "the request body is over the limit of \(limit) bytes (\(flag))")
    }
}

extension HTTPField.Name {
    static let tesseraContext = HTTPField.Name("Tessera-Context")!
    static let tesseraStatus = HTTPField.Name("Tessera-Status")!
    static let requestID = HTTPField.Name("X-Request-Id")!
}
