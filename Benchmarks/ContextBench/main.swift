// ContextBench: how fast the brand context answers (release build).
//   1. load + validate + index a brand of 1,000 claims into SQLite (floor: under 200 ms)
//   2. open the context when the brand's hash is unchanged (floor: under 10 ms)
//   3. one `tessera claims` query (market + channel + locale + date + search) on the open store
// Medians over many iterations, wall clock and process CPU time (the machine is shared: CPU
// time shows the work, wall time what a user waits). Phases are interleaved per iteration so
// background load hits them alike.
// Usage: ContextBench [--claims N] [--iterations N] [--keep DIR] [--profile-load | --profile-build]
import BrandContext
import Foundation

let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let n = Int(arguments[i + 1]) else { return fallback }
    return n
}
let claimCount = option("--claims", 1000)
let iterations = option("--iterations", 30)

// --keep DIR: generate into DIR and leave it there (scripts/bench-context times the Python
// baseline on the same files).
let kept = arguments.firstIndex(of: "--keep").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
let root =
    kept.map { URL(fileURLWithPath: $0) }
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("context-bench-\(getpid())")
let brand = root.appendingPathComponent("brand")
try BenchBrand.generate(at: brand, claims: claimCount)
defer { if kept == nil { try? FileManager.default.removeItem(at: root) } }
let database = root.appendingPathComponent("context.sqlite")

if arguments.contains("--profile-load") {  // loops for `perf record`, no timing
    for _ in 0..<iterations { _ = BrandLoader.load(directory: brand) }
    exit(0)
}
if arguments.contains("--profile-build") {
    for _ in 0..<iterations { try ContextStore.build(brand: brand, database: database, force: true) }
    exit(0)
}

/// (wall ms, CPU ms) of one run of `body`.
func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    func cpuNow() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }
    let wall0 = DispatchTime.now().uptimeNanoseconds, cpu0 = cpuNow()
    try body()
    return (Double(DispatchTime.now().uptimeNanoseconds - wall0) / 1e6, cpuNow() - cpu0)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

// Warm-up (page cache, lazy initialisers), not measured.
guard case .built = try ContextStore.build(brand: brand, database: database, force: true) else { fatalError("expected a build") }

var samples: [String: [(wall: Double, cpu: Double)]] = [:]
var found = 0
let query = ClaimQuery(market: "CA", channel: "email", locale: "fr-CA", on: CalendarDate(year: 2026, month: 6, day: 1), search: "imperm")
for _ in 0..<iterations {
    samples["cold", default: []].append(try measure { try ContextStore.build(brand: brand, database: database, force: true) })
    samples["load", default: []].append(measure { _ = BrandLoader.load(directory: brand) })
    for _ in 0..<5 {
        samples["warm", default: []].append(try measure { _ = try ContextStore.open(brand: brand, database: database) })
        samples["hash", default: []].append(measure { _ = ContentHash.of(brand: brand) })
    }
    let store = try ContextStore.open(brand: brand, database: database)
    for _ in 0..<5 {
        samples["query", default: []].append(try measure { found = try store.claims(query).count })
    }
}

@MainActor func line(_ label: String, _ key: String, _ floor: String) -> String {
    let s = samples[key] ?? []
    return String(
        format: "  %-28@ %8.2f ms wall  %8.2f ms cpu  %@", label as NSString,
        median(s.map(\.wall)), median(s.map(\.cpu)), floor as NSString)
}
let size = (try? FileManager.default.attributesOfItem(atPath: brand.appendingPathComponent("claims.yaml").path)[.size] as? Int) ?? 0
print("ContextBench: \(claimCount) claims (claims.yaml \(size / 1024) KB), \(iterations) iterations, medians")
print(line("load+validate+index:", "cold", "(floor < 200 ms)"))
print(line("  of which load+validate:", "load", ""))
print(line("open, hash unchanged:", "warm", "(floor < 10 ms)"))
print(line("  of which content hash:", "hash", ""))
print(line("claims query:", "query", "(\(found) claims found)"))
