import Foundation
import TestSupport
import Testing

/// `examples/spark/render_with_spark.py --journal postgres://… --run-id ID` in Spark local mode:
/// every partition journals to one PostgreSQL as part K/N of one run. One partition's first
/// attempt is killed mid-partition, after its first batch committed, (a test-only hook in the script) and Spark retries the task:
/// the retried part writes the lines the dead attempt committed again and renders the rest, so
/// every input line comes back exactly once, in order, with one journal row. A recipient whose
/// line appears in both partitions gets one message (the daily marketing cap holds across them).
@Suite struct SparkJournalTests {
    static let recipients = 1200
    static let repeated = 300

    @Test(
        .enabled(
            if: (SparkEnvironment.missing == nil && SparkDatabase.baseURL != nil) || SparkEnvironment.required,
            "needs pyspark, Java 17 and TESSERA_TEST_POSTGRES_URL; set TESSERA_REQUIRE_SPARK=1 to fail instead of skipping"))
    func partsJournalOnceWithAKilledAndRetriedPartition() throws {
        if let missing = SparkEnvironment.missing {
            Issue.record("TESSERA_REQUIRE_SPARK=1 but the Spark example cannot run: \(missing); \(SparkEnvironment.howToInstall)")
            return
        }
        let url = try #require(try SparkDatabase.fresh("spark"), "TESSERA_TEST_POSTGRES_URL is not set: start a server (scripts/postgres-cluster)")
        let tessera = try #require(SparkEnvironment.tessera)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spark-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("recipients.ndjson"), output = dir.appendingPathComponent("out")
        let generated = try TimedProcess.run(
            tessera.path,
            [
                "generate-recipients", "--count", "\(Self.recipients)", "--seed", "12",
                "--welcome-only", "--out", input.path,
            ], logs: dir, name: "generate")
        try #require(generated.status == 0, "generate-recipients failed: \(generated.stderr)")
        // The first lines again at the end: those recipients are in the first and the last partition.
        let lines = try SparkOutput.lines(of: input)
        try Data((lines + lines.prefix(Self.repeated)).map { $0 + Data("\n".utf8) }.joined()).write(to: input)

        // Two partitions of 750 lines: with a PostgreSQL journal a batch holds 512 lines, so when
        // partition 1's first attempt has written 600 records its first batch has committed (a
        // batch's output is written before its commit, the next batch's after it): the retry
        // has committed lines to write again.
        let job = try TimedProcess.run(
            "/usr/bin/env",
            [
                "TESSERA_SPARK_TEST_KILL=1:600", SparkEnvironment.python, Corpus.project("examples/spark/render_with_spark.py").path,
                "--tessera", tessera.path, "--project", Corpus.packageRoot.path, "--recipients", input.path, "--out", output.path,
                "--partitions", "2", "--master", "local[2,2]", "--now", SparkExampleTests.now, "--tmp", dir.appendingPathComponent("tmp").path,
                "--journal", url, "--run-id", "spark",
            ], logs: dir, name: "spark", timeout: 900)
        try #require(job.status == 0, "the Spark job failed (exit \(job.status)):\n\(job.stderr.suffix(3000))")

        let sent = try SparkOutput.inputIds(input)
        let back = try SparkOutput.partFiles(in: output).flatMap { $0 }
        #expect(back.count == sent.count, "\(back.count) output records for \(sent.count) input lines")
        #expect(zip(sent, back).allSatisfy { $0 == $1.id }, "output ids out of input order")
        var rendered: [String: Int] = [:]
        for r in back where r.status == "rendered" { rendered[r.id ?? "", default: 0] += 1 }
        #expect(rendered.values.allSatisfy { $0 == 1 }, "\(rendered.filter { $0.value > 1 }.count) recipients got two messages")
        let twice = Set(sent.prefix(Self.repeated).compactMap { $0 })
        #expect(
            back.contains { twice.contains($0.id ?? "") && $0.status == "suppressed" }, "no repeated recipient was capped: the caps were not shared")

        let rows = try SparkDatabase.integers(url, "SELECT count(*), count(DISTINCT seq) FROM recipients")
        #expect(rows == [sent.count, sent.count], "journal rows (all, distinct lines): \(rows), for \(sent.count) lines")
        #expect(try SparkDatabase.integers(url, "SELECT count(*) FROM recipients WHERE status = 'rendered'") == [rendered.count])
        #expect(try SparkDatabase.integers(url, "SELECT count(*) FROM runs WHERE id = 'spark' AND state = 'completed'") == [2])
        let retried = try SparkDatabase.integers(url, "SELECT resumes FROM runs WHERE id = 'spark' AND shard = 'part 2/2'")
        #expect(retried.first ?? 0 >= 1, "part 2/2 was not retried (resumes \(retried)): the kill did not happen")
    }
}

/// The PostgreSQL server of `TESSERA_TEST_POSTGRES_URL` (password in `PGPASSWORD`), through psql.
enum SparkDatabase {
    static let baseURL = ProcessInfo.processInfo.environment["TESSERA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// A new, empty database for one test (caps count every run of a database); its URL.
    static func fresh(_ name: String) throws -> String? {
        guard let base = baseURL, var components = URLComponents(string: base) else { return nil }
        let db = "tessera_\(name)_\(getpid())"
        _ = try psql(base, "DROP DATABASE IF EXISTS \(db)")
        _ = try psql(base, "CREATE DATABASE \(db)")
        components.path = "/" + db
        return components.string
    }

    /// One query's row, its columns as integers.
    static func integers(_ url: String, _ sql: String) throws -> [Int] {
        try psql(url, sql).split(separator: "|").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    private static func psql(_ url: String, _ sql: String) throws -> String {
        let bin = try FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql").sorted {
            $0.compare($1, options: .numeric) == .orderedAscending
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/lib/postgresql/\(bin.last ?? "")/bin/psql")
        p.arguments = [url, "-v", "ON_ERROR_STOP=1", "-tAc", sql]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice  // NOTICEs ("does not exist, skipping"); a failure throws below
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSDebugDescriptionErrorKey: "psql failed: \(sql)"]) }
        return text
    }
}
