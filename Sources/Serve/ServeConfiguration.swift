import Foundation

/// The settings of `tessera serve`, with the defaults its flags document.
package struct ServeConfiguration: Sendable {
    package var project: URL
    package var host = "127.0.0.1"
    /// 0 picks a free port.
    package var port = 8080
    /// `SCOPES TOKEN` lines; nil: no authentication, and loopback only.
    package var tokensFile: String?
    /// Poll `brand/`, `templates/` and `blocks/` and reload on change.
    package var watch = true
    /// Seconds between two looks at the project's files.
    package var watchInterval = 0.3
    package var limits = ServeLimits()
    /// Origins whose web pages may call the API from a browser (`--cors-origin`, repeatable;
    /// `*` for any). Empty: no CORS headers, so browsers keep other sites' pages out.
    package var corsOrigins: [String] = []

    package init(project: URL) { self.project = project }
}

/// What one client can make the server do; each has a flag.
package struct ServeLimits: Sendable {
    /// Bytes of a request body (`--max-body-bytes`, 413 past it); a batch has its own.
    package var bodyBytes = 1 << 20
    /// Bytes of a `POST /v1/render/batch` stream (`--max-batch-bytes`).
    package var batchBytes = 256 << 20
    /// Requests handled at once (`--max-concurrent`); one more is answered 429 with `Retry-After`.
    package var concurrentRequests = 64
    /// Seconds a request may take before it is answered 503 (`--request-timeout`); a batch's
    /// stream, once started, is not cut.
    package var requestSeconds = 10.0
    /// Bytes of one batch line (as `tessera render --max-record-bytes`).
    package var recordBytes = 1 << 20

    package init() {}
}

/// Why the server will not start: a sentence that names the flag.
package struct ServeStartError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}

enum HostCheck {
    /// Loopback names and addresses (the only ones allowed without `--tokens`).
    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" { return true }
        let parts = h.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
