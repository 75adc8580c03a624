import Assembly
import BrandContext
import Foundation
import Pipeline
import PostgresNIO

/// The batched write of the PostgreSQL journal: one statement per batch (multi-row inserts
/// from arrays), and, for a batch whose frequency caps the journal decides, one transaction
/// that decides them and commits the batch, retried whole after a lost connection.
extension PostgresJournal {
    /// A batch no cap applies to: one statement. After a lost connection it first checks
    /// whether the statement had committed (the run's position says).
    package func commit(_ run: RunRecord, results: [RecordResult], reasons: [String: Int]) throws {
        let lists = try session.withRetry("recording lists") { c, _ in try resolveLists(results, on: c) }
        listIDs = lists
        let statement = try Self.batchStatement(BatchCommit(run: run, results: results, reasons: reasons), lists: lists)
        try session.withRetry("committing lines through \(run.committedLines)") { c, again in
            if again, try committedLines(run.key, on: c) >= run.committedLines { return }
            _ = try session.rows(statement, on: c)
        }
    }

    /// One transaction: lock the candidates' recipients, count their rendered messages per cap
    /// in its window (every run and shard, this one included), let `apply` write the batch for
    /// that decision, insert its rows, commit. A lost connection anywhere before the commit is
    /// acknowledged rolls all of it back (the server drops the transaction and its locks); the
    /// retry then decides again, against what other writers committed meanwhile.
    package func commitDecidingCaps(
        _ run: RunRecord, _ candidates: [CapCandidate], caps: FrequencyCaps,
        apply: ([Int: Reason]) throws -> BatchCommit
    ) throws {
        let plan = CapPlan(candidates, caps: caps, now: run.now)
        var last: BatchCommit?
        try session.withRetry("committing lines after \(run.committedLines) with their frequency caps") { c, again in
            // The commit may have gone through with only its acknowledgement lost.
            if again, let last, try committedLines(last.run.key, on: c) >= last.run.committedLines { return }
            do {
                let decision = try decide(plan, on: c)
                let batch = try apply(decision)
                last = batch
                TestFault.beforeCommit(session)
                let lists = try resolveLists(batch.results, on: c)
                _ = try session.pipelined([Self.batchStatement(batch, lists: lists), "COMMIT"], on: c)
                listIDs = lists  // committed: these ids are real now
            } catch {
                if !PostgresSession.isConnectionLoss(error) { _ = try? session.rows("ROLLBACK", on: c) }
                throw error
            }
        }
    }

    /// Opens the transaction, locks the recipients and counts: the candidates a cap stops, by
    /// index, with the reason.
    private func decide(_ plan: CapPlan, on c: PostgresConnection) throws -> [Int: Reason] {
        let results = try session.pipelined(["BEGIN", Self.lockQuery(plan.keys)] + plan.counts, on: c).dropFirst(2)
        var stopped: [Int: Reason] = [:]
        for ((cap, some), rows) in zip(plan.applying, results) {
            var sent: [Int64: Int] = [:]
            for row in rows { let (h, n) = try row.decode((Int64, Int).self); sent[h] = n }
            for candidate in some where stopped[candidate.index] == nil {
                let n = sent[Int64(bitPattern: candidate.idHash)] ?? 0
                if n + 1 > cap.max { stopped[candidate.index] = FrequencyCaps.reason(cap, sent: n) }
            }
        }
        return stopped
    }

