import Assembly
import Foundation
import Liquid

/// A renderer kept between requests: an `Assembler` and the JSON reader of the bodies it renders.
/// Both are single-threaded and both get cheaper with use (the assembler's compiled permutations
/// and MJML skeletons; the reader's working stacks and the keys it has seen), so a request uses
/// one pair alone, as each thread of `tessera render` does.
final class PooledRenderer {
    let assembler: Assembler
    let parser = JSONParser()
    /// The size of the last record written here: the next one reserves about that much.
    var recordBytes = 0

    init(_ assembler: Assembler) { self.assembler = assembler }
}

/// Renderers kept between requests. A request borrows one for its default template, sets the
/// clock of its render on it (`Assembler.setClock`: the caches do not depend on it), reads and
/// renders on it alone, and gives it back.
///
/// Keys are template ids the request named (checked against the catalog first) or nil, so there
/// are at most as many as the project has templates, plus one.
final class AssemblerPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [String?: [PooledRenderer]] = [:]
    /// Idle renderers kept per template: about the number of threads that render at once.
    let maxIdlePerKey: Int
    private var builtCount = 0

    init(maxIdlePerKey: Int = 2 * ProcessInfo.processInfo.activeProcessorCount + 2) {
        self.maxIdlePerKey = maxIdlePerKey
    }

    /// Runs `body` with a renderer of this default template, set to the clock `now`, that no
    /// other thread uses meanwhile.
    func with<T, E: Error>(template: String?, now: Date, make: () -> Assembler, _ body: (PooledRenderer) throws(E) -> T) throws(E) -> T {
        let renderer = take(template) ?? build(make)
        defer { put(renderer, template) }
        renderer.assembler.setClock(now)
        return try body(renderer)
    }

    /// Renderers built so far (each starts with cold caches).
    var built: Int {
        lock.lock()
        defer { lock.unlock() }
        return builtCount
    }

    private func build(_ make: () -> Assembler) -> PooledRenderer {
        lock.lock()
        builtCount += 1
        lock.unlock()
        return PooledRenderer(make())
    }

    private func take(_ template: String?) -> PooledRenderer? {
        lock.lock()
        defer { lock.unlock() }
        return idle[template]?.popLast()
    }

    private func put(_ renderer: PooledRenderer, _ template: String?) {
        lock.lock()
        defer { lock.unlock() }
        if idle[template, default: []].count < maxIdlePerKey { idle[template, default: []].append(renderer) }
    }
}
