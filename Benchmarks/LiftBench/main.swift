// LiftBench: `tessera lift` on a synthetic journal of N randomized recipients and M conversions.
//
//   swift build -c release --product tessera --product LiftBench
//   .build/release/LiftBench [--recipients 10000000] [--conversions 1000000] [--dir /tmp/liftbench] [--runs 3]
//
// Writes the journal the way a render records it (same schema: one run, the welcome template's
// 5% holdout and a two-arm experiment, interned assignment and segment lists), a conversions
// NDJSON file, then runs the release `tessera lift --format json` on them, and prints wall time,
// CPU time and peak memory (the child's max RSS) per run, with the median. Not a test: no
// assertion, the numbers go to the README.
import Foundation
import GRDB
import Pipeline

func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = CommandLine.arguments.firstIndex(of: name), i + 1 < CommandLine.arguments.count, let v = Int(CommandLine.arguments[i + 1]) else {
        return fallback
    }
    return v
}
func option(_ name: String, _ fallback: String) -> String {
    guard let i = CommandLine.arguments.firstIndex(of: name), i + 1 < CommandLine.arguments.count else { return fallback }
    return CommandLine.arguments[i + 1]
}

let recipients = option("--recipients", 10_000_000)
let conversionCount = option("--conversions", 1_000_000)
let runs = option("--runs", 3)
let dir = URL(fileURLWithPath: option("--dir", "/tmp/liftbench"))
try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
let journalPath = dir.appendingPathComponent("journal.sqlite").path
let conversionsPath = dir.appendingPathComponent("conversions.ndjson").path
let now = Date(timeIntervalSince1970: 1_795_424_400)  // 2026-11-23T09:00:00Z

/// SplitMix64: the same data on every run.
struct Rng {
    var s: UInt64
    mutating func next() -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

func fnv(_ s: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}

func generate() throws {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: journalPath + suffix) }
    let started = Date()
    let journal = try Journal(path: journalPath)
    var run = RunRecord(
        id: "bench", startedAt: now, now: now, recipients: "synthetic", output: "/dev/null", format: "ndjson",
        template: "welcome", shard: nil, jobs: 1, projectHash: "bench")
    run = try journal.create(run, templates: [("welcome", "email", "marketing")])
    try journal.recordRandomizations(
        run,
        [
            DeclaredRandomization(template: "welcome", experiment: "holdout", arms: [("holdout", 0.05), ("treatment", 0.95)]),
            DeclaredRandomization(template: "welcome", experiment: "hero-test", arms: [("classic", 1), ("member", 1)]),
        ])
    let db = try DatabaseQueue(path: journalPath)
    let segments = ["vip", "trail-runner", "deal-seeker", "family", "rockies", "churned"]
    var rng = Rng(s: 42)
    try db.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA synchronous = OFF")
        var listIDs: [String: Int64] = [:]
        func list(_ text: String) throws -> Int64 {
            if let id = listIDs[text] { return id }
            try db.execute(sql: "INSERT OR IGNORE INTO lists(text) VALUES (?)", arguments: [text])
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM lists WHERE text = ?", arguments: [text])!
            listIDs[text] = id
            return id
        }
        let insert = try db.makeStatement(
            sql:
                "INSERT INTO recipients(seq, id, id_hash, status, content_hash, template, assignments, segments) VALUES (?, ?, ?, 'rendered', 1, 'welcome', ?, ?)"
        )
        let base = run.key << 36
        var i = 0
        while i < recipients {
            try db.inTransaction {
                let end = min(recipients, i + 100_000)
                while i < end {
                    let id = "r\(i)"
                    let held = rng.unit() < 0.05
                    let arm = rng.unit() < 0.5 ? "classic" : "member"
                    let seg = segments[Int(rng.next() % UInt64(segments.count))]
                    try insert.execute(arguments: [
                        base | Int64(i + 1), id, Int64(bitPattern: fnv(id)),
                        try list("holdout=\(held ? "holdout" : "treatment") hero-test=\(arm)"), try list(seg),
                    ])
                    i += 1
                }
                return .commit
            }
        }
    }
    var text = ""
    let handle =
        FileHandle(forWritingAtPath: conversionsPath)
        ?? {
            _ = FileManager.default.createFile(atPath: conversionsPath, contents: nil)
            return FileHandle(forWritingAtPath: conversionsPath)!
        }()
    try handle.truncate(atOffset: 0)
    for _ in 0..<conversionCount {
        let who = Int(rng.next() % UInt64(recipients))
        let at = now.timeIntervalSince1970 + rng.unit() * 10 * 86_400
        text += "{\"id\":\"r\(who)\",\"at\":\(Int(at)),\"value\":\(Int(rng.unit() * 20_000)),\"event\":\"purchase\"}\n"
        if text.utf8.count > 1 << 20 { handle.write(Data(text.utf8)); text = "" }
    }
    handle.write(Data(text.utf8))
    print(
        String(
            format: "liftbench: generated %d journaled recipients and %d conversions in %.1f s", recipients, conversionCount,
            Date().timeIntervalSince(started)))
}

func tessera() -> String {
    let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return dir.appendingPathComponent("tessera").path
}

/// One `tessera lift` run: wall seconds, CPU seconds and the child's peak RSS in MB.
func measure() throws -> (wall: Double, cpu: Double, rssMB: Double) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    let rusage = dir.appendingPathComponent("time.txt").path
    p.arguments = [
        "-f", "%e %U %S %M", "-o", rusage, tessera(), "lift", "--journal", journalPath, "--conversions", conversionsPath,
        "--by", "template", "--by", "experiment", "--by", "segment", "--format", "json", "--out", dir.appendingPathComponent("report.json").path,
    ]
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw NSError(domain: "liftbench", code: Int(p.terminationStatus)) }
    let f = try String(contentsOfFile: rusage, encoding: .utf8).split(separator: "\n").last!.split(separator: " ").compactMap { Double($0) }
    return (f[0], f[1] + f[2], f[3] / 1024)
}

if !CommandLine.arguments.contains("--reuse") || !FileManager.default.fileExists(atPath: journalPath) { try generate() }
var results: [(wall: Double, cpu: Double, rssMB: Double)] = []
for r in 1...runs {
    let m = try measure()
    results.append(m)
    print(String(format: "liftbench: run %d: %.2f s wall, %.2f s CPU, %.0f MB peak", r, m.wall, m.cpu, m.rssMB))
}
let walls = results.map(\.wall).sorted()
print(
    String(
        format: "liftbench: %d recipients, %d conversions: median %.2f s wall over %d runs, peak %.0f MB (bar: 60 s, 2048 MB)",
        recipients, conversionCount, walls[walls.count / 2], runs, results.map(\.rssMB).max()!))