    /// What the run recorded for `lines` (a retried part writes them again).
    package func recorded(_ run: RunRecord, lines: ClosedRange<Int>) throws -> [Int: RecordedRow] {
        let base = run.key << 36
        let rows = try session.withRetry("reading the lines a part committed") { c, _ in
            try session.rows(
                """
                SELECT seq - \(base), status, content_hash, cap_stop FROM recipients
                WHERE seq BETWEEN \(base + Int64(lines.lowerBound)) AND \(base + Int64(lines.upperBound))
                """, on: c)
        }
        var out: [Int: RecordedRow] = [:]
        for row in rows {
            let (line, status, hash, stop) = try row.decode((Int, String, Int64, String?).self)
            let capStop = stop.map { text in
                let parts = text.split(separator: " ", maxSplits: 1)
                return Reason(String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }
            out[line] = RecordedRow(status: status, contentHash: UInt64(bitPattern: hash), capStop: capStop)
        }
        return out
    }

    private func committedLines(_ key: Int64, on c: PostgresConnection) throws -> Int {
        try session.rows("SELECT committed_lines FROM runs WHERE run = \(key)", on: c)[0].decode(Int.self)
    }

    /// The recipients' lock keys (the id hash's halves), sorted: every writer locks in this
    /// order, so two cannot wait for each other.
    static func lockKeys(_ hashes: [UInt64]) -> [(Int32, Int32)] {
        Set(hashes).sorted().map { (Int32(truncatingIfNeeded: $0 >> 32), Int32(truncatingIfNeeded: $0)) }
    }

    /// Locks the recipients for the rest of the transaction, in `keys` order.
    static func lockQuery(_ keys: [(Int32, Int32)]) -> PostgresQuery {
        // The subquery's volatile calls are all made (count(*) does not skip them), in array order.
        "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(a, b) FROM unnest(\(keys.map(\.0))::int4[], \(keys.map(\.1))::int4[]) AS u(a, b)) AS locked"
    }

    /// The batch's rows, its reason counts and the run's new committed position, in one statement.
    static func batchStatement(_ batch: BatchCommit, lists: [String: Int64]) throws -> PostgresQuery {
        let run = batch.run
        let rows = try BatchRows(batch.results, run.key, lists: lists)
        let codes = batch.reasons.filter { $0.value != 0 }
        return """
            WITH batch AS (
              INSERT INTO recipients(seq, id, id_hash, status, content_hash, template, blocks, claims, signals, reasons, assignments, segments, cap_stop)
              SELECT s, NULLIF(i, ''), CASE WHEN i = '' THEN NULL ELSE h END, st, ch, NULLIF(t, ''),
                     NULLIF(b, 0), NULLIF(cl, 0), NULLIF(sg, 0), NULLIF(r, 0), NULLIF(a, 0), NULLIF(sm, 0), NULLIF(cs, '')
              FROM unnest(\(rows.seq)::int8[], \(rows.id)::text[], \(rows.idHash)::int8[], \(rows.status)::text[], \(rows.contentHash)::int8[],
                          \(rows.template)::text[], \(rows.blocks)::int8[], \(rows.claims)::int8[], \(rows.signals)::int8[],
                          \(rows.reasons)::int8[], \(rows.assignments)::int8[], \(rows.segments)::int8[], \(rows.capStop)::text[])
                   AS u(s, i, h, st, ch, t, b, cl, sg, r, a, sm, cs)),
            tally AS (
              INSERT INTO run_reasons SELECT \(run.key), code, n FROM unnest(\(codes.keys.map { $0 })::text[], \(codes.values.map { Int64($0) })::int8[]) AS u(code, n)
              ON CONFLICT (run, code) DO UPDATE SET count = run_reasons.count + excluded.count)
            UPDATE runs SET committed_lines = \(run.committedLines), committed_bytes = \(run.committedBytes),
              input_chain = \(Int64(bitPattern: run.inputChain)), active_seconds = \(run.activeSeconds),
              rendered = \(run.counts.rendered), suppressed = \(run.counts.suppressed), held = \(run.counts.held),
              rejected = \(run.counts.rejected), skipped = \(run.counts.skipped)
            WHERE run = \(run.key)
            """
    }

    /// `listIDs` plus the `lists` id of every list of the batch this process has not met:
    /// inserted (or found) in text order, so two writers inserting the same new lists, each in
    /// its batch's transaction, wait for each other in one order and never in a cycle. The
    /// caller keeps the result only once the statement that inserted them has committed (an id
    /// a rolled-back transaction made does not exist).
    func resolveLists(_ results: [RecordResult], on c: PostgresConnection) throws -> [String: Int64] {
        var missing = Set<String>()
        for r in results where !r.skipped {
            for l in [r.blocks, r.claims, r.signals, r.reasons, r.assignments, r.segments] {
                if let l, listIDs[l.text] == nil { missing.insert(l.text) }
            }
        }
        var out = listIDs
        if missing.isEmpty { return out }
        let texts = missing.sorted()
        let stored = texts.map(Self.storable)
        _ = try session.rows(
            """
            INSERT INTO lists(text) SELECT t FROM unnest(\(stored)::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n ON CONFLICT (text) DO NOTHING
            """, on: c)
        for row in try session.rows("SELECT id, text FROM lists WHERE text = ANY(\(stored)::text[])", on: c) {
            let (id, text) = try row.decode((Int64, String).self)
            if let i = stored.firstIndex(of: text) { out[texts[i]] = id }
        }
        return out
    }

    /// PostgreSQL text cannot hold NUL: it is stored percent-encoded (as list items escape).
    static func storable(_ s: String) -> String {
        s.utf8.contains(0) ? s.replacingOccurrences(of: "\u{0}", with: "%00") : s
    }
}

/// What a batch's cap decision asks the database: the lock keys of its candidates, and per cap
/// that applies to some candidate, those candidates (in batch order) and the count query.
struct CapPlan {
    var keys: [(Int32, Int32)]
    var applying: [(cap: FrequencyCap, candidates: [CapCandidate])] = []
    var counts: [PostgresQuery] = []

