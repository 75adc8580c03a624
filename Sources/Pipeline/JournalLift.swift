import Assembly
import Catalog
import Foundation
import GRDB
import GRDBSQLite

/// What `tessera lift` reads from and the render writes to the journal: the randomizations a
/// run declared and, per recipient, its assignments and segments (docs/lift.md).
extension Journal {
    static func addLiftSchema(_ db: Database) throws {
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(recipients)").map { $0["name"] as String }
        for c in JournalSchema.liftColumns where !columns.contains(c) {
            try db.execute(sql: "ALTER TABLE recipients ADD COLUMN \(c) INTEGER")
        }
        try db.execute(sql: JournalSchema.liftTable)
    }

    /// Records the randomizations of a run's templates (idempotent: a resume writes the same rows).
    package func recordRandomizations(_ run: RunRecord, _ declared: [DeclaredRandomization]) throws {
        try queue.write { db in
            for d in declared {
                for (i, arm) in d.arms.enumerated() {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO run_randomizations VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [run.key, d.template, d.experiment, arm.name, i, arm.weight])
                }
            }
        }
    }

    /// The randomizations declared by the given runs, per run key.
    package func randomizations(_ runs: [RunRecord]) throws -> [Int64: [DeclaredRandomization]] {
        try queue.read { db in
            var out: [Int64: [DeclaredRandomization]] = [:]
            for run in runs {
                let rows = try Row.fetchAll(
                    db, sql: "SELECT template, experiment, arm, weight FROM run_randomizations WHERE run = ? ORDER BY template, experiment, position",
                    arguments: [run.key])
                var list: [DeclaredRandomization] = []
                for r in rows {
                    let (t, e): (String, String) = (r["template"], r["experiment"])
                    if list.last?.template != t || list.last?.experiment != e {
                        list.append(DeclaredRandomization(template: t, experiment: e, arms: []))
                    }
                    list[list.count - 1].arms.append((r["arm"], r["weight"]))
                }
                out[run.key] = list
            }
            return out
        }
    }

    /// Every interned list (a journal holds a few thousand: lists repeat across recipients).
    package func listTexts() throws -> [Int64: String] {
        try queue.read { db in
            var out: [Int64: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, text FROM lists")
            while let r = try rows.next() { out[r["id"]] = r["text"] }
            return out
        }
    }

    /// Calls `body` for every randomized recipient of `run` (a row with assignments), in line
    /// order, with its id hash, template and list ids (0: none). Reads through SQLite's C API:
    /// a report reads tens of millions of rows.
    package func exposures(
        _ run: RunRecord, _ body: (_ idHash: UInt64, _ template: UnsafeBufferPointer<UInt8>, _ assignments: Int64, _ segments: Int64) -> Void
    ) throws {
        let (lo, hi) = Self.range(run.key)
        try queue.read { db in
            let statement = try db.makeStatement(
                sql:
                    "SELECT id_hash, template, assignments, segments FROM recipients WHERE seq BETWEEN ? AND ? AND assignments IS NOT NULL ORDER BY seq"
            )
            let s = statement.sqliteStatement
            sqlite3_bind_int64(s, 1, lo)
            sqlite3_bind_int64(s, 2, hi)
            while true {
                let rc = sqlite3_step(s)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else {
                    throw JournalError.cannotRead(journal: path, reason: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                let hash = UInt64(bitPattern: sqlite3_column_int64(s, 0))
                let bytes = sqlite3_column_text(s, 1)
                let count = Int(sqlite3_column_bytes(s, 1))
                let template = UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : count)
                body(hash, template, sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3))
            }
            sqlite3_reset(s)
        }
    }

    /// Per template, how many of the run's recipients have no randomized assignment (the
    /// decision engine set `decision.group`, the template has no holdout, or the record stopped
    /// before selection): they are in no comparison, and the report says how many.
    package func unrandomizedCounts(_ run: RunRecord) throws -> [String: Int] {
        let (lo, hi) = Self.range(run.key)
        return try queue.read { db in
            var out: [String: Int] = [:]
            for r in try Row.fetchAll(
                db,
                sql:
                    "SELECT template, COUNT(*) AS n FROM recipients WHERE seq BETWEEN ? AND ? AND assignments IS NULL AND template IS NOT NULL GROUP BY template",
                arguments: [lo, hi])
            {
                out[r["template"]] = r["n"]
            }
            return out
        }
    }

    /// Every randomized recipient of `run` (id and assignments list id), in line order: what
    /// `tessera generate-conversions` draws conversions for.
    package func randomizedRecipients(_ run: RunRecord, _ body: (_ id: String, _ assignments: Int64) -> Void) throws {
        let (lo, hi) = Self.range(run.key)
        try queue.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT id, assignments FROM recipients WHERE seq BETWEEN ? AND ? AND assignments IS NOT NULL AND id IS NOT NULL ORDER BY seq",
                arguments: [lo, hi])
            while let r = try rows.next() { body(r[0], r[1]) }
        }
    }
}

/// One randomization a template declares: the holdout draw or a content experiment.
package struct DeclaredRandomization: Sendable {
    package var template: String
    package var experiment: String
    package var arms: [(name: String, weight: Double)]
    package init(template: String, experiment: String, arms: [(name: String, weight: Double)]) {
        self.template = template
        self.experiment = experiment
        self.arms = arms
    }

    /// Every template's holdout (its exact share: the draw is an integer in 0..<10,000, held
    /// out below percent × 100) and experiments.
    package static func of(_ catalog: Catalog) -> [DeclaredRandomization] {
        var out: [DeclaredRandomization] = []
        for t in catalog.templates {
            if let pct = t.holdoutPercent, pct > 0 {
                let held = min(10_000, (pct * 100).rounded(.up)) / 10_000
                out.append(
                    DeclaredRandomization(
                        template: t.id, experiment: ExperimentDefinition.holdoutID,
                        arms: [("holdout", held), ("treatment", 1 - held)]))
            }
            for e in t.experiments {
                out.append(DeclaredRandomization(template: t.id, experiment: e.id, arms: e.arms.map { ($0.name, $0.weight) }))
            }
        }
        return out
    }
}
