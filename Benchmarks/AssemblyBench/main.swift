// AssemblyBench: recipients per second through the same streaming path as `tessera render`
// (read NDJSON, select, fill the memoised skeleton, write NDJSON), release build, one thread.
// Usage: AssemblyBench [--project DIR] [--count N] [--iterations K] [--recipients FILE]
//                      [--export-baseline DIR]   (skeleton + hole paths for the Jinja2 baseline)
import Assembly
import AssemblyTestSupport
import BrandContext
import Catalog
import Foundation
import Liquid

struct Args {
    var project = "."
    var count = 100_000
    var iterations = 5
    var recipients: String?
    var exportBaseline: String?
    var phases = false
    init() {
        var it = CommandLine.arguments.dropFirst().makeIterator()
        while let a = it.next() {
            switch a {
            case "--project": project = it.next()!
            case "--count": count = Int(it.next()!)!
            case "--iterations": iterations = Int(it.next()!)!
            case "--recipients": recipients = it.next()!
            case "--export-baseline": exportBaseline = it.next()!
            case "--phases": phases = true
            default: fatalError("unknown argument \(a)")
            }
        }
    }
}

func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Resident set size in MB, from /proc/self/status.
func rssMB() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    return Double(line.split(separator: " ").dropFirst().first ?? "0")! / 1024
}

let args = Args()
let now = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!
let root = URL(fileURLWithPath: args.project)
guard let brand = BrandLoader.load(directory: root.appendingPathComponent("brand")).brand,
    let catalog = CatalogLoader.load(project: root, brand: brand).catalog
else { fatalError("project does not load") }

let input: String
if let r = args.recipients {
    input = r
} else {
    input = NSTemporaryDirectory() + "assembly-bench-\(args.count).ndjson"
    var g = RecipientGenerator(seed: 42, now: now)
    g.welcomeOnly = true
    var text = ""
    for i in 1...args.count { text += g.line(i); text += "\n" }
    try! text.write(toFile: input, atomically: true, encoding: .utf8)
}

if let dir = args.exportBaseline { exportBaseline(dir) }

if args.phases { phaseTimes() }

/// CPU time per recipient of each stage, cumulatively: read JSON; + select and fill; + NDJSON.
func phaseTimes() {
    let lines = try! String(contentsOfFile: input, encoding: .utf8).split(separator: "\n").map { Array($0.utf8) }
    let assembler = Assembler(catalog: catalog, brand: brand, options: AssemblyOptions(defaultTemplate: "welcome", now: now))
    for (i, l) in lines.prefix(2000).enumerated() { _ = assembler.render(line: l, number: i + 1) }
    func time(_ name: String, _ body: () -> Void) {
        let c0 = cpuSeconds(); body()
        print(String(format: "phase %@: %.2f us/recipient", name, (cpuSeconds() - c0) / Double(lines.count) * 1e6))
    }
    time("read JSON") { for (i, l) in lines.enumerated() { _ = RecipientRecord.read(l, line: i + 1) } }
    time("read + render") { for (i, l) in lines.enumerated() { _ = assembler.render(line: l, number: i + 1) } }
    var buf: [UInt8] = []
    buf.reserveCapacity(1 << 21)
    time("read + render + NDJSON") {
        for (i, l) in lines.enumerated() {
            let r = assembler.render(line: l, number: i + 1)
            NDJSONWriter.append(r, to: &buf)
            if buf.count > 1 << 20 { buf.removeAll(keepingCapacity: true) }
        }
    }
}

