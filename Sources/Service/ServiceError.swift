/// What went wrong with an operation, in terms any transport can report: a stable `code`
/// (`template.unknown`, `record.invalid-json`, …), a sentence for a person, the place in the
/// user's input when there is one (`file:line:col`, `line 1:17`, or a parameter name), and a
/// `kind` that says whose fault it is (HTTP maps it to a status, MCP and the LSP to theirs).
package struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: String, Sendable {
        /// The request is malformed (bad parameter, unreadable body).
        case badRequest
        /// A named thing (template, claim, recipient) does not exist.
        case notFound
        /// The request is well formed but cannot be acted on (a lint path outside the project).
        case unprocessable
        /// The input exceeds a limit (body size, record size).
        case tooLarge
        /// No project is loaded yet, or the one on disk does not compile and none was before.
        case unavailable
    }

    package var kind: Kind
    package var code: String
    package var message: String
    package var location: String?

    package init(_ kind: Kind, _ code: String, _ message: String, location: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.location = location
    }

    package var description: String { (location.map { "\($0): " } ?? "") + "\(code): \(message)" }

    /// The error as `{"error": {"code", "message", "location"?}}`.
    package var json: String {
        var pairs: [(String, JSONText)] = [("code", .string(code)), ("message", .string(message))]
        if let location { pairs.append(("location", .string(location))) }
        return JSONText.compact(.object([("error", .object(pairs))]))
    }
}
