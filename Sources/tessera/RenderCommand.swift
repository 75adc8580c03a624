import ArgumentParser
import Assembly
import BrandContext
import Catalog
import Foundation
import Pipeline
import PipelinePostgres
import Policy

/// `tessera render` — the main job: one message per recipient, with the reasons for every choice.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one message per recipient: choose template and blocks, fill, write NDJSON, files or .eml.",
        discussion: """
            Reads recipients as NDJSON (one JSON object a line; only "id" is required) and writes exactly one output record per input line, in input order, with status rendered, suppressed, held or rejected and the reasons (codes such as block.chosen, block.ineligible, holdout.draw, consent.email, liquid.undefined).

            The project folder holds brand/, templates/ and blocks/. Templates and blocks are compiled once; each distinct block permutation's HTML is rendered by MJML once and then only filled per recipient.

            Formats:
              ndjson  one JSON object a line (--out FILE, or - for stdout): id, status,
                      template, personalized, subject, preheader, html, text, blocks,
                      claims, signals, reasons
              files   --out DIR: ID.html and ID.txt per rendered recipient, and
                      manifest.ndjson (each record; its html and text name the files)
              eml     --out DIR: ID.eml (RFC 5322 multipart/alternative) per rendered
                      recipient, and manifest.ndjson

            Batch runs (docs/pipeline.md): --jobs workers render in parallel, output stays in input order. A line that is not valid UTF-8 or JSON, has no id, repeats an earlier id, or is longer than --max-record-bytes is rejected with its line number; the run goes on. --journal records the run in SQLite, or in PostgreSQL (postgres://USER@HOST:PORT/DB; password from PGPASSWORD or ~/.pgpass), which shards on many machines share (--run-id ID --shard K/N each); --resume continues a killed run (output to a file or folder only). Frequency caps from brand/guardrails.yaml count the journal's earlier runs. Progress: a bar on a terminal, `progress {json}` lines on a pipe.

            Output files (docs/pipeline.md "Output files"): --out may not be the recipients file or the journal (compared by device and inode). A file is written beside itself (.NAME.tessera-partial) and renamed into place when the run completes; an existing file that is not Tessera output, or a folder without Tessera's manifest.ndjson, is replaced only with --force. One process writes an output, or a journaled run, at a time: a second one refuses, naming the first. File names from ids are percent-encoded (a/b -> a%2Fb), long or upper-case ones hash-suffixed; manifest.ndjson names each record's files.

            Examples:
              tessera render --recipients examples/recipients.ndjson \\
                  --out out/messages.ndjson
              tessera generate-recipients --count 1000 |
                  tessera render --template welcome > out.ndjson
              tessera render --recipients examples/recipients.ndjson --format eml \\
                  --out out/eml --now 2026-11-23T09:00:00Z
              tessera render --recipients big.ndjson --out out/big.ndjson --jobs 2 \\
                  --journal .tessera/journal.sqlite
              tessera render --journal .tessera/journal.sqlite \\
                  --resume run-20261123-090000-1a2b
              tessera render --recipients big.ndjson --shard 3/8 --out out/shard-3.ndjson

            One recipient's message as an HTML file in the browser: tessera view.

            Exit status: 0 when the run completed (held and rejected records are normal output), 2 when brand/ or the catalog has errors or a file cannot be read or written.
            """
    )

    @OptionGroup var project: ProjectOptions
    @Option(help: "Recipients NDJSON file, or - for standard input (default).") var recipients: String?
    @Option(help: "Template id for records whose decision names neither a template nor an action a template serves.") var template: String?
    @Option(help: "Output: a file or - (ndjson, default -), a folder (files, eml).") var out: String?
    @Option(help: "ndjson (default), files or eml.") var format: RenderFormat?
    @Flag(help: "No progress or summary on standard error.") var quiet = false
    @Option(help: "Worker threads (default: all cores). Output order is input order whatever the value.") var jobs: Int?
    @Option(
        help:
            "Record the run in this SQLite journal (WAL), or in PostgreSQL: postgres://USER@HOST:PORT/DB[?sslmode=…] (password from PGPASSWORD or ~/.pgpass, never in the URL). Per recipient: status, content hash, blocks, claims, signals, reasons."
    ) var journal: String?
    @Option(
        help:
            "Continue the run RUN_ID of --journal after a crash or kill: same input, output and settings; exactly one output per input record overall."
    ) var resume: String?
    @Option(help: "Id for a new journaled run (default: run-<date>-<time>-<random>).") var runId: String?
    @Option(help: "K/N: render only the recipients whose id hashes to shard K of N (FNV-1a 64 of the id, mod N, plus 1).") var shard: String?
    @Option(
        help:
            "K/N: this process is part K of N of --run-id and renders every line it reads (the input is already split, e.g. a Spark partition; PostgreSQL --journal). A part whose earlier attempt died is continued: its committed lines are written again as recorded, then the rest is rendered (docs/pipeline.md \"Parts\")."
    ) var part: String?
    @Option(help: "Reject (record.too-large) a line longer than this many bytes, without buffering it (default 16 MiB).") var maxRecordBytes: Int =
        PipelineSettings().maxRecordBytes
    @Option(help: "Seconds between progress reports on standard error (default 1).") var progressInterval: Double?
    @Option(help: .hidden) var batchLines: Int?
    @Flag(help: "Replace an --out file (or write into a folder) that is not Tessera's own output (docs/pipeline.md \"Output files\").") var force =
        false

    /// The most worker threads `--jobs` may ask for: past the cores there is nothing to gain, and
    /// each worker holds its own assembler and batches. The default (all cores) is clamped too.
    static let maxJobs = 256
    /// The most lines `--batch-lines` may put in one batch: output is held per batch, and a batch of
    /// tiny input lines can still produce ~24 KB of output each.
    static let maxBatchLines = 4096
    /// The largest `--max-record-bytes`: one line up to it is held whole in memory.
    static let maxRecordBytesCeiling = 1 << 30

    /// Every flag checked before any work: values out of range, and combinations where a flag
    /// would be silently ignored.
    func validate() throws {
        if let jobs, !(1...Self.maxJobs).contains(jobs) {
            throw ValidationError("--jobs expects 1 to \(Self.maxJobs) worker threads, found \(jobs)")
        }
        if let batchLines, !(1...Self.maxBatchLines).contains(batchLines) {
            throw ValidationError("--batch-lines expects 1 to \(Self.maxBatchLines), found \(batchLines)")
        }
        guard (1...Self.maxRecordBytesCeiling).contains(maxRecordBytes) else {
            throw ValidationError("--max-record-bytes expects 1 to \(Self.maxRecordBytesCeiling) bytes, found \(maxRecordBytes)")
        }
        if let progressInterval, !(progressInterval.isFinite && progressInterval >= 0) {
            throw ValidationError("--progress-interval expects 0 or more seconds, found '\(progressInterval)'")
        }
        if runId != nil && resume != nil {
            throw ValidationError("--run-id names a new run and --resume continues an existing one: give one of them")
        }
        if runId != nil && journal == nil { throw ValidationError("--run-id needs --journal FILE: only a journaled run has an id") }
        if resume != nil && journal == nil { throw ValidationError("--resume needs the --journal FILE that recorded the run") }
        if let part {
            guard Shard(part) != nil else { throw ValidationError("--part expects K/N with 1 <= K <= N, e.g. 2/8; found '\(part)'") }
            guard runId != nil, let journal, JournalOpener.isDatabase(journal) else {
                throw ValidationError("--part needs --run-id ID and a PostgreSQL --journal postgres://…: the parts of a run meet in one database")
            }
            if shard != nil || resume != nil {
                throw ValidationError(
                    "--part renders every line it reads and continues its own earlier attempt: give it without --shard and --resume")
            }
            if project.now == nil {
                throw ValidationError("--part needs --now TS: every attempt of a part, and every part of the run, renders with one clock")
            }
        }
        if quiet && progressInterval != nil {
            throw ValidationError("--progress-interval has no effect with --quiet (no progress is printed): give one of them")
        }
    }

    /// Lines a batch holds: 128, or 512 with a PostgreSQL journal, where each batch costs two
    /// round trips and a transaction (measured on 200,000 welcome recipients, --jobs 2: 15.9 s
    /// with 128, 12.2–13.5 s with 512, 10.8 s on SQLite). A batch also stops at 1 MiB of input, and
    /// holds its output (~24 KB a welcome email: ~12 MB at 512) until it is written.
    static func defaultBatchLines(journal: String?) -> Int {
        journal.map(JournalOpener.isDatabase) == true ? 512 : PipelineSettings().batchLines
    }

    /// All cores, but no more than `maxJobs`.
    static var defaultJobs: Int { min(max(1, ProcessInfo.processInfo.activeProcessorCount), maxJobs) }

    func run() throws {
        do { try render() } catch let e as JournalError {
            printError("error: \(e.description)")
            throw ExitCode(2)
        } catch let e as ExitCode {
            throw e
        } catch let e as ValidationError {
            throw e
        } catch {
            // A journal (SQLite) or I/O failure: say so and exit 2 like every other run error.
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    private func render() throws {
        let journalFile = try journal.map { try JournalOpener.open($0, notice: { [quiet] m in if !quiet { printError(m) } }) }
        let planner: RunPlanner
        do { planner = try RunPlanner(try request(), journal: journalFile) } catch let e as RunRequestError {
            throw ValidationError(e.description)
        }
        let settings = planner.settings

        let (brand, catalog) = try project.load()
        if let t = settings.template, catalog.template(t) == nil {
            printError("error: --template '\(t)' is not a template (known: \(catalog.templates.map(\.id).joined(separator: ", ")))")
            throw ExitCode(2)
        }
        let projectHash = ProjectHash.compute(root: URL(fileURLWithPath: project.project))
        try planner.checkResumable(projectHash: projectHash)

        // Input, then output, then the journal's record of a new run: a run refused for its
        // files (missing input, --out the input, an output another process writes) is not
        // recorded, so it can never be resumed onto another run's output.
        let input = try openInput(settings.recipients)
        try planner.refuseSameFile(
            input: input.fileDescriptor, journalFile: journal.flatMap { JournalOpener.isDatabase($0) ? nil : journalFile?.path })
        var st = stat()
        let inputSize = fstat(input.fileDescriptor, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : nil
        let output = try planner.openOutput()
        defer { output.close() }
        let plan = try planner.journalPlan(projectHash: projectHash, catalog: catalog, output: output)
        if let plan, let journalFile, !quiet {
            printError("run \(plan.run.id)\(plan.run.shard.map { " \($0)" } ?? "")\(resumedNote(plan)) journaled in \(journalFile.path)")
        }
        let emitter: any RecordEmitter =
            settings.format == .ndjson
            ? NDJSONEmitter()
            : FileSetEmitter(kind: settings.format == .eml ? .eml : .files, sender: brand.facts.sender, now: settings.now)
        let pipelineSettings = self.pipelineSettings(settings)
        let assembly = AssemblyOptions(
            defaultTemplate: settings.template, now: settings.now, recipientGuard: PolicyGuard(brand: brand, catalog: catalog))
        let summary = try RenderPipeline(catalog: catalog, brand: brand, assembly: assembly, emitter: emitter, settings: pipelineSettings)
            .run(input: input.fileDescriptor, inputSize: inputSize, output: output, journal: plan)
        if !quiet { for line in summary.report(machine: pipelineSettings.progress == .lines) { printError(line) } }
    }

    private func resumedNote(_ plan: JournalPlan) -> String {
        guard plan.resuming else { return "" }
        if plan.replaying {
            return " (retried: its \(plan.run.committedLines) committed lines written again, then resumed at line \(plan.run.committedLines + 1))"
        }
        return " (resumed at line \(plan.run.committedLines + 1))"
    }

    /// The run the flags ask for (planned by Pipeline's `RunPlanner`).
    private func request() throws -> RunRequest {
        var r = RunRequest(jobs: jobs ?? Self.defaultJobs)
        r.recipients = recipients
        r.out = out
        r.format = format
        r.template = template
        r.now = project.now == nil ? nil : try project.clock()
        r.shard = shard
        r.part = part
        r.runID = runId
        r.resume = resume
        r.force = force
        return r
    }

    private func pipelineSettings(_ settings: RunSettings) -> PipelineSettings {
        var p = PipelineSettings()
        p.jobs = settings.jobs
        p.shard = settings.shard
        p.batchLines = batchLines ?? Self.defaultBatchLines(journal: journal)
        p.maxRecordBytes = maxRecordBytes
        p.progress = quiet ? .off : .automatic
        p.progressInterval = progressInterval ?? 1
        p.notice = { [quiet] message in if !quiet { printError(message) } }
        return p
    }
}

/// `--format ndjson|files|eml`.
extension RenderFormat: ExpressibleByArgument {}

/// `--project` and `--now`, shared by render and explain.
struct ProjectOptions: ParsableArguments {
    @Option(help: "Project folder holding brand/, templates/ and blocks/.") var project: String = "."
    @Option(help: "Pin the clock (ISO 8601, e.g. 2026-11-23T09:00:00Z or 2026-11-23) for deterministic output.") var now: String?

    /// An invalid --now is a usage error before any work, on every command that takes it.
    func validate() throws { _ = try clock() }

    func clock() throws -> Date {
        guard let now else { return Date() }
        if let d = ISOTimestamp.parse(now) { return d }
        throw ValidationError(
            "--now expects an ISO 8601 timestamp naming a real day and time, such as 2026-11-23T09:00:00Z or 2026-11-23; found '\(now)'")
    }

    /// Loads brand/ and the catalog; prints every diagnostic and exits 2 on errors.
    func load() throws -> (Brand, Catalog) {
        let root = URL(fileURLWithPath: project)
        let prefix = project == "." ? "brand" : (project as NSString).appendingPathComponent("brand")
        let b = BrandLoader.load(directory: root.appendingPathComponent("brand"), displayPrefix: prefix)
        guard let brand = b.brand else {
            for d in b.diagnostics { printError("\(d)") }
            printError("\(b.errors.count) error\(b.errors.count == 1 ? "" : "s") in brand/")
            throw ExitCode(2)
        }
        let c = CatalogLoader.load(project: root, brand: brand)
        for d in c.diagnostics { printError("\(d)") }
        guard let catalog = c.catalog else {
            printError("\(c.errors.count) error\(c.errors.count == 1 ? "" : "s") in templates/ and blocks/")
            throw ExitCode(2)
        }
        return (brand, catalog)
    }
}

func openInput(_ path: String) throws -> FileHandle {
    if path == "-" { return FileHandle.standardInput }
    guard let h = FileHandle(forReadingAtPath: path) else {
        printError("error: cannot read recipients file '\(path)'")
        throw ExitCode(2)
    }
    return h
}
