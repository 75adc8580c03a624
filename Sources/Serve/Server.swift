import Foundation
import Hummingbird
import Logging
import NIOCore
import Service
import ServiceLifecycle

/// `tessera serve`: loads the project, listens, reloads on change, and stops gracefully on
/// SIGTERM or SIGINT (stops accepting, finishes the requests in flight, exits 0).
package enum TesseraServer {
    /// Runs until a signal stops it. Returns the exit status; a reason not to start is thrown
    /// before anything listens.
    package static func run(_ config: ServeConfiguration) async throws -> Int32 {
        let tokens = try loadTokens(config)
        if tokens == nil && !HostCheck.isLoopback(config.host) {
            throw ServeStartError(
                "--host \(config.host) is not a loopback address: without --tokens FILE the server only listens on 127.0.0.1, ::1 or localhost (anyone who can reach it could render and read the brand); give --tokens, or use --host 127.0.0.1"
            )
        }
        guard (0...65535).contains(config.port) else { throw ServeStartError("--port expects 0 (any free port) to 65535, found \(config.port)") }
        guard FileManager.default.fileExists(atPath: config.project.appendingPathComponent("brand").path) else {
            throw ServeStartError("--project \(config.project.path) has no brand/ folder (expected brand/, templates/ and blocks/)")
        }
        // A client that goes away mid-batch must not end the process through a write to its pipe.
        signal(SIGPIPE, SIG_IGN)

        let store = ProjectStore(root: config.project)
        defer { store.removeScratch() }
        let firstLoad = store.reload()
        let log = AccessLog()
        let state = ServerState(
            store: store, limits: config.limits, tokens: tokens, log: log, preview: PreviewHub(),
            corsOrigins: config.corsOrigins)
        var logger = Logger(label: "tessera.serve")
        logger.logLevel = .error
        let processHandler = logger.handler
        var serverLogger = Logger(label: "tessera.serve") { _ in ServerLogHandler(processHandler) }
        serverLogger.logLevel = .error
        let host = config.host
        let app = Application(
            responder: TesseraResponder(state: state),
            configuration: .init(address: .hostname(host, port: config.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? config.port
                let shown = host.contains(":") ? "[\(host)]" : host
                FileHandle.standardError.write(Data("tessera serve: listening on http://\(shown):\(port)\n".utf8))
                if let firstLoad {
                    log.event([("event", .string("load.failed")), ("errors", .strings(firstLoad.lines))])
                }
            },
            logger: serverLogger
        )
        let watcher = config.watch ? Self.watch(store, interval: config.watchInterval, log: log, preview: state.preview) : nil
        defer { watcher?.stop() }
        defer { log.flush() }
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        return 0
    }

    /// Polls the project's files on a thread of their own and reloads on change: the compile runs
    /// there, off the request threads, and the store swaps the new project in when it compiles.
    static func watch(_ store: ProjectStore, interval: Double, log: AccessLog, preview: PreviewHub) -> ProjectWatcher {
        let watcher = ProjectWatcher(root: store.root, interval: interval)
        watcher.start(thread: "tessera.serve.watch") {
            if let failure = store.reload() {
                log.event([("event", .string("reload.failed")), ("errors", .strings(failure.lines))])
            } else {
                log.event([("event", .string("reload")), ("context", .string(store.current?.contextHash ?? ""))])
            }
            preview.changed()
        }
        return watcher
    }

    static func loadTokens(_ config: ServeConfiguration) throws -> TokenStore? {
        guard let file = config.tokensFile else { return nil }
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw ServeStartError("--tokens \(file): cannot read the file (expected lines of 'SCOPES TOKEN')")
        }
        return try TokenStore.parse(text, file: file)
    }
}
