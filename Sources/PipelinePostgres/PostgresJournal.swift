import Assembly
import BrandContext
import Foundation
import Pipeline
import PostgresNIO

/// The run journal in PostgreSQL (`--journal postgres://…`): one record that renders on many
/// machines share. Same semantics as the SQLite `Journal`, with these differences:
/// - a run id may have several shards (`--run-id ID --shard K/N` on several machines): each is
///   its own row of `runs` (its own progress, resume point and counts);
/// - frequency caps are decided in the database as each batch commits, in the batch's own
///   transaction (`commitDecidingCaps`, PostgresBatchWrite.swift): the batch's recipients are
///   locked (transaction-scoped advisory locks, taken in one order so writers cannot
///   deadlock), their rendered messages in each cap's window counted, and the batch's rows
///   inserted before the locks are released, so two writers cannot both send past a cap, and
///   no writer waits for another's whole run; a retry after a lost connection decides again;
/// - a batch commits in one transaction: its rows by COPY, then the run's position and COMMIT;
/// - a lost connection pauses the run and retries (`PostgresSession.withRetry`).
package final class PostgresJournal: RunJournal, @unchecked Sendable {
    package let session: PostgresSession
    package var path: String { session.location.display }
    package var decidesCapsAtCommit: Bool { true }

    /// The list ids this process knows; only ids whose insert has committed.
    var knownLists = KnownLists()
    /// The run this process writes and holds the lock of (re-taken after a reconnect).
    private var heldRun: Int64?

    package init(_ location: PostgresLocation, notice: @escaping (String) -> Void = { _ in }) throws {
        session = try PostgresSession(location)
        session.notice = notice
        session.reconnected = { [unowned self] s in try self.retakeRunLock(s) }
        try PostgresSchema.migrate(session)
    }

    /// `tessera journal migrate`: the schema version found and the version now.
    package static func migrate(_ location: PostgresLocation) throws -> (before: Int, after: Int) {
        let session = try PostgresSession(location)
        defer { session.close() }
        return (try PostgresSchema.migrate(session), PostgresSchema.version)
    }

    package convenience init(url: String) throws { try self.init(PostgresLocation(parsing: url)) }

    /// Sets where messages about waiting for the server go (the render's notices).
    package func setNotice(_ notice: @escaping (String) -> Void) { session.notice = notice }

    // MARK: reading

    private static let runColumns = """
        run, id, shard, state, started_at, ended_at, active_seconds, now, recipients, output, format, template, jobs,
        project_hash, recipients_hash, input_chain, committed_lines, committed_bytes, rendered, suppressed, held, rejected, skipped, resumes
        """

    private static func record(_ row: PostgresRow) throws -> RunRecord {
        let (key, id, shard, state, started, ended, active, now, recipients, output, format, template, jobs) =
            try row.decode((Int64, String, String?, String, Double, Double?, Double, Double, String, String, String, String?, Int).self)
        let r = row.makeRandomAccess()
        var run = RunRecord(
            id: id, startedAt: Date(timeIntervalSince1970: started), now: Date(timeIntervalSince1970: now),
            recipients: recipients, output: output, format: format, template: template, shard: shard, jobs: jobs,
            projectHash: try r["project_hash"].decode(String.self))
        run.key = key
        run.state = state
        run.endedAt = ended.map { Date(timeIntervalSince1970: $0) }
        run.activeSeconds = active
        run.recipientsHash = try r["recipients_hash"].decode(String?.self)
        run.inputChain = UInt64(bitPattern: try r["input_chain"].decode(Int64.self))
        run.committedLines = try r["committed_lines"].decode(Int.self)
        run.committedBytes = try r["committed_bytes"].decode(Int.self)
        run.counts = StatusCounts(
            rendered: try r["rendered"].decode(Int.self), suppressed: try r["suppressed"].decode(Int.self),
            held: try r["held"].decode(Int.self), rejected: try r["rejected"].decode(Int.self),
            skipped: try r["skipped"].decode(Int.self))
        run.resumes = try r["resumes"].decode(Int.self)
        return run
    }

    package func runs() throws -> [RunRecord] {
        try session.withRetry("reading runs") { c, _ in
            try session.rows(PostgresQuery(unsafeSQL: "SELECT \(Self.runColumns) FROM runs ORDER BY run"), on: c).map(Self.record)
        }
    }

    /// The shards recorded for `id`, in shard order.
    package func shards(of id: String) throws -> [RunRecord] {
        try session.withRetry("reading run \(id)") { c, _ in
            var binds = PostgresBindings()
            binds.append(id)
            return try session.rows(PostgresQuery(unsafeSQL: "SELECT \(Self.runColumns) FROM runs WHERE id = $1 ORDER BY run", binds: binds), on: c)
                .map(Self.record)
        }
    }

    package func run(_ id: String, shard: String?) throws -> RunRecord? {
        let all = try shards(of: id)
        if let shard { return all.first { $0.shard == shard } }
        if all.count > 1 {
            throw JournalError(
                "run '\(id)' has \(all.count) shards in \(path) (\(all.compactMap(\.shard).joined(separator: ", "))): give --shard K/N to say which")
        }
        return all.first
    }

    package func reasonCounts(_ run: RunRecord) throws -> [(code: String, count: Int)] {
        try session.withRetry("reading reason counts") { c, _ in
            try session.rows("SELECT code, count FROM run_reasons WHERE run = \(run.key) AND count > 0 ORDER BY count DESC, code", on: c)
                .map { row in
                    let (code, n) = try row.decode((String, Int).self); return (code, n)
                }
        }
    }

    // MARK: runs

    package func create(_ run: RunRecord, templates: [(id: String, channel: String, category: String)]) throws -> RunRecord {
        var run = run
        run.key = try session.withRetry("recording run \(run.id)") { c, again in
            if again,
                let done = try session.rows(
                    "SELECT run FROM runs WHERE id = \(run.id) AND coalesce(shard, '') = \(run.shard ?? "") AND started_at = \(run.startedAt.timeIntervalSince1970)",
                    on: c
                ).first
            {
                return try done.decode(Int64.self)  // the first attempt committed
            }
            _ = try session.rows("BEGIN", on: c)
            do {
                // Shards of one run id are recorded one at a time (they check each other).
                _ = try session.rows("SELECT pg_advisory_xact_lock(\(Int64(bitPattern: PipelineHash.id(run.id)) | 1))", on: c)
                let existing = try session.rows(
                    PostgresQuery(
                        unsafeSQL: "SELECT \(Self.runColumns) FROM runs WHERE id = $1",
                        binds: {
                            var b = PostgresBindings(); b.append(run.id); return b
                        }()), on: c
                ).map(Self.record)
                try Self.checkShard(run, against: existing, path)
                let key = try session.rows(
                    """
                    INSERT INTO runs(id, shard, state, started_at, now, recipients, output, format, template, jobs, project_hash)
                    VALUES (\(run.id), \(run.shard), 'running', \(run.startedAt.timeIntervalSince1970), \(run.now.timeIntervalSince1970),
                            \(run.recipients), \(run.output), \(run.format), \(run.template), \(run.jobs), \(run.projectHash))
                    RETURNING run
                    """, on: c)[0].decode(Int64.self)
                _ = try session.rows(
                    """
                    INSERT INTO run_templates SELECT \(key), t, ch, ca FROM unnest(\(templates.map(\.id))::text[], \(templates.map(\.channel))::text[], \(templates.map(\.category))::text[]) AS u(t, ch, ca)
                    """, on: c)
                _ = try session.rows("COMMIT", on: c)
                return key
            } catch {
                _ = try? session.rows("ROLLBACK", on: c)
                throw error
            }
        }
        return run
    }

    /// A new shard of a run id must be a shard the id's other shards are not, of the same
    /// split, clock and project (they are one send).
    static func checkShard(_ run: RunRecord, against existing: [RunRecord], _ path: String) throws {
        guard let first = existing.first else { return }
        if existing.contains(where: { $0.shard == run.shard }) {
            let flag = run.shard.map { " --shard \($0)" } ?? ""
            throw JournalError(
                "run '\(run.id)'\(run.shard.map { " shard \($0)" } ?? "") already exists in \(path): resume it with --resume \(run.id)\(flag), or choose another --run-id"
            )
        }
        func denominator(_ s: String?) -> Substring? { s?.split(separator: "/").last }
        func isPart(_ s: String) -> Bool { s.hasPrefix("part ") }
        guard let shard = run.shard, let firstShard = first.shard, denominator(shard) == denominator(firstShard),
            isPart(shard) == isPart(firstShard)
        else {
            throw JournalError(
                "run '\(run.id)' already exists in \(path) as \(first.shard.map { "shard \($0)" } ?? "an unsharded run"): shards of one run id must all use --shard K/N (or all --part K/N) with the same N; choose another --run-id"
            )
        }
        guard first.now == run.now, first.projectHash == run.projectHash else {
            throw JournalError(
                "run '\(run.id)' shard \(firstShard) has another clock (--now) or project (brand/, templates/, blocks/) than shard \(shard): shards of one run are one send; give them the same --now and project"
            )
        }
    }

    package func markResumed(_ run: RunRecord) throws {
        try session.withRetry("recording the resume") { c, _ in
            _ = try session.rows("UPDATE runs SET resumes = resumes + 1 WHERE run = \(run.key)", on: c)
        }
    }

    package func finish(_ run: RunRecord) throws {
        try session.withRetry("completing the run") { c, _ in
            _ = try session.rows(
                "UPDATE runs SET state = 'completed', ended_at = \(run.endedAt?.timeIntervalSince1970), recipients_hash = \(run.recipientsHash) WHERE run = \(run.key)",
                on: c)
        }
    }

    package func seenIDs(_ run: RunRecord, into seen: inout IDTable) throws {
        let (lo, hi) = Self.range(run.key)
        let rows = try session.withRetry("reading the run's ids") { c, _ in
            try session.rows(
                "SELECT seq, id_hash FROM recipients WHERE seq BETWEEN \(lo) AND \(hi) AND id IS NOT NULL AND status <> 'rejected' ORDER BY seq",
                on: c)
        }
        for row in rows {
            let (seq, hash) = try row.decode((Int64, Int64).self)
            _ = seen.insertFirst(UInt64(bitPattern: hash), line: UInt32(truncatingIfNeeded: seq - lo))
        }
    }

    static func range(_ key: Int64) -> (Int64, Int64) { (key << 36, ((key + 1) << 36) - 1) }

    /// Caps are decided at commit (`decideCaps`), against the database as it is then.
    package func capHistory(_ caps: [FrequencyCap], now: Date, excluding: Int64) throws -> [[UInt64: UInt16]] {
        caps.map { _ in [:] }
    }

    package func takeFrequencyCaps(waiting: (String) -> Void) throws -> (any JournalLock)? { nil }

    // MARK: locks

    /// A session advisory lock per run (shard): the server drops it when the connection ends,
    /// however the process ends (`kill -9` included).
    package func takeRun(_ run: RunRecord) throws -> any JournalLock {
        let got = try session.withRetry("locking run \(run.id)") { c, _ in
            try session.rows("SELECT pg_try_advisory_lock(\(run.key))", on: c)[0].decode(Bool.self)
        }
        guard got else {
            throw JournalError(
                "run '\(run.id)'\(run.shard.map { " shard \($0)" } ?? "") is being written by another process (on this or another machine): one process writes a run's shard at a time; wait for it to end (or stop it) before resuming"
            )
        }
        heldRun = run.key
        return RunLock(journal: self, key: run.key)
    }

    private func retakeRunLock(_ s: PostgresSession) throws {
        guard let key = heldRun else { return }
        let c = try s.current()
        guard try s.rows("SELECT pg_try_advisory_lock(\(key))", on: c)[0].decode(Bool.self) else {
            heldRun = nil
            throw JournalError(
                "journal \(path): after reconnecting, run \(key) was taken by another process: stopping (its output may need --resume by that process)"
            )
        }
    }

    fileprivate func releaseRun(_ key: Int64) {
        guard heldRun == key else { return }
        heldRun = nil
        _ = try? session.rows("SELECT pg_advisory_unlock(\(key))", on: session.current())
    }

    package func writer(of run: RunRecord) -> (held: Bool, pid: Int32?) {
        let held = try? session.withRetry("checking the run's writer") { c, _ in
            try session.rows(
                """
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
                  AND classid = \(Int64(run.key >> 32))::oid AND objid = \(Int64(run.key & 0xFFFF_FFFF))::oid
                """, on: c)[0].decode(Int.self) > 0
        }
        return (held ?? false, nil)
    }

    package func recordRandomizations(_ run: RunRecord, _ declared: [DeclaredRandomization]) throws {
        var t: [String] = [], e: [String] = [], a: [String] = [], p: [Int] = [], w: [Double] = []
        for d in declared {
            for (i, arm) in d.arms.enumerated() {
                t.append(d.template); e.append(d.experiment); a.append(arm.name); p.append(i); w.append(arm.weight)
            }
        }
        if t.isEmpty { return }
        try session.withRetry("recording randomizations") { c, _ in
            _ = try session.rows(
                """
                INSERT INTO run_randomizations SELECT \(run.key), t, e, a, p, w
                FROM unnest(\(t)::text[], \(e)::text[], \(a)::text[], \(p)::int4[], \(w)::float8[]) AS u(t, e, a, p, w)
                ON CONFLICT DO NOTHING
                """, on: c)
        }
    }

    // MARK: `tessera lift`

    package func randomizations(_ runs: [RunRecord]) throws -> [Int64: [DeclaredRandomization]] {
        var out: [Int64: [DeclaredRandomization]] = [:]
        for run in runs {
            let rows = try session.withRetry("reading randomizations") { c, _ in
                try session.rows(
                    "SELECT template, experiment, arm, weight FROM run_randomizations WHERE run = \(run.key) ORDER BY template, experiment, position",
                    on: c)
            }
            var list: [DeclaredRandomization] = []
            for row in rows {
                let (t, e, arm, weight) = try row.decode((String, String, String, Double).self)
                if list.last?.template != t || list.last?.experiment != e { list.append(DeclaredRandomization(template: t, experiment: e, arms: [])) }
                list[list.count - 1].arms.append((arm, weight))
            }
            out[run.key] = list
        }
        return out
    }

    package func listTexts() throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        for row in try session.withRetry("reading lists", { c, _ in try session.rows("SELECT id, text FROM lists", on: c) }) {
            let (id, text) = try row.decode((Int64, String).self)
            out[id] = text
        }
        return out
    }

    package func exposures(
        _ run: RunRecord, _ body: (_ idHash: UInt64, _ template: UnsafeBufferPointer<UInt8>, _ assignments: Int64, _ segments: Int64) -> Void
    ) throws {
        let (lo, hi) = Self.range(run.key)
        let rows = try session.withRetry("reading exposures") { c, _ in
            try session.rows(
                "SELECT id_hash, coalesce(template, ''), assignments, coalesce(segments, 0) FROM recipients WHERE seq BETWEEN \(lo) AND \(hi) AND assignments IS NOT NULL ORDER BY seq",
                on: c)
        }
        for row in rows {
            var (hash, template, assignments, segments) = try row.decode((Int64, String, Int64, Int64).self)
            template.withUTF8 { body(UInt64(bitPattern: hash), $0, assignments, segments) }
        }
    }

    package func unrandomizedCounts(_ run: RunRecord) throws -> [String: Int] {
        let (lo, hi) = Self.range(run.key)
        var out: [String: Int] = [:]
        for row in try session.withRetry(
            "reading counts",
            { c, _ in
                try session.rows(
                    "SELECT template, count(*) FROM recipients WHERE seq BETWEEN \(lo) AND \(hi) AND assignments IS NULL AND template IS NOT NULL GROUP BY template",
                    on: c)
            })
        {
            let (t, n) = try row.decode((String, Int).self)
            out[t] = n
        }
        return out
    }

    package func randomizedRecipients(_ run: RunRecord, _ body: (_ id: String, _ assignments: Int64) -> Void) throws {
        let (lo, hi) = Self.range(run.key)
        for row in try session.withRetry(
            "reading recipients",
            { c, _ in
                try session.rows(
                    "SELECT id, assignments FROM recipients WHERE seq BETWEEN \(lo) AND \(hi) AND assignments IS NOT NULL AND id IS NOT NULL ORDER BY seq",
                    on: c)
            })
        {
            let (id, a) = try row.decode((String, Int64).self)
            body(id, a)
        }
    }

    /// The schema version (for `tessera journal migrate`).
    package func schemaVersion() throws -> Int {
        try session.withRetry("reading the schema version") { c, _ in try PostgresSchema.currentVersion(c, session) }
    }
}

/// A run's session lock.
final class RunLock: JournalLock {
    private weak var journal: PostgresJournal?
    let key: Int64
    init(journal: PostgresJournal, key: Int64) {
        self.journal = journal
        self.key = key
    }
    func release() { journal?.releaseRun(key) }
    func remove() { release() }
}
