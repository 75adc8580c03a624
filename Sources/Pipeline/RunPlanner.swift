import Catalog
import Foundation

/// `--format`: how a run writes its records.
package enum RenderFormat: String, CaseIterable, Sendable {
    case ndjson, files, eml
}

/// What a batch run is asked for (`tessera render`'s flags); nil where a flag was not given.
package struct RunRequest: Sendable {
    package var recipients: String?
    package var out: String?
    package var format: RenderFormat?
    package var template: String?
    /// `--now`: a pinned clock (nil: the time the run starts).
    package var now: Date?
    /// `--shard K/N` as given: a resumed run compares it with the journal's text.
    package var shard: String?
    /// `--part K/N` of `--run-id`: a new part, or a retried one whose earlier attempt died.
    package var part: String?
    package var jobs: Int
    /// `--run-id` of a new run, or `--resume` of an existing one.
    package var runID: String?
    package var resume: String?
    /// Replace an output that is not Tessera's own.
    package var force = false

    package init(jobs: Int) { self.jobs = jobs }
}

/// The settings a run goes with: from the request, or, on `--resume`, from the journal.
package struct RunSettings: Sendable {
    package var recipients: String
    package var out: String
    package var format: RenderFormat
    package var template: String?
    package var now: Date
    package var shard: Shard?
    package var jobs: Int
    /// The run being continued (nil: a new run).
    package var resumed: RunRecord?
    /// A retried part (`--part`): its committed lines are written again (`JournalPlan.replaying`).
    package var replaying = false

    /// The file the ordered stream goes to: the output, or a folder's `manifest.ndjson`.
    var streamPath: String { format == .ndjson ? out : URL(fileURLWithPath: out).appendingPathComponent("manifest.ndjson").path }
}

/// A request's value that cannot be used, found while planning; the CLI reports it as a usage
/// error (`JournalError`s are run errors).
package struct RunRequestError: Error, CustomStringConvertible {
    package var description: String
}

