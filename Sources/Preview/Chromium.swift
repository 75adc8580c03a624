import Foundation

/// Headless Chromium for thumbnails: found on PATH or in Debian's usual places, driven through its
/// command line (`--screenshot`), several at a time.
package enum Chromium {
    package static let missingMessage =
        "--screenshots needs headless Chromium, which was not found (looked on PATH for chromium, chromium-headless-shell, chromium-browser, google-chrome and in /usr/lib/chromium). Install it with: apt-get install chromium   (or set TESSERA_CHROMIUM to its path)"

    /// The browser to run: `$TESSERA_CHROMIUM`, then the names on PATH, then common locations.
    package static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let fm = FileManager.default
        if let p = environment["TESSERA_CHROMIUM"], !p.isEmpty { return fm.isExecutableFile(atPath: p) ? URL(fileURLWithPath: p) : nil }
        // Debian's /usr/bin/chromium is a shell wrapper; the binary behind it starts the same way.
        let fixed = ["/usr/lib/chromium/chromium", "/usr/lib/chromium-headless-shell/chromium-headless-shell"]
        let names = ["chromium", "chromium-headless-shell", "chromium-browser", "google-chrome", "google-chrome-stable", "headless_shell"]
        for f in fixed where fm.isExecutableFile(atPath: f) { return URL(fileURLWithPath: f) }
        for dir in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            for n in names {
                let p = "\(dir)/\(n)"
                if fm.isExecutableFile(atPath: p) { return URL(fileURLWithPath: p) }
            }
        }
        for f in ["/snap/bin/chromium", "/opt/google/chrome/chrome"] where fm.isExecutableFile(atPath: f) { return URL(fileURLWithPath: f) }
        return nil
    }

    /// Arguments for a headless run; the headless shell has only the one headless mode.
    package static func arguments(_ chromium: URL, width: Int, height: Int) -> [String] {
        let headless = chromium.lastPathComponent.contains("headless") ? "--headless" : "--headless=new"
        return [
            headless, "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-dev-shm-usage", "--mute-audio",
            // Offline: remote images in messages fail at once instead of waiting on DNS.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
            "--window-size=\(width),\(height)", "--virtual-time-budget=5000",
        ]
    }

    /// Screenshots `url` into `png` at a window size; throws with Chromium's output when no file appears.
    package static func screenshot(_ chromium: URL, url: URL, png: URL, width: Int, height: Int, extra: [String] = []) throws {
        try? FileManager.default.removeItem(at: png)
        let p = Process()
        p.executableURL = chromium
        p.arguments = arguments(chromium, width: width, height: height) + extra + ["--screenshot=\(png.path)", url.absoluteString]
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let text = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard FileManager.default.fileExists(atPath: png.path) else {
            throw PreviewError.noScreenshot(
                page: url.path, exitStatus: p.terminationStatus, stderr: String(decoding: text.suffix(400), as: UTF8.self))
        }
    }

    /// One PNG per permutation, `p/ID.png`: the message at 600 px and at 375 px side by side.
    /// Returns id → path relative to the folder. `progress` is told after each screenshot
    /// (done, total, id), one call at a time, from the threads that take them.
    package static func thumbnails(
        _ r: PreviewResult, folder: URL, chromium: URL, parallel: Int = 3, log: (String) -> Void,
        progress: @escaping @Sendable (_ done: Int, _ total: Int, _ id: String) -> Void = { _, _, _ in }
    ) throws -> [String: String] {
        let perms = folder.appendingPathComponent("p")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-preview-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let jobs = r.permutations.map(\.id)
        log("screenshots: \(jobs.count) permutations with \(chromium.path)")
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, parallel)
        let failures = Failures()
        let finished = Counter()
        for id in jobs {
            let page = work.appendingPathComponent("\(id).html")
            let message = perms.appendingPathComponent("\(id).html").absoluteString
            let html = """
                <!doctype html><meta charset="utf-8"><style>body{margin:0;background:#e9edeb;display:flex;gap:16px;padding:0 8px}iframe{border:0;background:#fff;height:1000px}</style>
                <iframe src="\(message)" width="600"></iframe><iframe src="\(message)" width="375"></iframe>
                """
            try PreviewFiles.save(html, page)
            queue.addOperation {
                do { try screenshot(chromium, url: page, png: perms.appendingPathComponent("\(id).png"), width: 1007, height: 1000) } catch {
                    failures.add("\(id): \(error)")
                }
                finished.increment { progress($0, jobs.count, id) }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        if let first = failures.list.first { throw PreviewError.screenshotsFailed(count: failures.list.count, first: first) }
        return Dictionary(uniqueKeysWithValues: jobs.map { ($0, "p/\($0).png") })
    }

    /// Screenshots taken so far; `increment` runs its closure under the lock, so progress
    /// lines come out whole and in order.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment(_ then: (Int) -> Void) { lock.lock(); count += 1; then(count); lock.unlock() }
    }

    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var list: [String] = []
        func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    }
}
