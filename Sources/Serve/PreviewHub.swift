import Foundation
import Hummingbird
import Service

/// Tells open preview pages that the project changed (server-sent events): the watcher calls
/// `changed()` after every reload, successful or not; each `/preview/events` stream waits here.
final class PreviewHub: @unchecked Sendable {
    private let lock = NSLock()
    private var version = 0
    private var closed = false
    private var waiters: [UUID: CheckedContinuation<Int, Never>] = [:]

    var current: Int {
        lock.lock()
        defer { lock.unlock() }
        return version
    }

    /// Set on shutdown: streams end so the server can finish its requests and exit.
    var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closed
    }

    /// A reload happened (or failed): every waiting page is woken.
    func changed() {
        lock.lock()
        version += 1
        let v = version
        let woken = waiters
        waiters = [:]
        lock.unlock()
        for (_, w) in woken { w.resume(returning: v) }
    }

    /// The server is stopping: wakes every stream, and later waits return at once.
    func close() {
        lock.lock()
        closed = true
        let v = version
        let woken = waiters
        waiters = [:]
        lock.unlock()
        for (_, w) in woken { w.resume(returning: v) }
    }

    /// Waits until the version passes `seen`, the hub closes, or `timeout` seconds pass; returns the version.
    func wait(after seen: Int, timeout: Double) async -> Int {
        let id = UUID()
        return await withCheckedContinuation { c in
            lock.lock()
            if version > seen || closed {
                let v = version
                lock.unlock()
                c.resume(returning: v)
                return
            }
            waiters[id] = c
            lock.unlock()
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [self] in
                lock.lock()
                let w = waiters.removeValue(forKey: id)
                let v = version
                lock.unlock()
                w?.resume(returning: v)
            }
        }
    }

    /// One `project` event: the stamp pages compare with theirs, the context and the errors.
    static func event(_ status: ProjectStore.Status) -> String {
        let data = JSONText.compact(
            .object([
                ("stamp", .string(PreviewPages.stamp(status))), ("context", status.project.map { .string($0.contextHash) } ?? .null),
                ("errors", .strings(status.errors)),
            ]))
        return "event: project\ndata: \(data)\n\n"
    }
}

/// The preview's token for browsers: `?access_token=TOKEN` on a preview page, kept in a cookie
/// scoped to `/preview` for the frames, links and event stream that follow.
enum PreviewAccess {
    static let cookieName = "tessera_preview"

    static func token(_ request: Request) -> String? {
        if let t = Query(request.uri.query)["access_token"], !t.isEmpty { return t }
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let kv = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if kv.count == 2, kv[0] == cookieName, !kv[1].isEmpty { return String(kv[1]) }
            }
        }
        return nil
    }

    static func cookie(_ token: String) -> String {
        "\(cookieName)=\(token); Path=/preview; HttpOnly; SameSite=Strict"
    }
}
