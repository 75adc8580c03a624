import Assembly
import Foundation

/// The writer's side of a run: duplicate ids, output position, counts, input chain, journal.
struct WriterState {
    let emitter: any RecordEmitter
    let output: OutputTarget
    let plan: JournalPlan?
    var run: RunRecord
    /// id hash → first line: exact up to 64-bit hash collisions, 12–24 bytes an id.
    var seen = IDTable(expected: 1024)
    /// The input file's size (nil for a pipe) and the share of its lines this shard owns, to
    /// size `seen` once for the whole run.
    let inputSize: Int?
    let idsPerLine: Double
    private var seenSized = false
    var reasonTotals: [String: Int] = [:]
    var linesThisSession = 0
    private var lists = JournalListInterner()
    /// Set when the journal decides frequency caps as batches commit (`RunJournal.decidesCapsAtCommit`).
    var capsAtCommit: FrequencyCaps?

    init(emitter: any RecordEmitter, output: OutputTarget, plan: JournalPlan?, inputSize: Int?, shard: Shard?) {
        self.emitter = emitter
        self.output = output
        self.plan = plan
        self.inputSize = inputSize
        idsPerLine = 1 / Double(shard?.count ?? 1)
        run = plan?.run ?? RunRecord(id: "", startedAt: Date(), now: Date(), recipients: "", output: "", format: "", template: nil, shard: nil, jobs: 0, projectHash: "")
    }

    /// Per record: the duplicate check, then its files (`files`/`eml`); then the stream, then
    /// the journal's commit for this batch. Records are taken in order, so a record rejected
    /// for a failed write has already given its id back when a later one with it is checked.
    mutating func write(_ batch: Batch, activeSeconds: Double) throws {
        sizeSeen(linesRead: batch.firstLine + batch.spans.count - 1, bytesRead: batch.inputEnd)
        var reasons = batch.reasons.dictionary
        var replaced: [Int: [UInt8]] = [:]
        var nextFile = 0
        if let caps = capsAtCommit, let plan, !batch.keptForCaps.isEmpty {
            try stopCapped(batch, caps, plan.journal, &replaced, &reasons)
        }
        for i in batch.results.indices {
            let r = batch.results[i]
            run.inputChain = PipelineHash.chain(run.inputChain, r.lineHash)
            if r.skipped { run.counts.skipped += 1; continue }
            // A rejected record keeps its id (when one could be read) but does not claim it: a
            // later valid record with that id is rendered, not a duplicate.
            if let id = r.id, r.status != .rejected {
                if let first = seen.insertFirst(r.idHash, line: UInt32(truncatingIfNeeded: r.line)) {
                    let reason = Reason("record.duplicate-id", "line \(r.line): id '\(id)' already appeared on line \(first)")
                    replaced[i] = reject(&batch.results[i], id: id, reason: reason, reasons: &reasons)
                }
            }
            if nextFile < batch.files.count, batch.files[nextFile].record == i {
                try writeFiles(of: i, batch, from: &nextFile, &replaced, &reasons)
            }
            count(batch.results[i].status)
        }
        if replaced.isEmpty {
            try output.write(batch.stream, 0..<batch.stream.count)
        } else {
            var start = 0
            for i in batch.results.indices {
                let end = batch.results[i].end
                if let bytes = replaced[i] { try output.write(bytes, 0..<bytes.count) } else { try output.write(batch.stream, start..<end) }
                start = end
            }
        }
        linesThisSession += batch.spans.count
        for (code, n) in reasons { reasonTotals[code, default: 0] += n }
        guard let plan else { return }
        run.committedLines = batch.firstLine + batch.spans.count - 1
        run.committedBytes = output.offset
        run.activeSeconds = activeSeconds
        try plan.journal.commit(run, results: batch.results, reasons: reasons)
    }

