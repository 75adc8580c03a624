import ArgumentParser
import Foundation
import Serve

/// `tessera serve` — the project held compiled in one process, answering over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve renders, claims, the brand, lint and a live preview over HTTP, reloading the project on change.",
        discussion: """
            Loads brand/, templates/ and blocks/ once and answers JSON over HTTP (docs/serve.md, openapi.yaml): POST /v1/render (one recipient, the record `tessera render` writes for it; Accept: text/html for the HTML; slots=hero,promo for fragments), POST /v1/render/batch (NDJSON in and out), POST /v1/explain, GET /v1/claims, GET /v1/claims/ID, GET /v1/brand, GET /v1/templates, GET /v1/blocks, POST /v1/lint, GET /healthz, /readyz, /metrics, /openapi.yaml, and the live preview at /preview/.

            Changes under brand/, templates/ and blocks/ are compiled in the background and swapped in (a change that does not compile keeps the last good project and shows its errors on /readyz). The first line on standard error is `tessera serve: listening on http://HOST:PORT`; then one JSON line per request. SIGTERM or SIGINT stops accepting, finishes the requests in flight and exits 0.

            Without --tokens the server only listens on loopback. --tokens FILE holds one `SCOPES TOKEN` a line (scopes: render, read, lint, preview, or *), sent as Authorization: Bearer TOKEN.

            Examples:
              tessera serve
              tessera serve --port 0 --no-watch
              tessera serve --host 0.0.0.0 --tokens /etc/tessera/tokens
            """
    )

    @Option(help: "Project folder holding brand/, templates/ and blocks/.") var project: String = "."
    @Option(help: "Address to listen on (without --tokens: loopback only).") var host: String = "127.0.0.1"
    @Option(help: "Port; 0 picks a free one.") var port: Int = 8080
    @Option(help: "Bearer tokens file: one 'SCOPES TOKEN' a line.") var tokens: String?
    @Flag(help: "Do not watch the project for changes.") var noWatch = false
    @Option(help: "Largest request body in bytes (413 past it).") var maxBodyBytes: Int = 1 << 20
    @Option(help: "Largest POST /v1/render/batch stream in bytes.") var maxBatchBytes: Int = 256 << 20
    @Option(help: "Requests handled at once; one more is answered 429 with Retry-After.") var maxConcurrent: Int = 64
    @Option(help: "Seconds a request may take before it is answered 503.") var requestTimeout: Double = 10
    @Option(help: "Largest batch line in bytes (as render --max-record-bytes).") var maxRecordBytes: Int = 1 << 20
    @Option(help: "Seconds between two looks at the project's files.") var watchInterval: Double = 0.3
    @Option(help: "An origin whose web pages may call the API from a browser (CORS), e.g. https://www.example.com; repeatable; * for any.")
    var corsOrigin: [String] = []

    func validate() throws {
        for (flag, value) in [
            ("--max-body-bytes", maxBodyBytes), ("--max-batch-bytes", maxBatchBytes), ("--max-concurrent", maxConcurrent),
            ("--max-record-bytes", maxRecordBytes),
        ] where value < 1 {
            throw ValidationError("\(flag) must be at least 1, found \(value)")
        }
        guard requestTimeout > 0, requestTimeout.isFinite else {
            throw ValidationError("--request-timeout must be a positive number of seconds, found \(requestTimeout)")
        }
        guard watchInterval >= 0.05, watchInterval.isFinite else {
            throw ValidationError("--watch-interval must be at least 0.05 seconds, found \(watchInterval)")
        }
    }

    func run() async throws {
        var config = ServeConfiguration(project: URL(fileURLWithPath: project))
        config.host = host
        config.port = port
        config.tokensFile = tokens
        config.watch = !noWatch
        config.watchInterval = watchInterval
        config.limits.bodyBytes = maxBodyBytes
        config.limits.batchBytes = maxBatchBytes
        config.limits.concurrentRequests = maxConcurrent
        config.limits.requestSeconds = requestTimeout
        config.limits.recordBytes = maxRecordBytes
        config.corsOrigins = corsOrigin
        do {
            let status = try await TesseraServer.run(config)
            if status != 0 { throw ExitCode(status) }
        } catch let e as ServeStartError {
            printError("error: \(e.description)")
            throw ExitCode(2)
        }
    }
}
