import Assembly
import BrandContext
import Catalog
import Foundation

/// Settings of a pipeline run (`tessera render` flags).
package struct PipelineSettings: Sendable {
    /// Worker threads, each with its own `Assembler` (`--jobs`, default: all cores).
    package var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// A batch holds at most this many lines or about `batchBytes` of input; at most
    /// `2 × jobs + 2` batches exist, which bounds memory whatever the input size (a welcome
    /// email is ~24 KB of NDJSON, so a batch of 128 holds ~3 MB of output).
    package var batchLines = 128
    package var batchBytes = 1 << 20
    /// A longer line is rejected (`record.too-large`) without being buffered (`--max-record-bytes`).
    /// 16 MiB: real profiles carry megabyte fields (notes, histories); memory stays bounded by
    /// the window, at worst `(2 × jobs + 2) × (batchBytes + maxRecordBytes)` of input.
    package var maxRecordBytes = 16 << 20
    package var shard: Shard?
    package var progress: ProgressMode = .off
    package var progressInterval = 1.0
    /// Messages about the run's progress that are not errors (waiting for a lock).
    package var notice: @Sendable (String) -> Void = { _ in }
    package init() {}
}

/// Where a journaled run stands: a new run, or one being resumed.
package struct JournalPlan {
    package var journal: any RunJournal
    package var run: RunRecord
    package var resuming: Bool
    /// The run's lock (`RunJournal.takeRun`), removed when the run completes.
    package var runLock: (any JournalLock)?
    /// A retried part (`--part`, `resuming`): its earlier attempt's output is gone with it, so
    /// the lines it committed are rendered and written again, checked against the journal and
    /// not journaled twice, before the run continues where that attempt stopped.
    package var replaying = false
    package init(journal: Journal, run: RunRecord, resuming: Bool, runLock: FileLock? = nil) {
        self.init(journal: journal as any RunJournal, run: run, resuming: resuming, runLock: runLock)
    }
    package init(journal: any RunJournal, run: RunRecord, resuming: Bool, runLock: (any JournalLock)?) {
        self.journal = journal
        self.run = run
        self.resuming = resuming
        self.runLock = runLock
    }
}

/// What a run did, for the summary.
package struct RunSummary: Sendable {
    package var runID: String?
    package var counts: StatusCounts
    /// Lines handled by this process (a resumed run counts from its restart).
    package var linesThisSession: Int
    package var seconds: Double
    package var mjmlRenders: Int
    /// Reason codes by occurrences, most frequent first (over the whole run, resumes included).
    package var reasons: [(code: String, count: Int)]
}

