// PipelineBench: recipients per second through the Pipeline (reader thread, N workers with one
// Assembler each, ordered writer, SQLite journal), release build, in-process, output to
// /dev/null. Medians over iterations; the journal's cost shown by a run without it.
// Usage: PipelineBench --recipients FILE [--project DIR] [--jobs N] [--iterations K]
//                      [--no-guard]  (no Policy guard: the same work as AssemblyBench, to see the pipeline's own cost)
import Assembly
import BrandContext
import Catalog
import Foundation
import Pipeline
import Policy

struct Args {
    var project = "."
    var recipients = ""
    var jobs = 2
    var iterations = 3
    var guarded = true
    init() {
        var it = CommandLine.arguments.dropFirst().makeIterator()
        while let a = it.next() {
            switch a {
            case "--project": project = it.next()!
            case "--recipients": recipients = it.next()!
            case "--jobs": jobs = Int(it.next()!)!
            case "--iterations": iterations = Int(it.next()!)!
            case "--no-guard": guarded = false
            default: fatalError("unknown argument \(a)")
            }
        }
        precondition(!recipients.isEmpty, "--recipients FILE is required (tessera generate-recipients --welcome-only)")
    }
}

func cpuSeconds() -> Double {
    var ru = rusage()
    getrusage(RUSAGE_SELF.rawValue, &ru)
    return Double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + Double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6
}

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
var st = stat()
guard stat("/dev/null", &st) == 0, (st.st_mode & S_IFMT) == S_IFCHR else { fatalError("/dev/null is not a character device here") }
let work = NSTemporaryDirectory() + "pipeline-bench-\(getpid())"
try! FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: work) }

func once(journaled: Bool, iteration: Int) -> (wall: Double, cpu: Double, summary: RunSummary) {
    var s = PipelineSettings()
    s.jobs = args.jobs
    let guardian: any RecipientGuard = args.guarded ? PolicyGuard(brand: brand, catalog: catalog) : NoGuard()
    let assembly = AssemblyOptions(defaultTemplate: "welcome", now: now, recipientGuard: guardian)
    let pipeline = RenderPipeline(catalog: catalog, brand: brand, assembly: assembly, emitter: NDJSONEmitter(), settings: s)
    let output = try! OutputTarget.file("/dev/null")
    var plan: JournalPlan?
    if journaled {
        let journal = try! Journal(path: "\(work)/journal-\(iteration).sqlite")
        let record = RunRecord(
            id: "bench-\(iteration)", startedAt: Date(), now: now, recipients: args.recipients, output: "/dev/null",
            format: "ndjson", template: "welcome", shard: nil, jobs: args.jobs, projectHash: "bench")
        plan = JournalPlan(journal: journal, run: try! journal.create(record, templates: RenderPipeline.templateClasses(catalog)), resuming: false)
    }
    let fd = open(args.recipients, O_RDONLY)
    defer { close(fd) }
    let t0 = Date(), c0 = cpuSeconds()
    let summary = try! pipeline.run(input: fd, inputSize: nil, output: output, journal: plan)
    output.close()
    return (Date().timeIntervalSince(t0), cpuSeconds() - c0, summary)
}

for journaled in [true, false] {
    var walls: [Double] = [], cpus: [Double] = []
    var last: RunSummary?
    for i in 0...args.iterations {
        let r = once(journaled: journaled, iteration: i)
        if i > 0 { walls.append(r.wall); cpus.append(r.cpu) }  // the first run warms the page cache
        last = r.summary
    }
    let n = Double(last!.counts.records)
    let w = walls.sorted()[walls.count / 2], c = cpus.sorted()[cpus.count / 2]
    print(
        String(
            format:
                "pipeline (%@%@): %d recipients, --jobs %d: median %.0f recipients/s wall (%.2f s), %.1f us CPU each, over %d runs; RSS now %.1f MB",
            journaled ? "journal on" : "no journal", args.guarded ? "" : ", no guard", last!.counts.records, args.jobs, n / w, w, c / n * 1e6,
            walls.count, rssMB()))
}
