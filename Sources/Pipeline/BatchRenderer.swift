import Assembly
import Foundation
import Liquid

extension MemberPath {
    static let segments = MemberPath("segments")
}

/// `--shard K/N`.
package struct Shard: Sendable, Equatable, CustomStringConvertible {
    package var index: Int
    package var count: Int
    package init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        index = k
        count = n
    }
    package var description: String { "\(index)/\(count)" }

    /// Whether this shard outputs the record: by the id's hash, or, for a line whose id cannot
    /// be read, shard 1 (so every input line is reported by exactly one shard).
    func owns(_ id: String?) -> Bool {
        guard let id else { return index == 1 }
        return PipelineHash.shard(of: id, count: count) == index
    }
}

/// What every worker needs, shared read-only.
struct WorkerSettings: Sendable {
    var emitter: any RecordEmitter
    var shard: Shard?
    var caps: FrequencyCaps
    var maxRecordBytes: Int
    /// Without a journal, the journal-only columns (blocks, claims, signals, reason codes, content hash) are not computed.
    var journaled = true
    /// The journal decides caps at commit: rendered records of capped templates are kept in
    /// `Batch.keptForCaps` for it.
    var capsAtCommit = false
}

/// A worker's renderer: one `Assembler` (not thread-safe: its caches are per thread) and the
/// per-line steps around it (size, UTF-8, parse, shard, render, frequency cap, emit, hash).
final class BatchRenderer {
    let assembler: Assembler
    let settings: WorkerSettings
    private var files: [(name: String, bytes: [UInt8])] = []
    private var lists = JournalListInterner()
    private let parser = JSONParser()

    init(assembler: Assembler, settings: WorkerSettings) {
        self.assembler = assembler
        self.settings = settings
    }

    func render(_ batch: Batch) {
        batch.clearResults()
        for (i, span) in batch.spans.enumerated() {
            let line = batch.firstLine + i
            let start = batch.stream.count
            var result = RecordResult(line: line, end: start)
            if settings.journaled { result.lineHash = Self.lineHash(batch, span) }  // the journal's input chain
            guard let r = record(batch, span, line: line) else {
                result.skipped = true
                batch.results.append(result)
                continue
            }
            files.removeAll(keepingCapacity: true)
            settings.emitter.emit(r, stream: &batch.stream, files: &files)
            for f in files { batch.files.append(PendingFile(record: batch.results.count, name: f.name, bytes: f.bytes)) }
            result.end = batch.stream.count
            Self.describe(r, into: &result)
            if settings.capsAtCommit, r.status == .rendered, let t = r.template, settings.caps.byTemplate[t] != nil {
                batch.keptForCaps[batch.results.count] = r.keptForSuppression
            }
            if settings.journaled {
                Self.describeLists(r, into: &result, lists: &lists)
                result.contentHash = r.messageDigest
                if let codes = result.reasons { batch.reasons.add(codes) }
            } else {
                for reason in r.reasons { batch.reasons.add(reason.code) }
            }
            batch.results.append(result)
        }
    }

    /// The output record of one line; nil when it belongs to another shard.
    private func record(_ batch: Batch, _ span: LineSpan, line: Int) -> RenderedRecipient? {
        if span.oversized > 0 {
            let id = RecordIDScanner.id(in: batch.input[span.start..<span.end])  // from the line's first bytes
            guard settings.shard?.owns(id) ?? true else { return nil }
            return .rejected(
                line: line, id: id,
                reason: Reason(
                    "record.too-large",
                    "line \(line): \(span.oversized) bytes, over the limit of \(settings.maxRecordBytes) bytes a record (--max-record-bytes)"))
        }
        let invalid = batch.input.withUnsafeBytes { UTF8Check.firstInvalid(UnsafeRawBufferPointer(rebasing: $0[span.start..<span.end])) }
        if let offset = invalid {
            let id = RecordIDScanner.id(in: batch.input[span.start..<span.end])
            guard settings.shard?.owns(id) ?? true else { return nil }
            return .rejected(
                line: line, id: id,
                reason: Reason(
                    "record.invalid-utf8",
                    "line \(line):\(offset + 1): byte 0x\(String(batch.input[span.start + offset], radix: 16, uppercase: true)) is not valid UTF-8"))
        }
        switch RecipientRecord.read(batch.input[span.start..<span.end], line: line, parser: parser) {
        case .failure(let rejected):
            guard settings.shard?.owns(rejected.id) ?? true else { return nil }
            return .rejected(line: line, id: rejected.id, reason: rejected.reason)
        case .success(let rec):
            guard settings.shard?.owns(rec.id) ?? true else { return nil }
            var r = assembler.render(rec)
            if settings.journaled, !r.assignments.isEmpty { r.segments = Self.segments(rec) }
            if settings.caps.active, r.status == .rendered, let t = r.template,
                let capped = settings.caps.exceeded(template: t, idHash: PipelineHash.id(rec.id))
            {
                return r.suppressed(capped)
            }
            return r
        }
    }

    static func lineHash(_ batch: Batch, _ span: LineSpan) -> UInt64 {
        if span.oversized > 0 { return PipelineHash.chain(0x6F76_6572_7369_7A65, UInt64(span.oversized)) }
        return PipelineHash.bytes(batch.input, span.start..<span.end)
    }

    /// What the writer needs of an output record (order, duplicates, counts).
    static func describe(_ r: RenderedRecipient, into result: inout RecordResult) {
        result.id = r.id
        result.idHash = r.id.map(PipelineHash.id) ?? 0
        result.status = r.status
        result.template = r.template
    }

    /// The journal's list columns of an output record.
    static func describeLists(_ r: RenderedRecipient, into result: inout RecordResult, lists: inout JournalListInterner) {
        result.blocks = lists.list(r.blocks)
        result.claims = lists.list(r.claims)
        result.signals = lists.list(r.signals)
        result.reasons = lists.codes(r.reasons)
        // Set or cleared: a later duplicate of an id is re-described as rejected and must not
        // keep the assignments it was rendered with (it would count twice in a lift report).
        result.assignments = r.assignments.isEmpty ? nil : lists.assignments(r.assignments)
        result.segments = r.assignments.isEmpty ? nil : lists.list(r.segments)
    }

    /// The record's `segments` (strings; spaces and `%` percent-encoded, since journal lists are
    /// space-separated), read only for randomized recipients of a journaled run.
    static func segments(_ rec: RecipientRecord) -> [String] {
        guard case .array(let items)? = rec.value.member(at: .segments) else { return [] }
        var out: [String] = []
        for case .string(let s) in items where !s.isEmpty {
            out.append(s.contains(where: { $0 == " " || $0 == "%" || $0 == "\n" || $0 == "\t" }) ? JournalListInterner.escape(s) : s)
        }
        return out
    }
}
