import Assembly
import Foundation

/// Renderers kept between requests. An `Assembler` is not thread-safe and its caches (compiled
/// permutations, MJML skeletons) are what make a render cheap, so a request borrows one for its
/// settings (default template and clock), renders on it alone, and gives it back.
///
/// The clock is part of the key because an `Assembler` fixes it at creation (as a CLI run does).
/// A request without `now` is rendered at the current second, so at most one new renderer per
/// second and thread is built; old keys are dropped as new ones come (`maxKeys`).
final class AssemblerPool: @unchecked Sendable {
    struct Key: Hashable {
        var template: String?
        var now: Date
    }

    private let lock = NSLock()
    private var idle: [Key: [Assembler]] = [:]
    /// Keys in order of first use, oldest first.
    private var order: [Key] = []
    /// Idle renderers kept per key: about the number of threads that render at once.
    let maxIdlePerKey: Int
    /// Distinct settings kept at once (each a clock: pinned `now` values, and the current second).
    let maxKeys: Int

    init(maxIdlePerKey: Int = 2 * ProcessInfo.processInfo.activeProcessorCount + 2, maxKeys: Int = 8) {
        self.maxIdlePerKey = maxIdlePerKey
        self.maxKeys = maxKeys
    }

    /// Runs `body` with a renderer of these settings that no other thread uses meanwhile.
    func with<T, E: Error>(_ key: Key, make: () -> Assembler, _ body: (Assembler) throws(E) -> T) throws(E) -> T {
        let assembler = take(key) ?? make()
        defer { put(assembler, key) }
        return try body(assembler)
    }

    private func take(_ key: Key) -> Assembler? {
        lock.lock()
        defer { lock.unlock() }
        return idle[key]?.popLast()
    }

    private func put(_ assembler: Assembler, _ key: Key) {
        lock.lock()
        defer { lock.unlock() }
        if idle[key] == nil {
            order.append(key)
            if order.count > maxKeys { idle[order.removeFirst()] = nil }
            idle[key] = []
        }
        if idle[key]!.count < maxIdlePerKey { idle[key]!.append(assembler) }
    }
}
