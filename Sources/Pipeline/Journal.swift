import BrandContext
import Foundation
import GRDB
import GRDBSQLite

/// The run journal: SQLite in WAL mode (a reader such as `tessera runs` never blocks the
/// renderer; a killed writer loses at most its open transaction). One connection, used by the
/// pipeline's writer thread only.
package final class Journal: @unchecked Sendable {
    package let path: String
    let queue: DatabaseQueue

    package init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // NORMAL in WAL: a commit survives the process being killed (only a power loss can
            // lose the last transactions), without an fsync per batch.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoint (copy the WAL into the database, with an fsync) every ~64 MB of journal
            // rather than every 4 MB: a checkpoint stalls the writer, and a 1,000,000-recipient run
            // writes ~60 MB. The run checkpoints once more when it ends.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
        }
        do {
            try? FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            // Two processes creating one journal at the same moment can meet in SQLite's rollback
            // mode (before WAL is set), where one gets "database is locked" without waiting: the
            // opening and the schema are done one process at a time. Best effort: a folder where
            // no lock file can be made (a read-only copy for `tessera runs`) opens without it.
            let opening = try? FileLock.acquire(path + "-locks/open", wait: true).get()
            defer { opening?.release() }
            queue = try DatabaseQueue(path: path, configuration: config)
            try queue.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                for s in JournalSchema.statements { try db.execute(sql: s) }
                try Self.addLiftSchema(db)
            }
        } catch let e as JournalError {
            throw e
        } catch {
            throw JournalError.cannotOpen(journal: path, reason: "\(error)")
        }
    }

    // MARK: reading

    package func runs() throws -> [RunRecord] {
        try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY run").map(RunRecord.init(row:)) }
    }

    package func run(_ id: String) throws -> RunRecord? {
        try queue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(RunRecord.init(row:)) }
    }

    /// Reason code occurrences of a run, most frequent first.
    package func reasonCounts(_ run: RunRecord) throws -> [(code: String, count: Int)] {
        try queue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT code, count FROM run_reasons WHERE run = ? AND count > 0 ORDER BY count DESC, code", arguments: [run.key]
            )
            .map { (code: $0["code"], count: $0["count"]) }
        }
    }

    /// Every recipient row of a run, in line order.
    package func rows(_ run: RunRecord) throws -> [JournalRow] {
        let (lo, hi) = Self.range(run.key)
        return try queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.seq, r.id, r.status, r.content_hash, r.template, b.text AS blocks, c.text AS claims, s.text AS signals, x.text AS reasons
                    FROM recipients r LEFT JOIN lists b ON b.id = r.blocks LEFT JOIN lists c ON c.id = r.claims
                    LEFT JOIN lists s ON s.id = r.signals LEFT JOIN lists x ON x.id = r.reasons
                    WHERE r.seq BETWEEN ? AND ? ORDER BY r.seq
                    """, arguments: [lo, hi]
            ).map { r in
                func list(_ c: String) -> [String] { ((r[c] as String?) ?? "").split(separator: " ").map(String.init) }
                return JournalRow(
                    line: Int((r["seq"] as Int64) - lo), id: r["id"], status: r["status"],
                    contentHash: UInt64(bitPattern: r["content_hash"]), template: r["template"],
                    blocks: list("blocks"), claims: list("claims"), signals: list("signals"), reasons: list("reasons"))
            }
        }
    }

    static func range(_ key: Int64) -> (Int64, Int64) { (key << JournalSchema.lineBits, ((key + 1) << JournalSchema.lineBits) - 1) }

    // MARK: runs

    /// Records a new run (and the channel and category of each template, for later frequency caps).
    package func create(_ run: RunRecord, templates: [(id: String, channel: String, category: String)]) throws -> RunRecord {
        var run = run
        try queue.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM runs WHERE id = ?", arguments: [run.id]) != nil {
                throw JournalError.runExists(run: run.id, journal: path)
            }
            try db.execute(
                sql: """
                    INSERT INTO runs(id, state, started_at, now, recipients, output, format, template, shard, jobs, project_hash)
                    VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.id, run.startedAt.timeIntervalSince1970, run.now.timeIntervalSince1970, run.recipients,
                    run.output, run.format, run.template, run.shard, run.jobs, run.projectHash,
                ])
            run.key = db.lastInsertedRowID
            for t in templates {
                try db.execute(sql: "INSERT INTO run_templates VALUES (?, ?, ?, ?)", arguments: [run.key, t.id, t.channel, t.category])
            }
        }
        return run
    }

    package func markResumed(_ run: RunRecord) throws {
        try queue.write { db in try db.execute(sql: "UPDATE runs SET resumes = resumes + 1 WHERE run = ?", arguments: [run.key]) }
    }

    package func finish(_ run: RunRecord) throws {
        try queue.write { db in
            try db.execute(
                sql: "UPDATE runs SET state = 'completed', ended_at = ?, recipients_hash = ? WHERE run = ?",
                arguments: [run.endedAt?.timeIntervalSince1970, run.recipientsHash, run.key])
        }
        _ = try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Ids already output by a run (resume: a later duplicate of them is still a duplicate).
    package func seenIDs(_ run: RunRecord, into seen: inout IDTable) throws {
        let (lo, hi) = Self.range(run.key)
        try queue.read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT seq, id_hash FROM recipients WHERE seq BETWEEN ? AND ? AND id IS NOT NULL AND status != 'rejected' ORDER BY seq",
                arguments: [lo, hi])
            while let r = try rows.next() {
                _ = seen.insertFirst(UInt64(bitPattern: r[1]), line: UInt32(truncatingIfNeeded: (r[0] as Int64) - lo))
            }
        }
    }

    /// Per cap: how many messages of its channel and category each id hash was rendered in
    /// other runs whose clock falls in the cap's window ending at `now`.
    package func capHistory(_ caps: [FrequencyCap], now: Date, excluding: Int64) throws -> [[UInt64: UInt16]] {
        try queue.read { db in
            try caps.map { cap in
                var counts: [UInt64: UInt16] = [:]
                let from = now.timeIntervalSince1970 - Double(cap.perDays) * 86_400
                let runs = try Int64.fetchAll(
                    db, sql: "SELECT run FROM runs WHERE run != ? AND now > ? AND now <= ?",
                    arguments: [excluding, from, now.timeIntervalSince1970])
                for key in runs {
                    let templates = try String.fetchAll(
                        db, sql: "SELECT template FROM run_templates WHERE run = ? AND channel = ? AND category = ?",
                        arguments: [key, cap.channel, cap.category])
                    let (lo, hi) = Self.range(key)
                    for t in templates {
                        let hashes = try Int64.fetchCursor(
                            db, sql: "SELECT id_hash FROM recipients WHERE seq BETWEEN ? AND ? AND status = 'rendered' AND template = ?",
                            arguments: [lo, hi, t])
                        while let h = try hashes.next() {
                            let k = UInt64(bitPattern: h)
                            counts[k] = (counts[k] ?? 0) &+ 1
                        }
                    }
                }
                return counts
            }
        }
    }

    // MARK: locks

    /// `JOURNAL-locks/`: the journal's lock files (see `FileLock`).
    var lockFolder: String { path + "-locks" }

    /// One process writes a run at a time: a second `--resume` of a running run refuses,
    /// naming the process that has it. Released when the process ends, however it ends.
    package func lockRun(_ run: RunRecord) throws -> FileLock {
        switch FileLock.acquire(lockFolder + "/run-\(run.key)") {
        case .success(let lock): return lock
        case .failure(.held(let pid)):
            throw JournalError.runBusy(run: run.id, holder: FileLock.describe(pid))
        case .failure(.system(let message)): throw JournalError.lockFailed(message)
        }
    }

    /// The process writing a run now (`held` false: none, e.g. a `running` run that was
    /// killed and can be resumed).
    package func writer(of run: RunRecord) -> (held: Bool, pid: Int32?) {
        FileLock.probe(lockFolder + "/run-\(run.key)")
    }

    /// Runs with frequency caps on one journal take turns: each reads the journal's history
    /// and records its messages while holding this lock, so two runs cannot both send past a
    /// cap. A second run waits for the first (`waiting` says for whom), then sees its messages.
    package func lockFrequencyCaps(waiting: (String) -> Void) throws -> FileLock {
        let file = lockFolder + "/frequency-caps"
        switch FileLock.acquire(
            file, wait: true,
            waiting: { pid in
                waiting(
                    "waiting for \(FileLock.describe(pid)), which is rendering a run with frequency caps on journal \(self.path): runs with caps on one journal take turns"
                )
            })
        {
        case .success(let lock): return lock
        case .failure(.held(let pid)): throw JournalError.capsBusy(journal: path, holder: FileLock.describe(pid))
        case .failure(.system(let message)): throw JournalError.lockFailed(message)
        }
    }

    // MARK: the batched write

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// One transaction: the batch's rows, its reason counts, and the run's new committed
    /// position (lines, output bytes, input chain, counts). The output bytes were written
    /// before this is called, so a committed position never points past written output.
    package func commit(_ run: RunRecord, results: [RecordResult], reasons: [String: Int]) throws {
        try queue.inDatabase { db in
            try db.inTransaction {
                let insert = try db.cachedStatement(
                    sql:
                        "INSERT INTO recipients(seq, id, id_hash, status, content_hash, template, blocks, claims, signals, reasons, assignments, segments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                )
                let s = insert.sqliteStatement
                let base = run.key << JournalSchema.lineBits
                for r in results where !r.skipped {
                    sqlite3_bind_int64(s, 1, base | Int64(r.line))
                    Self.bind(s, 2, r.id)
                    if r.id != nil { sqlite3_bind_int64(s, 3, Int64(bitPattern: r.idHash)) } else { sqlite3_bind_null(s, 3) }
                    Self.bind(s, 4, r.status.rawValue)
                    sqlite3_bind_int64(s, 5, Int64(bitPattern: r.contentHash))
                    Self.bind(s, 6, r.template)
                    try bindList(s, 7, r.blocks, db)
                    try bindList(s, 8, r.claims, db)
                    try bindList(s, 9, r.signals, db)
                    try bindList(s, 10, r.reasons, db)
                    try bindList(s, 11, r.assignments, db)
                    try bindList(s, 12, r.segments, db)
                    let rc = sqlite3_step(s)
                    sqlite3_reset(s)
                    if rc != SQLITE_DONE {
                        throw JournalError.cannotRecord(line: r.line, reason: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                    }
                }
                let upsert = try db.cachedStatement(
                    sql: "INSERT INTO run_reasons VALUES (?, ?, ?) ON CONFLICT(run, code) DO UPDATE SET count = count + excluded.count")
                for (code, n) in reasons where n != 0 { try upsert.execute(arguments: [run.key, code, n]) }
                let update = try db.cachedStatement(
                    sql: """
                        UPDATE runs SET committed_lines = ?, committed_bytes = ?, input_chain = ?, active_seconds = ?,
                          rendered = ?, suppressed = ?, held = ?, rejected = ?, skipped = ? WHERE run = ?
                        """)
                try update.execute(arguments: [
                    run.committedLines, run.committedBytes, Int64(bitPattern: run.inputChain), run.activeSeconds,
                    run.counts.rendered, run.counts.suppressed, run.counts.held, run.counts.rejected,
                    run.counts.skipped, run.key,
                ])
                return .commit
            }
        }
    }

    /// The `lists` row of each distinct list, cached for the run.
    private var lists = KnownLists()

    private func listID(_ list: JournalList, _ db: Database) throws -> Int64 {
        if let id = lists.id(list) { return id }
        try db.execute(sql: "INSERT OR IGNORE INTO lists(text) VALUES (?)", arguments: [list.text])
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM lists WHERE text = ?", arguments: [list.text])!
        lists.add(list, id: id)
        return id
    }

    private func bindList(_ s: OpaquePointer, _ column: Int32, _ list: JournalList?, _ db: Database) throws {
        if let list { sqlite3_bind_int64(s, column, try listID(list, db)) } else { sqlite3_bind_null(s, column) }
    }

    @inline(__always)
    private static func bind(_ s: OpaquePointer, _ i: Int32, _ text: String?) {
        guard var text, !text.isEmpty else { sqlite3_bind_null(s, i); return }
        text.withUTF8 { p in
            _ = p.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(s, i, $0.baseAddress, Int32(p.count), transient) }
        }
    }
}
