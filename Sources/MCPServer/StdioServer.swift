import Foundation
import MCP
import Service

/// `tessera mcp`: the server on standard input and output, for one client that started it.
/// It answers `initialize` at once and loads the project meanwhile; then a thread polls the
/// project's files and reloads on change (as `tessera serve` does), so brand edits are seen
/// without a restart. Standard output carries only protocol messages; the log goes to stderr.
public enum StdioServer {
    public struct Options: Sendable {
        public var project: URL
        public var watch = true
        public var watchInterval = 0.3
        public var limits = MCPLimits()
        public init(project: URL) { self.project = project }
    }

    /// Runs until the client closes standard input. Returns the exit status.
    public static func run(_ options: Options) async -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let store = ProjectStore(root: options.project)
        defer { store.removeScratch() }
        let provider = ProjectProvider(store: store, loaded: false)
        let server = await TesseraMCP.makeServer(provider: provider, limits: options.limits)
        let transport = LineTransport(maxLineBytes: options.limits.messageBytes)
        do {
            try await server.start(transport: transport)
        } catch {
            log("cannot start: \(error)")
            return 1
        }
        let watcher = ReloadThread(store: store, provider: provider, watch: options.watch, interval: options.watchInterval)
        watcher.start()
        await server.waitUntilCompleted()
        // The client closed its input: answer what it asked before that (a load under way included).
        await transport.waitUntilAnswered(seconds: 60)
        watcher.stop()
        return 0
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data("tessera mcp: \(line)\n".utf8))
    }
}

/// Loads the project once, then (when watching) polls its files and reloads on change, on its
/// own thread: the compile never runs on the threads that answer the client.
final class ReloadThread: @unchecked Sendable {
    let store: ProjectStore
    let provider: ProjectProvider
    let watch: Bool
    let interval: Double
    private let lock = NSLock()
    private var stopped = false

    init(store: ProjectStore, provider: ProjectProvider, watch: Bool, interval: Double) {
        self.store = store
        self.provider = provider
        self.watch = watch
        self.interval = interval
    }

    func start() {
        let thread = Thread { [self] in
            // The watcher's first listing is taken before the load, so a save during it is seen.
            let watcher = watch ? ProjectWatcher(root: store.root, interval: interval) : nil
            if let failure = store.reload() {
                StdioServer.log("the project did not load:\n" + failure.description)
            }
            provider.firstLoadEnded()
            watcher?.run(until: { isStopped }) {
                if let failure = store.reload() {
                    StdioServer.log("reload failed (the last good project keeps serving):\n" + failure.description)
                }
            }
        }
        thread.name = "tessera.mcp.reload"
        thread.start()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }
}
