import Assembly
import BrandContext
import Foundation
import Pipeline
import PostgresNIO

/// The batched write of the PostgreSQL journal: one transaction per batch (its rows by COPY,
/// the run's position in one statement), which, for a batch whose frequency caps the journal
/// decides, first decides them; retried whole after a lost connection.
extension PostgresJournal {
    /// A batch no cap applies to: one transaction (its new lists, its rows, the run's
    /// position). After a lost connection it first checks whether the transaction had
    /// committed (the run's position says).
    package func commit(_ run: RunRecord, results: [RecordResult], reasons: [String: Int]) throws {
        let batch = BatchCommit(run: run, results: results, reasons: reasons)
        try session.withRetry("committing lines through \(run.committedLines)") { c, again in
            if again, try committedLines(run.key, on: c) >= run.committedLines { return }
            try inTransaction(on: c) {
                _ = try session.rows("BEGIN", on: c)
                try write(batch, on: c)
            }
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
            try inTransaction(on: c) {
                let decision = try decide(plan, on: c)
                let batch = try apply(decision)
                last = batch
                TestFault.beforeCommit(session)
                try write(batch, on: c)
            }
        }
    }

    /// `body`, which opens a transaction; rolled back when it fails other than by a lost
    /// connection (the server drops a lost connection's transaction itself).
    private func inTransaction(on c: PostgresConnection, _ body: () throws -> Void) throws {
        do { try body() } catch {
            if !PostgresSession.isConnectionLoss(error) { _ = try? session.rows("ROLLBACK", on: c) }
            throw error
        }
    }

    /// In the open transaction: the batch's new lists, its rows (COPY), then its reason
    /// counts, the run's position and COMMIT in one round trip.
    private func write(_ batch: BatchCommit, on c: PostgresConnection) throws {
        let lists = try resolveLists(batch.results, on: c)
        let rows = CopyRows(batch.results, batch.run.key, lists: lists)
        if rows.count > 0 { try session.copy(into: "recipients", columns: CopyRows.columns, rows.bytes, on: c) }
        _ = try session.pipelined([Self.positionStatement(batch), "COMMIT"], on: c)
        knownLists = lists  // committed: these ids are real now
    }

