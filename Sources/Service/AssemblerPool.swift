import Assembly
import Foundation

/// Renderers kept between requests. An `Assembler` is not thread-safe and its caches (compiled
/// permutations, MJML skeletons) are what make a render cheap, so a request borrows one for its
/// default template, sets the clock of its render on it (`Assembler.setClock`: the caches do not
/// depend on it), renders on it alone, and gives it back.
///
/// Keys are template ids the request named (checked against the catalog first) or nil, so there
/// are at most as many as the project has templates, plus one.
final class AssemblerPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [String?: [Assembler]] = [:]
    /// Idle renderers kept per template: about the number of threads that render at once.
    let maxIdlePerKey: Int
    private var builtCount = 0

    init(maxIdlePerKey: Int = 2 * ProcessInfo.processInfo.activeProcessorCount + 2) {
        self.maxIdlePerKey = maxIdlePerKey
    }

    /// Runs `body` with a renderer of this default template, set to the clock `now`, that no
    /// other thread uses meanwhile.
    func with<T, E: Error>(template: String?, now: Date, make: () -> Assembler, _ body: (Assembler) throws(E) -> T) throws(E) -> T {
        let assembler = take(template) ?? build(make)
        defer { put(assembler, template) }
        assembler.setClock(now)
        return try body(assembler)
    }

    /// Renderers built so far (each starts with cold caches).
    var built: Int {
        lock.lock()
        defer { lock.unlock() }
        return builtCount
    }

    private func build(_ make: () -> Assembler) -> Assembler {
        lock.lock()
        builtCount += 1
        lock.unlock()
        return make()
    }

    private func take(_ template: String?) -> Assembler? {
        lock.lock()
        defer { lock.unlock() }
        return idle[template]?.popLast()
    }

    private func put(_ assembler: Assembler, _ template: String?) {
        lock.lock()
        defer { lock.unlock() }
        if idle[template, default: []].count < maxIdlePerKey { idle[template, default: []].append(assembler) }
    }
}