    /// `--format files|eml`: the files of record `i` (from `batch.files[next]` on; `next` ends
    /// past them). None is written for a duplicate. A record whose file cannot be written is
    /// rejected (`output.write-failed`, naming the file and the system's error), its other files
    /// removed and its id given back, and the run goes on; a failure that would hit every record
    /// (a full disk) ends the run.
    private mutating func writeFiles(of i: Int, _ batch: Batch, from next: inout Int, _ replaced: inout [Int: [UInt8]], _ reasons: inout [String: Int]) throws {
        let first = next
        while next < batch.files.count, batch.files[next].record == i { next += 1 }
        guard replaced[i] == nil else { return }
        for f in batch.files[first..<next] {
            do {
                try output.writeFile(f.name, f.bytes)
            } catch let e as FileWriteFailure where e.isRecordLocal {
                for g in batch.files[first..<next] { output.removeFile(g.name) }
                let r = batch.results[i]
                seen.remove(r.idHash)  // not output after all: like any rejected record, it does not keep its id
                replaced[i] = reject(&batch.results[i], id: r.id, reason: Reason("output.write-failed", "line \(r.line): \(e.detail)"), reasons: &reasons)
                return
            } catch let e as FileWriteFailure {
                throw JournalError.cannotWriteFolder(path: output.folder?.path ?? "", reason: e.detail)
            }
        }
    }

    /// Asks the journal which of the batch's capped records a cap stops now, and turns those
    /// into suppressed records (their output replaced) before anything of the batch is written.
    private mutating func stopCapped(_ batch: Batch, _ caps: FrequencyCaps, _ journal: any RunJournal,
                                     _ replaced: inout [Int: [UInt8]], _ reasons: inout [String: Int]) throws {
        let candidates = batch.keptForCaps.keys.sorted().map { i in
            CapCandidate(index: i, idHash: batch.results[i].idHash, template: batch.results[i].template ?? "")
        }
        for (i, reason) in try journal.decideCaps(run, candidates: candidates, caps: caps) {
            guard let rendered = batch.keptForCaps[i] else { continue }
            let record = rendered.suppressed(reason)
            reasons[reason.code, default: 0] += 1
            var bytes: [UInt8] = []
            var files: [(name: String, bytes: [UInt8])] = []
            emitter.emit(record, stream: &bytes, files: &files)
            BatchRenderer.describe(record, into: &batch.results[i])
            BatchRenderer.describeLists(record, into: &batch.results[i], lists: &lists)
            batch.results[i].contentHash = record.messageDigest
            replaced[i] = bytes
        }
    }

    private mutating func count(_ status: RecipientStatus) {
        switch status {
        case .rendered: run.counts.rendered += 1
        case .suppressed: run.counts.suppressed += 1
        case .held: run.counts.held += 1
        case .rejected: run.counts.rejected += 1
        }
    }

    /// Sizes the duplicate-id table once, as soon as the input's mean line length is known (the
    /// first batch, or on resume the committed lines). Sized so, the table does not grow during
    /// the run; past the estimate (or for a pipe, whose size is unknown) it grows.
    mutating func sizeSeen(linesRead: Int, bytesRead: Int) {
        guard !seenSized, linesRead > 0, bytesRead > 0 else { return }
        seenSized = true
        seen.reserve(Self.expectedIDs(linesRead: linesRead, bytesRead: bytesRead, inputSize: inputSize, idsPerLine: idsPerLine))
    }

    /// The ids a run will meet: the lines read so far, plus the rest of the file at their mean
    /// length with 10% headroom (the first lines may be shorter than the rest), times the share
    /// of lines this shard owns.
    static func expectedIDs(linesRead: Int, bytesRead: Int, inputSize: Int?, idsPerLine: Double) -> Int {
        var lines = Double(linesRead)
        if let inputSize, inputSize > bytesRead, bytesRead > 0 {
            lines += Double(inputSize - bytesRead) / Double(bytesRead) * Double(linesRead) * 1.1
        }
        return Int(lines * idsPerLine) + 64
    }

    /// Turns a record into a rejected one (a later duplicate, a failed write); returns its bytes.
    private mutating func reject(_ r: inout RecordResult, id: String?, reason: Reason, reasons: inout [String: Int]) -> [UInt8] {
        for code in (r.reasons?.text ?? "").split(separator: " ") { reasons[String(code), default: 0] -= 1 }
        reasons[reason.code, default: 0] += 1
        let record = RenderedRecipient.rejected(line: r.line, id: id, reason: reason)
        var bytes: [UInt8] = []
        var files: [(name: String, bytes: [UInt8])] = []
        emitter.emit(record, stream: &bytes, files: &files)
        BatchRenderer.describe(record, into: &r)
        BatchRenderer.describeLists(record, into: &r, lists: &lists)
        r.contentHash = 0  // nothing is sent
        return bytes
    }
}