    /// Opens the transaction, locks the recipients and counts: the candidates a cap stops, by
    /// index, with the reason.
    private func decide(_ plan: CapPlan, on c: PostgresConnection) throws -> [Int: Reason] {
        let results = try session.pipelined(["BEGIN", Self.lockQuery(plan.keys)] + plan.counts, on: c).dropFirst(2)
        // sent[query][column]: id hash → messages in the window.
        var sent: [[[Int64: Int]]] = []
        for (rows, columns) in zip(results, plan.columns) {
            var byColumn = [[Int64: Int]](repeating: [:], count: columns + 1)
            for row in rows {
                let r = row.makeRandomAccess()
                let hash = try r[0].decode(Int64.self)
                for column in 1...columns { byColumn[column][hash] = try r[column].decode(Int.self) }
            }
            sent.append(byColumn)
        }
        var stopped: [Int: Reason] = [:]
        for (cap, some, query, column) in plan.applying {
            for candidate in some where stopped[candidate.index] == nil {
                let n = sent[query][column][Int64(bitPattern: candidate.idHash)] ?? 0
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

    /// The batch's reason counts and the run's new committed position, in one statement.
    static func positionStatement(_ batch: BatchCommit) -> PostgresQuery {
        let run = batch.run
        let codes = batch.reasons.filter { $0.value != 0 }
        return """
            WITH tally AS (
              INSERT INTO run_reasons SELECT \(run.key), code, n FROM unnest(\(codes.keys.map { $0 })::text[], \(codes.values.map { Int64($0) })::int8[]) AS u(code, n)
              ON CONFLICT (run, code) DO UPDATE SET count = run_reasons.count + excluded.count)
            UPDATE runs SET committed_lines = \(run.committedLines), committed_bytes = \(run.committedBytes),
              input_chain = \(Int64(bitPattern: run.inputChain)), active_seconds = \(run.activeSeconds),
              rendered = \(run.counts.rendered), suppressed = \(run.counts.suppressed), held = \(run.counts.held),
              rejected = \(run.counts.rejected), skipped = \(run.counts.skipped)
            WHERE run = \(run.key)
            """
    }

    /// `knownLists` plus the `lists` id of every list of the batch this process has not met:
    /// inserted (or found) in text order, so two writers inserting the same new lists, each in
    /// its batch's transaction, wait for each other in one order and never in a cycle. The
    /// caller keeps the result only once the statement that inserted them has committed (an id
    /// a rolled-back transaction made does not exist).
    func resolveLists(_ results: [RecordResult], on c: PostgresConnection) throws -> KnownLists {
        var known = knownLists
        var missing: [String: JournalList] = [:]
        for r in results where !r.skipped {
            for l in [r.blocks, r.claims, r.signals, r.reasons, r.assignments, r.segments] {
                if let l, known.id(l) == nil { missing[l.text] = l }
            }
        }
        if missing.isEmpty { return known }
        let texts = missing.keys.sorted()
        let stored = texts.map(Self.storable)
        let textOf = Dictionary(zip(stored, texts), uniquingKeysWith: { first, _ in first })
        _ = try session.rows(
            """
            INSERT INTO lists(text) SELECT t FROM unnest(\(stored)::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n ON CONFLICT (text) DO NOTHING
            """, on: c)
        for row in try session.rows("SELECT id, text FROM lists WHERE text = ANY(\(stored)::text[])", on: c) {
            let (id, text) = try row.decode((Int64, String).self)
            if let list = textOf[text].flatMap({ missing[$0] }) { known.add(list, id: id) }
        }
        return known
    }

    /// PostgreSQL text cannot hold NUL: it is stored percent-encoded (as list items escape).
    static func storable(_ s: String) -> String {
        s.utf8.contains(0) ? s.replacingOccurrences(of: "\u{0}", with: "%00") : s
    }
}

/// What a batch's cap decision asks the database: the lock keys of its candidates, and per cap
/// that applies to some candidate (in rule order) those candidates and where its counts are:
/// one count query per channel and category, a column per cap of them (caps of one channel
/// and category apply to the same templates, so to the same candidates).
struct CapPlan {
    var keys: [(Int32, Int32)]
    var applying: [(cap: FrequencyCap, candidates: [CapCandidate], query: Int, column: Int)] = []
    var counts: [PostgresQuery] = []
    /// The caps each count query counts (its columns after the hash).
    var columns: [Int] = []

    init(_ candidates: [CapCandidate], caps: FrequencyCaps, now: Date) {
        keys = PostgresJournal.lockKeys(candidates.map(\.idHash))
        var groups: [(channel: String, category: String, caps: [FrequencyCap], candidates: [CapCandidate])] = []
        for ruleIndex in caps.rules.indices {
            let some = candidates.filter { caps.byTemplate[$0.template]?.contains(ruleIndex) == true }
            guard !some.isEmpty else { continue }
            let cap = caps.rules[ruleIndex].cap
            let query = groups.firstIndex { $0.channel == cap.channel && $0.category == cap.category } ?? groups.count
            if query == groups.count { groups.append((cap.channel, cap.category, [], some)) }
            applying.append((cap, some, query, groups[query].caps.count + 1))
            groups[query].caps.append(cap)
        }
        counts = groups.map { Self.countQuery($0.caps, now: now, hashes: $0.candidates.map { Int64(bitPattern: $0.idHash) }) }
        columns = groups.map(\.caps.count)
    }

    /// Per id hash, its rendered messages of the caps' channel and category in each cap's
    /// window ending at `now` (a column per cap, after the hash), over every run and shard of
    /// the journal.
    static func countQuery(_ caps: [FrequencyCap], now: Date, hashes: [Int64]) -> PostgresQuery {
        let to = now.timeIntervalSince1970
        let from = caps.map { to - Double($0.perDays) * 86_400 }
        var binds = PostgresBindings()
        binds.append(hashes)
        binds.append(caps[0].channel)
        binds.append(caps[0].category)
        binds.append(from.min()!)
        binds.append(to)
        // The text holds placeholders only (one per window); every value is bound.
        let windows = from.indices.map { "count(*) FILTER (WHERE u.now > $\($0 + 6))" }.joined(separator: ", ")
        for f in from { binds.append(f) }
        return PostgresQuery(
            unsafeSQL: """
                SELECT r.id_hash, \(windows) FROM recipients r
                  JOIN runs u ON u.run = r.seq >> 36
                  JOIN run_templates t ON t.run = u.run AND t.template = r.template
                WHERE r.status = 'rendered' AND r.id_hash = ANY($1::int8[]) AND t.channel = $2 AND t.category = $3
                  AND u.now > $4 AND u.now <= $5
                GROUP BY r.id_hash
                """, binds: binds)
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
