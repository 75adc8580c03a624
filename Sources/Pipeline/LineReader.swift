import Foundation

/// Cuts the input into batches of lines without holding more than one read chunk and one
/// batch: a line longer than `maxRecordBytes` is skipped as it streams past (only its length
/// is kept, and the record is rejected), so a 10 MB line costs no 10 MB buffer. Its first
/// `oversizedPrefix` bytes are kept, so the rejected record can still name its id.
final class LineReader {
    let fd: Int32
    let maxRecordBytes: Int
    private var pending: [UInt8] = []
    private var pos = 0
    private var eof = false
    /// Length so far of an oversized line being skipped (0: none).
    private var skipping = 0
    /// The first bytes of the oversized line being skipped (an early `"id"` member is read from them).
    private var skippedHead: [UInt8] = []
    /// How much of an oversized line is kept for its id: 64 KiB (ids come first in real
    /// records), never more than the record limit.
    let oversizedPrefix: Int
    private(set) var consumed = 0
    private(set) var nextLine = 1
    private let chunkSize = 1 << 20
    /// Where `read` lands before its bytes join `pending` (growing `pending` first would zero it).
    private let chunk: UnsafeMutableRawBufferPointer

    init(fd: Int32, maxRecordBytes: Int) {
        self.fd = fd
        self.maxRecordBytes = maxRecordBytes
        oversizedPrefix = min(maxRecordBytes, 64 << 10)
        pending.reserveCapacity(chunkSize * 2)
        chunk = .allocate(byteCount: chunkSize, alignment: 16)
    }

    deinit { chunk.deallocate() }

    /// The next newline at or after `pos` (memchr: the reader scans every input byte).
    private func nextNewline() -> Int? {
        pending.withUnsafeBytes { raw in
            guard pos < raw.count, let p = memchr(raw.baseAddress! + pos, 0x0A, raw.count - pos) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(p))
        }
    }

    /// Fills `batch` with up to `maxLines` lines or about `maxBytes` bytes; false when the
    /// input is exhausted and nothing was added.
    func fill(_ batch: Batch, maxLines: Int, maxBytes: Int) -> Bool {
        // A batch that held a record of many megabytes gives that memory back (the pool keeps
        // its batches for the whole run; only ordinary sizes are worth keeping).
        if batch.input.capacity > 2 * min(maxBytes, 1 << 40) + oversizedPrefix {
            batch.input = []
        } else {
            batch.input.removeAll(keepingCapacity: true)
        }
        batch.spans.removeAll(keepingCapacity: true)
        batch.firstLine = nextLine
        while batch.spans.count < maxLines && batch.input.count < maxBytes {
            if let nl = nextNewline() {
                take(pos..<nl, into: batch)
                consumed += 1
                pos = nl + 1
                continue
            }
            let remaining = pending.count - pos
            if skipping > 0 || remaining > maxRecordBytes {
                if skipping == 0 { skippedHead = Array(pending[pos..<(pos + min(remaining, oversizedPrefix))]) }
                skipping += remaining
                consumed += remaining
                pos = pending.count
            }
            if eof {
                if pos < pending.count || skipping > 0 { take(pos..<pending.count, into: batch); pos = pending.count }
                break
            }
            readMore()
        }
        batch.inputEnd = consumed
        return !batch.spans.isEmpty
    }

    /// One complete line (without its newline) at `range` of `pending`.
    private func take(_ range: Range<Int>, into batch: Batch) {
        nextLine += 1
        if skipping > 0 || range.count > maxRecordBytes {
            let length = skipping + range.count
            consumed += range.count
            let start = batch.input.count
            if skipping > 0 { batch.input += skippedHead } else { batch.input += pending[range.prefix(oversizedPrefix)] }
            batch.spans.append(LineSpan(start: start, end: batch.input.count, oversized: length))
            skipping = 0
            skippedHead = []
            return
        }
        consumed += range.count
        var r = range
        if r.count > 0, pending[r.upperBound - 1] == 0x0D { r = r.lowerBound..<(r.upperBound - 1) }
        let start = batch.input.count
        batch.input.append(contentsOf: pending[r])
        batch.spans.append(LineSpan(start: start, end: batch.input.count))
    }

    private func readMore() {
        if pos > 0 { pending.removeSubrange(..<pos); pos = 0 }
        var n = 0
        repeat {
            n = Foundation.read(fd, chunk.baseAddress!, chunkSize)
        } while n < 0 && errno == EINTR
        if n > 0 { pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<n]).bindMemory(to: UInt8.self)) }
        if n <= 0 { eof = true }
    }
}
