import Foundation
import MCP
import Service

/// `tessera mcp`: the server on standard input and output, for one client that started it.
/// It answers `initialize` at once and loads the project meanwhile; then a thread polls the
/// project's files and reloads on change (as `tessera serve` does), so brand edits are seen
/// without a restart. Standard output carries only protocol messages; the log goes to stderr.
package enum StdioServer {
    package struct Options: Sendable {
        package var project: URL
        package var watch = true
        package var watchInterval = 0.3
        package var limits = MCPLimits()
        package init(project: URL) { self.project = project }
    }

    /// Runs until the client closes standard input. Returns the exit status.
    package static func run(_ options: Options) async -> Int32 {
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
        let watcher = Self.load(store, provider: provider, watch: options.watch, interval: options.watchInterval)
        await server.waitUntilCompleted()
        // The client closed its input: answer what it asked before that (a load under way included).
        await transport.waitUntilAnswered(seconds: 60)
        watcher?.stop()
        return 0
    }

    /// Loads the project once, then (when watching) polls its files and reloads on change, on a
    /// thread of its own: the compile never runs on the threads that answer the client.
    static func load(_ store: ProjectStore, provider: ProjectProvider, watch: Bool, interval: Double) -> ProjectWatcher? {
        let firstLoad: @Sendable () -> Void = {
            if let failure = store.reload() { log("the project did not load:\n" + failure.description) }
            provider.firstLoadEnded()
        }
        guard watch else {
            Thread.detachNewThread(firstLoad)
            return nil
        }
        let watcher = ProjectWatcher(root: store.root, interval: interval)
        watcher.start(thread: "tessera.mcp.reload", first: firstLoad) {
            if let failure = store.reload() { log("reload failed (the last good project keeps serving):\n" + failure.description) }
        }
        return watcher
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data("tessera mcp: \(line)\n".utf8))
    }
}