/// Plans a batch run before any record is read: which run (a new one, or the one `--resume`
/// continues, with the flags given again checked against it), its lock, whether the project
/// still matches it, the output (never the input or the journal; replaced only when Tessera's
/// own or forced; truncated to the committed bytes on resume) and the journal's record of it.
/// The CLI parses flags and prints; `RenderPipeline.run` then skips the committed records.
package struct RunPlanner {
    package let request: RunRequest
    package let journal: (any RunJournal)?
    package private(set) var settings: RunSettings
    /// The resumed run's lock (`RunJournal.takeRun`), taken before the run is read again.
    private var runLock: (any JournalLock)?

    /// Reads the settings; a resumed run is locked (one process writes a run at a time) and then
    /// read again, since the process that had it may have committed more.
    package init(_ request: RunRequest, journal: (any RunJournal)?) throws {
        self.request = request
        self.journal = journal
        if let id = request.resume, let journal {
            settings = try Self.resumedSettings(id, request, journal)
        } else if let journal, let retried = try Self.retriedPart(request, journal) {
            settings = retried
        } else {
            settings = try Self.freshSettings(request)
        }
        if let journal, let run = settings.resumed {
            runLock = try journal.takeRun(run)
            settings.resumed = try journal.run(run.id, shard: run.shard)
        }
    }

    private static func freshSettings(_ r: RunRequest) throws -> RunSettings {
        var shard: Shard?
        if let text = r.shard {
            guard let s = Shard(text) else { throw RunRequestError(description: "--shard expects K/N with 1 <= K <= N, e.g. 2/8; found '\(text)'") }
            shard = s
        }
        return RunSettings(
            recipients: r.recipients ?? "-", out: r.out ?? "-", format: r.format ?? .ndjson, template: r.template,
            now: r.now ?? Date(), shard: shard, jobs: r.jobs)
    }

    /// How a part is named among a run's shards in the journal.
    package static func partLabel(_ part: String) -> String { "part \(part)" }

    /// `--part K/N` of a run that has it already: its earlier attempt died (or completed, and
    /// its output was lost with the task), so this one writes its committed lines again and
    /// continues. Its flags must agree with the part's; nil when the part is new.
    private static func retriedPart(_ r: RunRequest, _ journal: any RunJournal) throws -> RunSettings? {
        guard let part = r.part, let runID = r.runID, let run = try journal.run(runID, shard: partLabel(part)) else { return nil }
        var fresh = try freshSettings(r)
        guard fresh.recipients == run.recipients, fresh.out == run.output, fresh.format.rawValue == run.format,
            fresh.template == run.template, fresh.now == run.now
        else {
            throw JournalError(
                "run '\(runID)' part \(part) exists with other settings (recipients \(run.recipients), out \(run.output), format \(run.format), template \(run.template ?? "none"), now \(ISO8601DateFormatter().string(from: run.now))): a retried part must be the same command; choose another --run-id for another send"
            )
        }
        fresh.resumed = run
        fresh.replaying = true
        return fresh
    }

    /// `--resume`: the run's own settings; a flag given again must agree with them.
    private static func resumedSettings(_ id: String, _ r: RunRequest, _ journal: any RunJournal) throws -> RunSettings {
        guard let run = try journal.run(id, shard: r.shard) else {
            let known = (try? journal.runs().map(\.id)) ?? []
            throw JournalError("no run '\(id)' in \(journal.path)\(known.isEmpty ? "" : " (runs: \(known.suffix(5).joined(separator: ", ")))")")
        }
        guard run.state != "completed" else {
            throw JournalError("run '\(id)' already completed (\(run.counts.records) records): nothing to resume")
        }
        guard run.output != "-" else {
            throw JournalError(
                "run '\(id)' wrote to standard output, which cannot be truncated and continued: only a run with --out FILE (or a folder) can be resumed; start it again"
            )
        }
        func agree(_ flag: String, _ given: String?, _ stored: String?) throws {
            if let given, given != stored {
                throw JournalError(
                    "--\(flag) '\(given)' differs from run '\(id)' (\(stored ?? "none")): a resumed run keeps its settings; omit the flag")
            }
        }
        try agree("recipients", r.recipients, run.recipients)
        try agree("out", r.out, run.output)
        try agree("format", r.format?.rawValue, run.format)
        try agree("template", r.template, run.template)
        try agree("shard", r.shard, run.shard)
        if let given = r.now, given != run.now {
            throw JournalError(
                "--now differs from run '\(id)' (\(ISO8601DateFormatter().string(from: run.now))): a resumed run keeps its clock; omit the flag")
        }
        guard let format = RenderFormat(rawValue: run.format) else { throw JournalError("run '\(id)' has an unknown format '\(run.format)'") }
        return RunSettings(
            recipients: run.recipients, out: run.output, format: format, template: run.template, now: run.now,
            shard: run.shard.flatMap(Shard.init), jobs: r.jobs, resumed: run)
    }

    /// A resumed run must meet the project it started with and still be open; checked before
    /// the output is touched (a resume truncates it).
    package func checkResumable(projectHash: String) throws {
        guard let run = settings.resumed else { return }
        guard run.projectHash == projectHash else {
            throw JournalError(
                "cannot resume run '\(run.id)': brand/, templates/ or blocks/ changed since it started (project hash \(run.projectHash), now \(projectHash))"
            )
        }
        guard run.state != "completed" || settings.replaying else {
            throw JournalError("run '\(run.id)' already completed (\(run.counts.records) records): nothing to resume")
        }
    }

    /// The output must not be the recipients file (or the journal file): compared by device and
    /// inode, so a hard link, a symlink or `< file` on standard input counts as the same file.
    /// Writing it would replace the input while it is read.
    package func refuseSameFile(input: Int32?, journalFile: String?) throws {
        let s = settings
        guard s.out != "-" else { return }
        let written = s.streamPath
        // Not there yet: nothing to overwrite; a device such as /dev/null is never replaced.
        guard let output = FileIdentity(path: written), output.isRegular else { return }
        let inputFile = input.flatMap(FileIdentity.init(fd:)) ?? (s.recipients == "-" ? nil : FileIdentity(path: s.recipients))
        if output == inputFile {
            throw JournalError(
                "--out '\(written)' is the recipients file '\(s.recipients == "-" ? "standard input" : s.recipients)' (same device and inode): writing it would destroy the input; choose another --out"
            )
        }
        if let journalFile, output == FileIdentity(path: journalFile) {
            throw JournalError("--out '\(written)' is the journal '\(journalFile)' (same device and inode): choose another --out")
        }
    }

    /// The output: standard output, a file, or a folder and its manifest; continued at the
    /// committed bytes on resume; an existing output not Tessera's own only with `force`.
    package func openOutput() throws -> OutputTarget {
        let s = settings
        // A retried part writes its output again from the start.
        let resumeAt = s.replaying ? nil : s.resumed?.committedBytes
        switch s.format {
        case .ndjson:
            if s.out == "-" { return .standardOutput() }
            return try OutputTarget.file(s.out, resumeAt: resumeAt, force: request.force)
        case .files, .eml:
            guard s.out != "-" else { throw JournalError("--format \(s.format.rawValue) writes files: give --out DIR") }
            let url = URL(fileURLWithPath: s.out)
            if resumeAt == nil, !request.force, !OutputOwnership.isTesseraFolder(url) {
                throw JournalError(
                    "folder '\(s.out)' holds files but no Tessera manifest.ndjson: not writing into it; use --force to write there anyway, or choose an empty or new folder"
                )
            }
            do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
                throw JournalError("cannot create folder '\(s.out)': \(error.localizedDescription)")
            }
            return try OutputTarget.file(s.streamPath, folder: url, resumeAt: resumeAt, force: request.force)
        }
    }

    /// The journal's part of the run: the resumed run, or a new run recorded and locked; nil
    /// without a journal. A new run's output is discarded when it cannot be recorded.
    package func journalPlan(projectHash: String, catalog: Catalog, output: OutputTarget) throws -> JournalPlan? {
        guard let journal else { return nil }
        if var run = settings.resumed {
            run.jobs = settings.jobs
            var plan = JournalPlan(journal: journal, run: run, resuming: true, runLock: runLock)
            plan.replaying = settings.replaying
            return plan
        }
        do {
            let s = settings
            let record = RunRecord(
                id: request.runID ?? Self.newRunID(), startedAt: Date(), now: s.now, recipients: s.recipients,
                output: s.out, format: s.format.rawValue, template: s.template,
                shard: s.shard?.description ?? request.part.map(Self.partLabel), jobs: s.jobs, projectHash: projectHash)
            let run = try journal.create(record, templates: RenderPipeline.templateClasses(catalog))
            return JournalPlan(journal: journal, run: run, resuming: false, runLock: try journal.takeRun(run))
        } catch {
            output.discard()
            throw error
        }
    }

    /// `run-<UTC date>-<time>-<random>`.
    static func newRunID() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return "run-\(f.string(from: Date()))-\(String(UInt16.random(in: 0...UInt16.max), radix: 16))"
    }
}
