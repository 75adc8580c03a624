import Foundation
import TestSupport
import Testing

/// `examples/spark/render_with_spark.py` in Spark local mode on 10,000 generated recipients:
/// the output is parsed here (not taken from the script's word) and every input id must come
/// back exactly once, every line without an id as one rejected record naming its input line,
/// all in input order.
@Suite struct SparkExampleTests {
    static let recipients = 10_000
    static let partitions = 4
    static let now = "2026-11-23T09:00:00Z"

    // Without pyspark or Java the test is disabled, and Swift Testing reports it as skipped
    // (never as passed). CI sets TESSERA_REQUIRE_SPARK=1, which keeps it enabled so that a
    // missing dependency fails it with instructions instead.
    @Test(
        .enabled(
            if: SparkEnvironment.missing == nil || SparkEnvironment.required,
            "needs pyspark and Java 17 (pip install pyspark); set TESSERA_REQUIRE_SPARK=1 to fail instead of skipping"))
    func everyIdBackExactlyOnceThroughSpark() throws {
        if let missing = SparkEnvironment.missing {
            Issue.record("TESSERA_REQUIRE_SPARK=1 but the Spark example cannot run: \(missing); \(SparkEnvironment.howToInstall)")
            return
        }
        let tessera = try #require(SparkEnvironment.tessera)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spark-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("recipients.ndjson"), output = dir.appendingPathComponent("out")

        let generated = try TimedProcess.run(
            tessera.path, ["generate-recipients", "--count", "\(Self.recipients)", "--seed", "8", "--out", input.path], logs: dir, name: "generate")
        try #require(generated.status == 0, "generate-recipients failed: \(generated.stderr)")

        let script = Corpus.project("examples/spark/render_with_spark.py").path
        let job = try TimedProcess.run(
            "/usr/bin/env",
            [
                SparkEnvironment.python, script, "--tessera", tessera.path, "--project", Corpus.packageRoot.path,
                "--recipients", input.path, "--out", output.path, "--partitions", "\(Self.partitions)",
                "--master", "local[2]", "--now", Self.now, "--tmp", dir.appendingPathComponent("tmp").path,
            ], logs: dir, name: "spark", timeout: 900)
        try #require(job.status == 0, "the Spark job failed (exit \(job.status)):\n\(job.stderr.suffix(3000))")
        print(job.stdout.trimmingCharacters(in: .whitespacesAndNewlines))

        let parts = try SparkOutput.partFiles(in: output)
        #expect(parts.filter { !$0.isEmpty }.count >= 2, "expected at least 2 non-empty partitions, got \(parts.count) part files")
        let sent = try SparkOutput.inputIds(input)
        let back = parts.flatMap { $0 }
        try #require(sent.count == Self.recipients)
        #expect(back.count == sent.count, "\(back.count) output records for \(sent.count) input lines")

        let report = OnceReport(sent: sent, back: back)
        #expect(report.inputDuplicates.isEmpty, "generated ids should be unique: \(report.inputDuplicates.prefix(5))")
        #expect(report.missing.isEmpty, "\(report.missing.count) ids never came back: \(report.missing.prefix(10))")
        #expect(report.repeated.isEmpty, "\(report.repeated.count) ids came back more than once or were never sent: \(report.repeated.prefix(10))")
        #expect(report.rejectedLines == report.noIdLines, "lines without an id should come back rejected at the same line")
        #expect(report.misnumbered.isEmpty, "rejections not naming their input line: \(report.misnumbered.prefix(10))")
        #expect(report.firstOutOfOrder == nil, "output out of input order at line \(report.firstOutOfOrder ?? 0)")
        #expect(!report.noIdLines.isEmpty, "generated recipients include lines without an id; none seen")
        print(
            "spark-example: \(sent.count) lines, \(report.ids) ids back exactly once, \(report.noIdLines.count) rejected without an id (lines \(report.noIdLines.prefix(5).map(String.init).joined(separator: ", ")), …), \(parts.count) partitions"
        )

        let check = try TimedProcess.run(
            "/usr/bin/env", [SparkEnvironment.python, Corpus.project("examples/spark/check_once.py").path, input.path, output.path, "--ordered"],
            logs: dir, name: "check")
        #expect(check.status == 0, "check_once.py disagrees:\n\(check.stdout)")
    }
}
