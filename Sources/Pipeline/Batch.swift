import Assembly

/// One input line of a batch: a byte range of `Batch.input`, or a line too large to keep
/// (`oversized` is then its length and the range holds only its first bytes).
struct LineSpan {
    var start: Int
    var end: Int
    var oversized = 0
}

/// A file an output record asks for (`--format files|eml`), written by the writer after the
/// duplicate check so a later duplicate never overwrites the first record's files.
struct PendingFile {
    var record: Int
    var name: String
    var bytes: [UInt8]
}

/// What became of one line, for the writer (order, duplicates) and the journal.
package struct RecordResult {
    package var line: Int
    /// Offset in `Batch.stream` just past this record's bytes.
    package var end: Int
    /// Not this shard's record: no output, no journal row.
    package var skipped = false
    package var id: String?
    package var idHash: UInt64 = 0
    package var status: RecipientStatus = .rejected
    package var contentHash: UInt64 = 0
    package var template: String?
    /// Journal lists (nil: empty): shared per distinct list, see `JournalListInterner`.
    package var blocks: JournalList?
    package var claims: JournalList?
    package var signals: JournalList?
    /// Reason codes, in order.
    package var reasons: JournalList?
    /// Randomized assignments (`holdout=…`, `experiment=arm`) and the recipient's segments, for `tessera lift`.
    package var assignments: JournalList?
    package var segments: JournalList?
    package var lineHash: UInt64 = 0
    /// The frequency cap the journal stopped it with, at commit (`RunJournal.commitDecidingCaps`).
    package var capStop: Reason?
}

/// A slice of the input: filled by the reader, rendered by one worker, written by the writer
/// in sequence order, then reused (the pool of batches is what bounds memory).
final class Batch: @unchecked Sendable {
    var sequence = 0
    /// 1-based number of the first line.
    var firstLine = 1
    var input: [UInt8] = []
    var spans: [LineSpan] = []
    /// Input bytes consumed through the end of this batch (progress, ETA).
    var inputEnd = 0

    /// The ordered output stream (NDJSON lines, or the manifest for files and eml).
    var stream: [UInt8] = []
    var files: [PendingFile] = []
    var results: [RecordResult] = []
    /// Reason code occurrences, for the summary and the journal.
    var reasons = ReasonTally()
    /// Records kept as rendered (`keptForSuppression`: without their message), by result
    /// index, when the journal decides frequency caps at commit
    /// (`RunJournal.decidesCapsAtCommit`) and a cap applies to them: one the journal stops is
    /// emitted again as suppressed. Empty otherwise.
    var keptForCaps: [Int: RenderedRecipient] = [:]

    func clearResults() {
        if !keptForCaps.isEmpty { keptForCaps.removeAll(keepingCapacity: true) }
        if stream.capacity > 32 << 20 { stream = [] } else { stream.removeAll(keepingCapacity: true) }  // see LineReader.fill
        files.removeAll()
        results.removeAll(keepingCapacity: true)
        reasons.removeAll()
    }
}

/// Counts of reason codes. A run meets a few dozen distinct codes, so a linear search with
/// `==` (two words for a short string) beats hashing each code of each record. A journaled run
/// counts whole code lists (interned, compared by identity: one step per record instead of one
/// per reason) and spells them out into codes once per batch.
struct ReasonTally {
    private(set) var codes: [String] = []
    private(set) var counts: [Int] = []
    private var lists: [JournalList] = []
    private var listCounts: [Int] = []

    @inline(__always)
    mutating func add(_ code: String, _ n: Int = 1) {
        for i in codes.indices where codes[i] == code {
            counts[i] += n
            return
        }
        codes.append(code)
        counts.append(n)
    }

    /// One record's reason codes, as the journal interned them.
    @inline(__always)
    mutating func add(_ list: JournalList) {
        for i in lists.indices where lists[i] === list {
            listCounts[i] += 1
            return
        }
        lists.append(list)
        listCounts.append(1)
    }

    mutating func removeAll() {
        codes.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        lists.removeAll(keepingCapacity: true)
        listCounts.removeAll(keepingCapacity: true)
    }

    var dictionary: [String: Int] {
        var d: [String: Int] = [:]
        for (c, n) in zip(codes, counts) { d[c, default: 0] += n }
        for (list, n) in zip(lists, listCounts) {
            for c in list.items { d[c, default: 0] += n }
        }
        return d
    }
}
