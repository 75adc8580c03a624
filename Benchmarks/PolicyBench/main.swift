import Assembly
import BrandContext
import Catalog
import Foundation
import Liquid
import Policy

// PolicyBench: what Policy's guard costs inside rendering, and how long `tessera lint` takes.
// Renders the same generated welcome recipients with NoGuard and with PolicyGuard, interleaved
// round by round (so background load hits both alike), and prints medians per recipient.
// Usage: PolicyBench [--project DIR] [--recipients N] [--rounds R]

var project = "."
var count = 20_000
var rounds = 9
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    switch a {
    case "--project": project = args.next() ?? project
    case "--recipients": count = Int(args.next() ?? "") ?? count
    case "--rounds": rounds = Int(args.next() ?? "") ?? rounds
    default: print("unknown argument \(a)"); exit(2)
    }
}

func seconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

/// Wraps a guard and adds up the time of its calls (monotonic clock: the vDSO reads it in ~20 ns,
/// where the thread CPU clock is a system call that would dwarf the guard itself).
final class TimedGuard: RecipientGuard, @unchecked Sendable {
    let inner: PolicyGuard
    var total = 0.0
    var calls = 0
    init(_ inner: PolicyGuard) { self.inner = inner }
    func prepare(_ recipient: inout Value, context: GuardContext) -> [GuardReason] {
        let t = seconds(); defer { total += seconds() - t; calls += 1 }
        return inner.prepare(&recipient, context: context)
    }
    func check(candidate: BlockDefinition, slot: SlotDefinition, chosen: [BlockDefinition], context: GuardContext) -> GuardReason? {
        let t = seconds(); defer { total += seconds() - t; calls += 1 }
        return inner.check(candidate: candidate, slot: slot, chosen: chosen, context: context)
    }
    func check(values: [Hole], blocks: [BlockDefinition], context: GuardContext) -> GuardReason? {
        let t = seconds(); defer { total += seconds() - t; calls += 1 }
        return inner.check(values: values, blocks: blocks, context: context)
    }
}

let root = URL(fileURLWithPath: project)
let now = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!
guard let brand = BrandLoader.load(directory: root.appendingPathComponent("brand")).brand,
    let catalog = CatalogLoader.load(project: root, brand: brand).catalog
else {
    print("brand or catalog has errors: run tessera lint / tessera context build"); exit(2)
}
var generator = RecipientGenerator(seed: 1, now: now)
generator.welcomeOnly = true
let lines = (1...count).map { Array(generator.line($0).utf8) }

let policy = PolicyGuard(brand: brand, catalog: catalog)
let timed = TimedGuard(policy)
let plain = Assembler(catalog: catalog, brand: brand, options: AssemblyOptions(now: now))
let guarded = Assembler(catalog: catalog, brand: brand, options: AssemblyOptions(now: now, recipientGuard: policy))
let measured = Assembler(catalog: catalog, brand: brand, options: AssemblyOptions(now: now, recipientGuard: timed))

nonisolated(unsafe) var sink = 0
func pass(_ a: Assembler) -> Double {
    let t = cpuSeconds()
    for (i, l) in lines.enumerated() {
        let r = a.render(line: l, number: i + 1)
        sink &+= r.html.utf8.count &+ r.reasons.count
    }
    return (cpuSeconds() - t) / Double(lines.count)
}
_ = pass(plain);  // warm the permutation and skeleton caches _ = pass(guarded)  // warm the permutation and skeleton caches
// The cost of one clock read pair, subtracted from the timed guard calls.
let clockCost: Double = {
    let n = 1_000_000
    let t = seconds()
    var x = 0.0
    for _ in 0..<n { let a = seconds(); x += seconds() - a }
    return (seconds() - t) / Double(n) - 0 * x
}()
var plainTimes: [Double] = [], guardedTimes: [Double] = [], guardShares: [Double] = []
for _ in 0..<rounds {
    plainTimes.append(pass(plain))
    guardedTimes.append(pass(guarded))
    timed.total = 0; timed.calls = 0
    let whole = pass(measured)
    guardShares.append((timed.total - Double(timed.calls) * clockCost) / Double(lines.count) / whole)
}
let p = median(plainTimes), g = median(guardedTimes)
print(String(format: "render without guard: median %.2f us/recipient (CPU), %d recipients x %d rounds", p * 1e6, count, rounds))
print(String(format: "render with PolicyGuard: median %.2f us/recipient (CPU)", g * 1e6))
print(
    String(
        format:
            "guard share of render time: %.1f%% (difference of medians), %.1f%% (guard calls timed inside, clock cost %.0f ns subtracted, median)",
        (g - p) / g * 100, median(guardShares) * 100, clockCost * 1e9))
print(String(format: "guard calls per recipient: %.1f", Double(timed.calls) / Double(lines.count)))

// Lint: the whole project, as `tessera lint` runs it.
var lintTimes: [Double] = []
for _ in 0..<max(3, rounds) {
    let t = seconds()
    let report = Linter.run(LintOptions(project: root, now: CalendarDate("2026-11-23")!))
    lintTimes.append(seconds() - t)
    sink &+= report.findings.count
}
print(String(format: "tessera lint (whole shipped project, in process): median %.1f ms", median(lintTimes) * 1e3))
if sink == 42 { print("") }
