import Foundation

/// Watches `brand/`, `templates/` and `blocks/` for changes by polling: every `interval` it lists
/// the files with their sizes and modification times and compares a fingerprint. Polling is
/// portable (Linux and macOS, local disks and mounted folders alike) and a listing of a project
/// costs well under a millisecond; a save is seen within one interval.
package final class ProjectWatcher: @unchecked Sendable {
    package let root: URL
    package let interval: Double
    private var last: Fingerprint
    private let stopLock = NSLock()
    private var stopped = false

    struct Fingerprint: Equatable {
        var files: [String: FileStamp] = [:]
    }
    struct FileStamp: Equatable {
        var size: Int64
        var modified: Int64
    }

    package init(root: URL, interval: Double = 0.3) {
        self.root = root
        self.interval = interval
        last = Self.fingerprint(root)
    }

    /// True when something changed since the previous call (or since `init`).
    package func changed() -> Bool {
        let now = Self.fingerprint(root)
        defer { last = now }
        return now != last
    }

    /// Polls until `stop` returns true, calling `onChange` after each change (on this thread).
    package func run(until stop: () -> Bool, onChange: () -> Void) {
        while !stop() {
            Thread.sleep(forTimeInterval: interval)
            if changed() { onChange() }
        }
    }

    /// Runs `first` and then polls until `stop()`, on a thread of its own named `name`, calling
    /// `onChange` there after each change: a project's compile never runs on the threads that
    /// answer requests (the live transports' hot reload). The listing `changed()` compares with
    /// was taken in `init`, so a save during `first` (the first load, say) is seen.
    package func start(thread name: String, first: @escaping @Sendable () -> Void = {}, onChange: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            first()
            run(until: { isStopped }, onChange: onChange)
        }
        thread.name = name
        thread.start()
    }

    /// Ends the polling of `start(thread:)` after its current interval.
    package func stop() {
        stopLock.lock()
        stopped = true
        stopLock.unlock()
    }

    private var isStopped: Bool {
        stopLock.lock()
        defer { stopLock.unlock() }
        return stopped
    }

    static func fingerprint(_ root: URL) -> Fingerprint {
        var f = Fingerprint()
        for folder in ["brand", "templates", "blocks"] {
            let base = root.appendingPathComponent(folder).path
            guard let walker = FileManager.default.enumerator(atPath: base) else { continue }
            for case let rel as String in walker where !Self.isScratch(rel) {
                var st = stat()
                guard stat(base + "/" + rel, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
                #if os(Linux)
                let modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
                #else
                let modified = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
                #endif
                f.files[folder + "/" + rel] = FileStamp(size: Int64(st.st_size), modified: modified)
            }
        }
        return f
    }

    /// Hidden files and editors' backups (`.name.swp`, `name~`, the temporary file of an atomic
    /// save) are not the project: a save seen half-way (its temporary file present, the file not
    /// yet renamed) would otherwise start a reload of the old text, counted as a second reload.
    static func isScratch(_ relativePath: String) -> Bool {
        let name = relativePath.split(separator: "/").last ?? ""
        return name.hasPrefix(".") || name.hasSuffix("~")
    }
}