/// Streams NDJSON recipients through N workers and writes their output in input order.
///
/// The calling thread is the writer; one reader thread cuts the input into batches; `jobs`
/// worker threads render batches (one `Assembler` each; catalog and brand are shared
/// read-only). Batches come back out of order and are written strictly by sequence number.
/// Per batch, the writer checks duplicate ids, writes the output, then commits the journal.
package final class RenderPipeline {
    let catalog: Catalog
    let brand: Brand
    let assembly: AssemblyOptions
    let emitter: any RecordEmitter
    let settings: PipelineSettings

    package init(catalog: Catalog, brand: Brand, assembly: AssemblyOptions, emitter: any RecordEmitter, settings: PipelineSettings) {
        self.catalog = catalog
        self.brand = brand
        self.assembly = assembly
        self.emitter = emitter
        self.settings = settings
    }

    /// Channel and category per template, recorded with a run for later frequency caps.
    package static func templateClasses(_ catalog: Catalog) -> [(id: String, channel: String, category: String)] {
        catalog.templates.map { ($0.id, $0.channel, FrequencyCaps.category(of: $0)) }
    }

    package func run(input fd: Int32, inputSize: Int?, output: OutputTarget, journal plan: JournalPlan?) throws -> RunSummary {
        let started = Date()
        let reader = LineReader(fd: fd, maxRecordBytes: settings.maxRecordBytes)
        var state = WriterState(emitter: emitter, output: output, plan: plan, inputSize: inputSize, shard: settings.shard)
        if let plan, plan.resuming {
            if plan.replaying {
                state.replay = Replay(through: plan.run.committedLines)  // the ids are seen again as the lines are
            } else {
                try skipCommitted(reader, plan.run)
                state.sizeSeen(linesRead: plan.run.committedLines, bytesRead: reader.consumed)
                try plan.journal.seenIDs(plan.run, into: &state.seen)
            }
            try plan.journal.markResumed(plan.run)
        }
        if let plan { try plan.journal.recordRandomizations(plan.run, DeclaredRandomization.of(catalog)) }  // for `tessera lift`
        var caps = FrequencyCaps(rules: brand.guardrails.frequencyCaps.map { .init(cap: $0, history: [:]) }, catalog: catalog)
        var capsLock: (any JournalLock)?
        defer { capsLock?.release() }
        if let plan {
            // Held from before the history is read until the run's last messages are committed.
            if FrequencyCaps.anyApplies(brand.guardrails.frequencyCaps, catalog) {
                capsLock = try plan.journal.takeFrequencyCaps(waiting: settings.notice)
            }
            let history = try plan.journal.capHistory(brand.guardrails.frequencyCaps, now: assembly.now, excluding: plan.run.key)
            caps = FrequencyCaps(rules: zip(brand.guardrails.frequencyCaps, history).map { .init(cap: $0, history: $1) }, catalog: catalog)
        }
        if plan?.journal.decidesCapsAtCommit == true, caps.byTemplate.isEmpty == false { state.capsAtCommit = caps }
        let workerSettings = WorkerSettings(
            emitter: emitter, shard: settings.shard, caps: caps, maxRecordBytes: settings.maxRecordBytes,
            journaled: plan != nil, capsAtCommit: state.capsAtCommit != nil)
        let jobs = max(1, settings.jobs)
        let renderers = (0..<jobs).map { _ in
            BatchRenderer(assembler: Assembler(catalog: catalog, brand: brand, options: assembly), settings: workerSettings)
        }
        let progress = ProgressReporter(
            mode: settings.progress, interval: settings.progressInterval, inputSize: inputSize, startBytes: reader.consumed)
        let activeBefore = plan?.run.activeSeconds ?? 0
        do {
            try runThreaded(reader, renderers, &state, progress) { activeBefore + Date().timeIntervalSince(started) }
        } catch {
            if plan == nil { output.discard() }  // nothing can resume it
            throw error
        }
        progress.finish()
        try output.finish()

        var reasons = state.reasonTotals.map { (code: $0.key, count: $0.value) }
        if let plan {
            state.run.endedAt = Date()
            state.run.recipientsHash = PipelineHash.hex(state.run.inputChain)
            try plan.journal.finish(state.run)
            plan.runLock?.remove()
            reasons = try plan.journal.reasonCounts(state.run)
        }
        reasons.sort { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
        return RunSummary(
            runID: plan?.run.id, counts: state.run.counts, linesThisSession: state.linesThisSession,
            seconds: Date().timeIntervalSince(started), mjmlRenders: renderers.reduce(0) { $0 + $1.assembler.mjmlRenders },
            reasons: reasons)
    }

    /// A reader thread, `jobs` worker threads, and this thread writing batches in sequence as
    /// they come back. (Running a single worker inline instead measured no faster, even on one core.)
    private func runThreaded(
        _ reader: LineReader, _ renderers: [BatchRenderer], _ state: inout WriterState,
        _ progress: ProgressReporter, activeSeconds: () -> Double
    ) throws {
        let exchange = Exchange(batches: 2 * renderers.count + 2)
        let group = DispatchGroup()
        let boundary = state.replay?.through ?? 0
        startThread(group) { exchange.read(reader, maxLines: self.settings.batchLines, maxBytes: self.settings.batchBytes, boundary: boundary) }
        for r in renderers { startThread(group) { exchange.work(r) } }
        var failure: Error?
        while let batch = exchange.nextInOrder() {
            do {
                try state.write(batch, activeSeconds: activeSeconds())
            } catch {
                failure = error
                exchange.abort()
                break
            }
            progress.update(lines: state.linesThisSession, counts: state.run.counts, bytesRead: batch.inputEnd)
            exchange.recycle(batch)
        }
        // On failure the reader may be blocked reading a pipe: do not wait for it (the process ends).
        if let failure { throw failure }
        group.wait()
    }

    /// Resume: reads past the lines the journal committed, checking they are the same lines.
    private func skipCommitted(_ reader: LineReader, _ run: RunRecord) throws {
        let scratch = Batch()
        var chain: UInt64 = 0
        var skipped = 0
        while skipped < run.committedLines {
            guard reader.fill(scratch, maxLines: min(4096, run.committedLines - skipped), maxBytes: Int.max) else { break }
            for span in scratch.spans { chain = PipelineHash.chain(chain, BatchRenderer.lineHash(scratch, span)) }
            skipped += scratch.spans.count
        }
        guard skipped == run.committedLines, chain == run.inputChain else {
            throw JournalError.inputChanged(run: run.id, committedLines: run.committedLines, recipients: run.recipients)
        }
    }

    private func startThread(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let t = Thread {
            body()
            group.leave()
        }
        t.stackSize = 8 << 20
        t.start()
    }
}

extension RenderPipeline: @unchecked Sendable {}
extension BatchRenderer: @unchecked Sendable {}
extension LineReader: @unchecked Sendable {}

/// The hand-offs between reader, workers and writer, under one condition variable: a pool of
/// free batches (its size bounds memory), a FIFO of filled ones, and rendered ones by sequence.
final class Exchange: @unchecked Sendable {
    private let cond = NSCondition()
    private var free: [Batch]
    private var todo: [Batch] = []
    private var done: [Int: Batch] = [:]
    private var total: Int?
    private var aborted = false
    private var next = 0

    init(batches: Int) { free = (0..<batches).map { _ in Batch() } }

    /// Reader thread. No batch holds both line `boundary` and the next (a retried part's
    /// replayed lines and its new ones are written differently).
    func read(_ reader: LineReader, maxLines: Int, maxBytes: Int, boundary: Int = 0) {
        var sequence = 0
        var lines = 0
        while true {
            cond.lock()
            while free.isEmpty && !aborted { cond.wait() }
            if aborted { cond.unlock(); return }
            let b = free.removeLast()
            cond.unlock()
            let filled = reader.fill(b, maxLines: lines < boundary ? min(maxLines, boundary - lines) : maxLines, maxBytes: maxBytes)
            lines += b.spans.count
            cond.lock()
            if filled {
                b.sequence = sequence
                sequence += 1
                todo.append(b)
            } else {
                free.append(b)
                total = sequence
            }
            cond.broadcast()
            cond.unlock()
            if !filled { return }
        }
    }

    /// Worker thread.
    func work(_ renderer: BatchRenderer) {
        while true {
            cond.lock()
            while todo.isEmpty && total == nil && !aborted { cond.wait() }
            if aborted || todo.isEmpty { cond.unlock(); return }
            let b = todo.removeFirst()
            cond.unlock()
            renderer.render(b)
            cond.lock()
            done[b.sequence] = b
            cond.broadcast()
            cond.unlock()
        }
    }

    /// Writer: the next batch in sequence, or nil at the end.
    func nextInOrder() -> Batch? {
        cond.lock()
        defer { cond.unlock() }
        while done[next] == nil && !(total.map { next >= $0 } ?? false) && !aborted { cond.wait() }
        guard let b = done.removeValue(forKey: next) else { return nil }
        next += 1
        return b
    }

    func recycle(_ b: Batch) {
        cond.lock()
        free.append(b)
        cond.broadcast()
        cond.unlock()
    }

    func abort() {
        cond.lock()
        aborted = true
        cond.broadcast()
        cond.unlock()
    }
}