    init(_ candidates: [CapCandidate], caps: FrequencyCaps, now: Date) {
        keys = PostgresJournal.lockKeys(candidates.map(\.idHash))
        for ruleIndex in caps.rules.indices {
            let some = candidates.filter { caps.byTemplate[$0.template]?.contains(ruleIndex) == true }
            guard !some.isEmpty else { continue }
            let cap = caps.rules[ruleIndex].cap
            applying.append((cap, some))
            counts.append(Self.countQuery(cap, now: now, hashes: some.map { Int64(bitPattern: $0.idHash) }))
        }
    }

    /// Rendered messages of the cap's channel and category per id hash, in the window ending
    /// at `now`, over every run and shard of the journal.
    static func countQuery(_ cap: FrequencyCap, now: Date, hashes: [Int64]) -> PostgresQuery {
        let to = now.timeIntervalSince1970
        let from = to - Double(cap.perDays) * 86_400
        return """
            SELECT r.id_hash, count(*) FROM recipients r
              JOIN runs u ON u.run = r.seq >> 36
              JOIN run_templates t ON t.run = u.run AND t.template = r.template
            WHERE r.status = 'rendered' AND r.id_hash = ANY(\(hashes)::int8[]) AND t.channel = \(cap.channel) AND t.category = \(cap.category)
              AND u.now > \(from) AND u.now <= \(to)
            GROUP BY r.id_hash
            """
    }
}

/// A batch's rows as column arrays, bound as one multi-row insert (`unnest`).
struct BatchRows {
    var seq: [Int64] = [], id: [String] = [], idHash: [Int64] = [], status: [String] = [], contentHash: [Int64] = []
    var template: [String] = [], blocks: [Int64] = [], claims: [Int64] = [], signals: [Int64] = [], reasons: [Int64] = []
    var assignments: [Int64] = [], segments: [Int64] = [], capStop: [String] = []

    init(_ results: [RecordResult], _ key: Int64, lists: [String: Int64]) throws {
        let base = key << 36
        func list(_ l: JournalList?) -> Int64 { l.flatMap { lists[$0.text] } ?? 0 }
        for r in results where !r.skipped {
            seq.append(base | Int64(r.line))
            id.append(r.id.map(PostgresJournal.storable) ?? "")
            idHash.append(Int64(bitPattern: r.idHash))
            status.append(r.status.rawValue)
            contentHash.append(Int64(bitPattern: r.contentHash))
            template.append(r.template ?? "")
            blocks.append(list(r.blocks))
            claims.append(list(r.claims))
            signals.append(list(r.signals))
            reasons.append(list(r.reasons))
            assignments.append(list(r.assignments))
            segments.append(list(r.segments))
            capStop.append(r.capStop.map { "\($0.code) \($0.detail)" } ?? "")
        }
    }
}

/// A fault only the tests inject (`TESSERA_TEST_FAULT_BEFORE_COMMIT=DIR`; never set otherwise):
/// once, in the first batch whose caps the journal decides, after the decision and the batch's
/// output and before the commit, the connection is lost (as when the server restarts there);
/// the process then creates DIR/paused and waits until DIR/resume exists, so a test can have
/// another writer commit in between.
enum TestFault {
    nonisolated(unsafe) private static var folder = ProcessInfo.processInfo.environment["TESSERA_TEST_FAULT_BEFORE_COMMIT"]

    static func beforeCommit(_ session: PostgresSession) {
        guard let dir = folder else { return }
        folder = nil
        session.close()
        _ = FileManager.default.createFile(atPath: dir + "/paused", contents: nil)
        while !FileManager.default.fileExists(atPath: dir + "/resume") { usleep(20_000) }
    }
}
