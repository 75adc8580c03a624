import Assembly
import AssemblyTestSupport
import BrandContext
import Catalog
import Foundation
import Pipeline
import TestSupport

/// The shipped project, generated recipients, and the pipeline run in-process on temp files.
enum PipeFixture {
    static let now = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!
    static let brand: Brand = BrandLoader.load(directory: Corpus.project("brand")).brand!
    static let catalog: Catalog = CatalogLoader.load(project: Corpus.packageRoot, brand: brand).catalog!

    static func tempDir() -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    static func generated(_ count: Int, seed: UInt64 = 11, welcomeOnly: Bool = false) -> [String] {
        var g = RecipientGenerator(seed: seed, now: now)
        g.welcomeOnly = welcomeOnly
        return (1...count).map { g.line($0) }
    }

    static func write(_ lines: [String], in dir: URL, name: String = "in.ndjson") -> URL {
        let url = dir.appendingPathComponent(name)
        try! Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    /// Today's sequential path (Assembly's RenderRun), the reference for order and bytes.
    static func sequential(_ input: URL, template: String? = nil) -> [UInt8] {
        let assembler = Assembler(catalog: catalog, brand: brand, options: AssemblyOptions(defaultTemplate: template, now: now))
        var out: [UInt8] = []
        _ = RenderRun(assembler: assembler).run(
            input: FileHandle(forReadingAtPath: input.path)!,
            emit: { r, buf in NDJSONWriter.append(r, to: &buf) }, flush: { out += $0 })
        return out
    }

    struct Result {
        var bytes: [UInt8]
        var summary: RunSummary
        var lines: [[String: Any]] {
            bytes.split(separator: 0x0A).map { (try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) ?? [:] }
        }
    }

    /// One pipeline run over `input` into `dir/out-N.ndjson`; journaled when `journal` is given.
    static func run(
        _ input: URL, in dir: URL, jobs: Int = 2, batchLines: Int = 64, shard: Shard? = nil,
        journal: Journal? = nil, runID: String? = nil, now: Date = now, template: String? = nil,
        maxRecordBytes: Int = 1 << 20, catalog: Catalog = catalog,
        emitter: any RecordEmitter = NDJSONEmitter(), folder: URL? = nil
    ) throws -> Result {
        var s = PipelineSettings()
        s.jobs = jobs
        s.batchLines = batchLines
        s.shard = shard
        s.maxRecordBytes = maxRecordBytes
        let outURL = dir.appendingPathComponent("out-\(UUID().uuidString).ndjson")
        let output = try OutputTarget.file(outURL.path, folder: folder)
        var plan: JournalPlan?
        if let journal {
            let record = RunRecord(
                id: runID ?? UUID().uuidString, startedAt: Date(), now: now, recipients: input.path, output: outURL.path,
                format: "ndjson", template: template, shard: shard?.description, jobs: jobs, projectHash: "test")
            plan = JournalPlan(journal: journal, run: try journal.create(record, templates: RenderPipeline.templateClasses(catalog)), resuming: false)
        }
        let fd = open(input.path, O_RDONLY)
        defer { close(fd) }
        let pipeline = RenderPipeline(
            catalog: catalog, brand: brand, assembly: AssemblyOptions(defaultTemplate: template, now: now),
            emitter: emitter, settings: s)
        let summary = try pipeline.run(input: fd, inputSize: nil, output: output, journal: plan)
        output.close()
        return Result(bytes: [UInt8](try Data(contentsOf: outURL)), summary: summary)
    }
}

/// The built `tessera` executable next to the test bundle (as PolicyTests' RenderCommandTests finds it).
enum TesseraBinary {
    static var url: URL? { TesseraExecutable.url }

    /// Runs tessera to completion; returns exit status and standard error.
    @discardableResult
    static func run(_ args: [String], stdout: URL? = nil, stdin: URL? = nil) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = url!
        p.arguments = args
        if let stdin { p.standardInput = try FileHandle(forReadingFrom: stdin) }
        let err = Pipe()
        p.standardError = err
        if let stdout {
            _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)  // FileHandle below says if it failed
            p.standardOutput = try FileHandle(forWritingTo: stdout)
        } else {
            p.standardOutput = FileHandle.nullDevice
        }
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