/// Output goes to /dev/null; where that is a regular file (an old `render --out /dev/null`
/// replaced the device before render wrote through paths) writing 2.4 GB
/// to it would time the page cache, not Tessera, so the bytes are only counted then.
let sink: FileHandle? = {
    var st = stat()
    guard stat("/dev/null", &st) == 0, (st.st_mode & S_IFMT) == S_IFCHR else {
        print("assembly: /dev/null is not a character device: output is counted, not written")
        return nil
    }
    return FileHandle(forWritingAtPath: "/dev/null")
}()
var walls: [Double] = [], cpus: [Double] = []
var rssAt: [(Int, Double)] = []
var last: RenderRun.Counts?
var outputBytes = 0
var mjmlRenders = 0
for iteration in 0..<(max(1, args.iterations) + 1) {
    let assembler = Assembler(catalog: catalog, brand: brand, options: AssemblyOptions(defaultTemplate: "welcome", now: now))
    let handle = FileHandle(forReadingAtPath: input)!
    var bytes = 0
    let t0 = Date(), c0 = cpuSeconds()
    let counts = RenderRun(assembler: assembler).run(
        input: handle, emit: { r, buf in NDJSONWriter.append(r, to: &buf) },
        flush: { b in
            bytes += b.count; if let sink { b.withUnsafeBufferPointer { sink.write(Data(buffer: $0)) } }
        },
        progress: iteration == max(1, args.iterations) ? { c in rssAt.append((c.total, rssMB())) } : nil)
    let wall = Date().timeIntervalSince(t0), cpu = cpuSeconds() - c0
    if iteration > 0 { walls.append(wall); cpus.append(cpu) }  // the first run is warm-up
    last = counts
    outputBytes = bytes
    mjmlRenders = assembler.mjmlRenders
}
let medianWall = walls.sorted()[walls.count / 2], medianCPU = cpus.sorted()[cpus.count / 2]
let n = Double(last!.total)
print(
    "assembly: \(last!.total) recipients (\(last!.rendered) rendered, \(last!.suppressed) suppressed, \(last!.held) held, \(last!.rejected) rejected), \(mjmlRenders) MJML renders, \(outputBytes / last!.total) bytes/recipient"
)
print(
    String(
        format: "assembly: median %.0f recipients/s wall (%.2f us each), %.0f recipients/s CPU, over %d runs", n / medianWall, medianWall / n * 1e6,
        n / medianCPU, walls.count))
print("assembly: RSS (MB) during the last run at " + rssAt.map { "\($0.0 / 1000)k: \(String(format: "%.1f", $0.1))" }.joined(separator: ", "))

/// Writes the welcome email's most common skeleton for the Jinja2 baseline: the MJML with hole i
/// as `{{ v[i] }}`, and for each hole the recipient field it came from (or a constant).
func exportBaseline(_ dir: String) {
    let assembler = Assembler(catalog: catalog, brand: brand, options: AssemblyOptions(defaultTemplate: "welcome", now: now))
    let text = try! String(contentsOfFile: input, encoding: .utf8)
    var firstRendered: (RecipientRecord, [UInt8], [Hole])?
    for (i, line) in text.split(separator: "\n").prefix(200).enumerated() {
        guard case .success(let rec) = RecipientRecord.read(Array(line.utf8), line: i + 1) else { continue }
        if let (mjml, holes) = assembler.skeletonSource(rec) { firstRendered = (rec, mjml, holes); break }
    }
    let (rec, mjml, holes) = firstRendered!
    var out = String(decoding: mjml, as: UTF8.self)
    for i in (0..<holes.count).reversed() { out = out.replacingOccurrences(of: "\u{E000}\(i)\u{E001}", with: "{{ v[\(i)] }}") }
    var spec: [[String: Any]] = []
    let flat = flatten(rec.value, [])
    for h in holes {
        if let path = flat.first(where: { $0.1 == h.text && !h.text.isEmpty })?.0 {
            spec.append(["path": path])
        } else {
            spec.append(["const": h.text])
        }
    }
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try! out.write(toFile: dir + "/welcome.mjml", atomically: true, encoding: .utf8)
    let json = try! JSONSerialization.data(withJSONObject: ["holes": spec, "recipients": input], options: [.sortedKeys])
    try! json.write(to: URL(fileURLWithPath: dir + "/holes.json"))
}

func flatten(_ v: Value, _ path: [String]) -> [([String], String)] {
    switch v {
    case .object(let o): return o.pairs.flatMap { flatten($0.1, path + [$0.0]) }
    case .array(let a): return a.enumerated().flatMap { flatten($0.1, path + [String($0.0)]) }
    case .string(let s): return [(path, s)]
    case .int(let i): return [(path, String(i))]
    default: return []
    }
}
