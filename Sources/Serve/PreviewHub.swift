import Foundation

/// Tells open preview pages that the project changed (server-sent events).
final class PreviewHub: @unchecked Sendable {
    private let lock = NSLock()
    private var version = 0
    private var waiters: [UUID: CheckedContinuation<Int, Never>] = [:]

    var current: Int {
        lock.lock()
        defer { lock.unlock() }
        return version
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

    /// Waits until the version passes `seen` or `timeout` seconds pass (then returns the same).
    func wait(after seen: Int, timeout: Double) async -> Int {
        let id = UUID()
        let v: Int = await withCheckedContinuation { c in
            lock.lock()
            if version > seen {
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
        return v
    }
}
