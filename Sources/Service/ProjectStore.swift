import Foundation

/// The project a live process serves, swapped atomically on reload. A caller takes `current`
/// once per request and keeps that `Project` to the end, so a request never sees two projects.
/// A reload that fails keeps the last good project and records why (`status`).
package final class ProjectStore: @unchecked Sendable {
    package let root: URL
    /// Where each load writes the brand context (one file per process: a reload renames a new
    /// database over it, and projects still serving keep reading the one they opened).
    package let database: URL
    private let lock = NSLock()
    private var project: Project?
    private var lastFailure: ProjectLoadFailure?
    private var lastAttempt: Date?
    private var counts = ReloadCounts()
    /// One reload at a time (the watcher and an explicit call may meet).
    private let reloading = NSLock()

    package struct ReloadCounts: Sendable {
        /// Successful loads after the first.
        package var reloads = 0
        /// Loads that did not compile (the last good project kept serving).
        package var failed = 0
    }

    /// What `/readyz` reports.
    package struct Status: Sendable {
        package var project: Project?
        /// The errors of the latest load when it failed (`file:line:col: error: …`), else empty.
        package var errors: [String]
        package var lastAttempt: Date?
        package var counts: ReloadCounts
    }

    package init(root: URL, database: URL? = nil) {
        self.root = root.standardizedFileURL
        self.database =
            database
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("tessera-serve-\(getpid())-\(UUID().uuidString.prefix(8))").appendingPathComponent("context.sqlite")
    }

    /// The project serving now (nil until a load has succeeded).
    package var current: Project? {
        lock.lock()
        defer { lock.unlock() }
        return project
    }

    package var status: Status {
        lock.lock()
        defer { lock.unlock() }
        return Status(project: project, errors: lastFailure?.lines ?? [], lastAttempt: lastAttempt, counts: counts)
    }

    /// Loads the project from disk and, if it compiles, swaps it in. Returns the failure otherwise.
    @discardableResult
    package func reload() -> ProjectLoadFailure? {
        reloading.lock()
        defer { reloading.unlock() }
        try? FileManager.default.createDirectory(at: database.deletingLastPathComponent(), withIntermediateDirectories: true)
        let result = Project.load(root: root, database: database)
        lock.lock()
        defer { lock.unlock() }
        lastAttempt = Date()
        switch result {
        case .success(let loaded):
            if project != nil { counts.reloads += 1 }
            project = loaded
            lastFailure = nil
            return nil
        case .failure(let failure):
            if project != nil { counts.failed += 1 }
            lastFailure = failure
            return failure
        }
    }

    /// Removes the per-process context database (on shutdown).
    package func removeScratch() {
        try? FileManager.default.removeItem(at: database.deletingLastPathComponent())
    }
}
