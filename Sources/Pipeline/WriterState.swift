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
    /// A retried part's lines written again (`JournalPlan.replaying`).
    var replay: Replay?

    init(emitter: any RecordEmitter, output: OutputTarget, plan: JournalPlan?, inputSize: Int?, shard: Shard?) {
        self.emitter = emitter
        self.output = output
        self.plan = plan
        self.inputSize = inputSize
        idsPerLine = 1 / Double(shard?.count ?? 1)
        run =
            plan?.run
            ?? RunRecord(
                id: "", startedAt: Date(), now: Date(), recipients: "", output: "", format: "", template: nil, shard: nil, jobs: 0, projectHash: "")
    }

    /// Per record: the duplicate check, then its files (`files`/`eml`); then the stream, then
    /// the journal's commit for this batch. Records are taken in order, so a record rejected
    /// for a failed write has already given its id back when a later one with it is checked.
    mutating func write(_ batch: Batch, activeSeconds: Double) throws {
        sizeSeen(linesRead: batch.firstLine + batch.spans.count - 1, bytesRead: batch.inputEnd)
        if let replay, let plan, batch.firstLine <= replay.through { return try writeAgain(batch, plan.journal) }
        run.activeSeconds = activeSeconds
        var reasons = batch.reasons.dictionary
        if let caps = capsAtCommit, let plan, !batch.keptForCaps.isEmpty {
            reasons = try writeDecidingCaps(batch, caps, plan.journal)
        } else {
            _ = try writeRecords(batch, replaced: [:], &reasons)
            if let plan { try plan.journal.commit(run, results: batch.results, reasons: reasons) }
        }
        linesThisSession += batch.spans.count
        for (code, n) in reasons { reasonTotals[code, default: 0] += n }
    }

    /// A batch whose frequency caps the journal decides: the decision, the output written for
    /// it and the commit are one unit (`RunJournal.commitDecidingCaps`). When the journal
    /// retries the unit with another decision (another writer sent to one of these recipients
    /// while the connection was lost), what the first attempt wrote is undone and the batch is
    /// written again. Returns the batch's reason counts.
    private mutating func writeDecidingCaps(_ batch: Batch, _ caps: FrequencyCaps, _ journal: any RunJournal) throws -> [String: Int] {
        let candidates = batch.keptForCaps.keys.sorted().map { i in
            CapCandidate(index: i, idHash: batch.results[i].idHash, template: batch.results[i].template ?? "")
        }
        let start = (run: run, offset: output.offset, results: batch.results)
        var applied: (decision: [Int: Reason], commit: BatchCommit, written: WrittenBatch)?
        try journal.commitDecidingCaps(start.run, candidates, caps: caps) { decision in
            if let earlier = applied {
                if earlier.decision == decision { return earlier.commit }  // its output stands
                try undo(earlier.written, toOffset: start.offset)
                run = start.run
                batch.results = start.results
            }
            var reasons = batch.reasons.dictionary
            let replaced = stopCapped(batch, decision, &reasons)
            let written = try writeRecords(batch, replaced: replaced, &reasons, undoable: true)
            let commit = BatchCommit(run: run, results: batch.results, reasons: reasons)
            applied = (decision, commit, written)
            return commit
        }
        return applied?.commit.reasons ?? [:]
    }

    /// The batch's records: duplicates, files, counts, the stream, and the run's new position.
    /// Returns what it did that `undo` takes back (when `undoable`; else nothing is noted).
    private mutating func writeRecords(
        _ batch: Batch, replaced: [Int: [UInt8]], _ reasons: inout [String: Int],
        undoable: Bool = false
    ) throws -> WrittenBatch {
        var replaced = replaced
        var written = WrittenBatch()
        var nextFile = 0
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
                } else if undoable {
                    written.claimedIDs.append(r.idHash)
                }
            }
            if nextFile < batch.files.count, batch.files[nextFile].record == i {
                let first = nextFile
                try writeFiles(of: i, batch, from: &nextFile, &replaced, &reasons)
                if undoable, replaced[i] == nil { written.files += batch.files[first..<nextFile].map(\.name) }
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
        run.committedLines = batch.firstLine + batch.spans.count - 1
        run.committedBytes = output.offset
        return written
    }

    /// Takes back a batch's writes before it is written again: its ids, its files, its stream.
    private mutating func undo(_ written: WrittenBatch, toOffset offset: Int) throws {
        for hash in written.claimedIDs { seen.remove(hash) }
        for name in written.files { output.removeFile(name) }
        try output.rewind(to: offset)
    }

    /// A retried part's batch of lines its earlier attempt committed: written again as that
    /// attempt recorded them (a cap's decision included), not journaled again, and checked
    /// against the journal: the same status and content per line, and at the last such line
    /// the same input chain and output size.
    private mutating func writeAgain(_ batch: Batch, _ journal: any RunJournal) throws {
        guard var replay else { return }
        let last = batch.firstLine + batch.spans.count - 1
        let recorded = try journal.recorded(run, lines: batch.firstLine...last)
        var decision: [Int: Reason] = [:]
        for i in batch.keptForCaps.keys { if let stop = recorded[batch.results[i].line]?.capStop { decision[i] = stop } }
        var reasons = batch.reasons.dictionary
        let replaced = stopCapped(batch, decision, &reasons)
        let kept = run
        run.inputChain = replay.inputChain
        defer { replay.inputChain = run.inputChain; run = kept; self.replay = replay }
        _ = try writeRecords(batch, replaced: replaced, &reasons)
        linesThisSession += batch.spans.count
        for r in batch.results where !r.skipped {
            guard let row = recorded[r.line], row.status == r.status.rawValue, row.contentHash == r.contentHash else {
                throw replay.mismatch(kept, line: r.line, now: r.status.rawValue, recorded: recorded[r.line]?.status)
            }
        }
        if last == replay.through, run.inputChain != kept.inputChain || output.offset != kept.committedBytes {
            throw replay.mismatch(kept, line: last, now: "\(output.offset) bytes of output", recorded: "\(kept.committedBytes)")
        }
    }

    /// `--format files|eml`: the files of record `i` (from `batch.files[next]` on; `next` ends
    /// past them). None is written for a duplicate. A record whose file cannot be written is
    /// rejected (`output.write-failed`, naming the file and the system's error), its other files
    /// removed and its id given back, and the run goes on; a failure that would hit every record
    /// (a full disk) ends the run.
    private mutating func writeFiles(
        of i: Int, _ batch: Batch, from next: inout Int, _ replaced: inout [Int: [UInt8]], _ reasons: inout [String: Int]
    ) throws {
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
                replaced[i] = reject(
                    &batch.results[i], id: r.id, reason: Reason("output.write-failed", "line \(r.line): \(e.detail)"), reasons: &reasons)
                return
            } catch let e as FileWriteFailure {
                throw JournalError.cannotWriteFolder(path: output.folder?.path ?? "", reason: e.detail)
            }
        }
    }

    /// Turns the records a cap stops (`decision`: by result index, with the reason) into
    /// suppressed records; returns their output, which replaces what the worker rendered.
    private mutating func stopCapped(_ batch: Batch, _ decision: [Int: Reason], _ reasons: inout [String: Int]) -> [Int: [UInt8]] {
        var replaced: [Int: [UInt8]] = [:]
        for (i, reason) in decision {
            guard let rendered = batch.keptForCaps[i] else { continue }
            let record = rendered.suppressed(reason)
            reasons[reason.code, default: 0] += 1
            var bytes: [UInt8] = []
            var files: [(name: String, bytes: [UInt8])] = []
            emitter.emit(record, stream: &bytes, files: &files)
            BatchRenderer.describe(record, into: &batch.results[i])
            BatchRenderer.describeLists(record, into: &batch.results[i], lists: &lists)
            batch.results[i].contentHash = record.messageDigest
            batch.results[i].capStop = reason
            replaced[i] = bytes
        }
        return replaced
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

/// What writing a batch did that cannot stay if the batch is written again: the ids it
/// claimed first and the files it wrote.
struct WrittenBatch {
    var claimedIDs: [UInt64] = []
    var files: [String] = []
}

/// A retried part writing again the lines its earlier attempt committed (through `through`).
struct Replay {
    let through: Int
    /// The input chain of the lines written again so far: at `through` it must be the journal's.
    var inputChain: UInt64 = 0

    init(through: Int) { self.through = through }

    func mismatch(_ run: RunRecord, line: Int, now: String, recorded: String?) -> JournalError {
        JournalError(
            "cannot continue run '\(run.id)' \(run.shard ?? ""): line \(line) renders differently from what its earlier attempt recorded (\(now) now, \(recorded ?? "nothing") recorded): the part's input, project or clock is not the same; start a new run id"
        )
    }
}
