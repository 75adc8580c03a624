import Foundation

/// Request deadlines: the work runs in its own task and the caller gets whichever comes first,
/// its result or a timeout. One sweeper thread fires expired deadlines (a timer per request would
/// cost more than a render). The sweeper is a thread, not a task, so it fires even when every
/// task thread is busy rendering.
final class Deadlines: @unchecked Sendable {
    struct Expired: Error {}

    private protocol Expirable: AnyObject, Sendable {
        var deadline: Date { get }
        func expire()
    }

    /// One waiting caller: settled once, by the work or by the sweeper.
    private final class Pending<T: Sendable>: Expirable, @unchecked Sendable {
        let deadline: Date
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T, any Error>?
        init(deadline: Date, _ c: CheckedContinuation<T, any Error>) {
            self.deadline = deadline
            continuation = c
        }
        func settle(_ r: Result<T, any Error>) {
            lock.lock()
            let c = continuation
            continuation = nil
            lock.unlock()
            c?.resume(with: r)
        }
        func expire() { settle(.failure(Expired())) }
    }

    private let lock = NSLock()
    private var pending: [ObjectIdentifier: any Expirable] = [:]
    /// How often expired deadlines are looked for: the precision of a timeout.
    let tick: Double

    init(tick: Double = 0.05) {
        self.tick = tick
        // Lives as long as the process (one server a process).
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: tick)
                sweep()
            }
        }
        thread.start()
    }

    /// `work`'s result, or `Expired` after `seconds` (the work then finishes unobserved).
    func run<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
            let p = Pending(deadline: Date(timeIntervalSinceNow: seconds), c)
            let key = ObjectIdentifier(p)
            lock.lock()
            pending[key] = p
            lock.unlock()
            Task {
                let r: Result<T, any Error>
                do { r = .success(try await work()) } catch { r = .failure(error) }
                self.remove(key)
                p.settle(r)
            }
        }
    }

    private func remove(_ key: ObjectIdentifier) {
        lock.lock()
        pending[key] = nil
        lock.unlock()
    }

    private func sweep() {
        let now = Date()
        lock.lock()
        let expired = pending.filter { $0.value.deadline <= now }
        for k in expired.keys { pending[k] = nil }
        lock.unlock()
        for p in expired.values { p.expire() }
    }
}
