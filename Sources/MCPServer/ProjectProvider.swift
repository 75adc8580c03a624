import Foundation
import Service

/// Where the MCP handlers get the project from: the store's current one, once the first load
/// has ended. A stdio server answers `initialize` at once and loads meanwhile; a tool call that
/// comes before the load has ended waits for it.
package final class ProjectProvider: @unchecked Sendable {
    package let store: ProjectStore
    private let lock = NSLock()
    private var settled: Bool
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// `loaded`: the store has already been loaded once (tessera serve loads before it listens).
    package init(store: ProjectStore, loaded: Bool) {
        self.store = store
        settled = loaded
    }

    /// Marks the first load as ended (loaded or failed) and wakes the calls that wait for it.
    package func firstLoadEnded() {
        lock.lock()
        settled = true
        let woken = waiters
        waiters = []
        lock.unlock()
        for w in woken { w.resume() }
    }

    /// The project serving now, or an error with the load's first errors when none compiled.
    func project() async throws(ServiceError) -> Project {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            lock.lock()
            if settled {
                lock.unlock()
                c.resume()
            } else {
                waiters.append(c)
                lock.unlock()
            }
        }
        if let p = store.current { return p }
        let errors = store.status.errors
        throw ServiceError(
            .unavailable, "project.not-loaded",
            "no project is loaded: " + (errors.isEmpty ? "the project at \(store.root.path) did not load" : errors.prefix(5).joined(separator: "; ")),
            location: errors.first.flatMap(Project.location(in:)))
    }
}
