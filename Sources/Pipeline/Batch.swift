import Assembly

/// One input line of a batch: a byte range of `Batch.input`, or a line too large to keep
/// (`oversized` is then its length and the range is empty).
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
struct RecordResult {
    var line: Int
    /// Offset in `Batch.stream` just past this record's bytes.
    var end: Int
    /// Not this shard's record: no output, no journal row.
    var skipped = false
    var id: String?
    var idHash: UInt64 = 0
    var status: RecipientStatus = .rejected
    var contentHash: UInt64 = 0
    var template: String?
    var blocks = ""
    var claims = ""
    var signals = ""
    /// Reason codes, space separated, in order.
    var reasons = ""
    var lineHash: UInt64 = 0
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
    /// Space-separated reason code sequences → records having exactly that sequence.
    var reasonSequences: [String: Int] = [:]

    /// Reason code occurrences, for the summary and the journal.
    func reasonCounts() -> [String: Int] {
        var counts: [String: Int] = [:]
        for (sequence, n) in reasonSequences {
            for code in sequence.split(separator: " ") { counts[String(code), default: 0] += n }
        }
        return counts
    }

    func clearResults() {
        stream.removeAll(keepingCapacity: true)
        files.removeAll()
        results.removeAll(keepingCapacity: true)
        reasonSequences.removeAll(keepingCapacity: true)
    }
}
