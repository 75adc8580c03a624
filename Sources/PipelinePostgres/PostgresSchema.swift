import Pipeline
import PostgresNIO

/// The PostgreSQL journal's tables: the SQLite journal's (docs/pipeline.md "Journal schema"),
/// with a run per shard (`runs.id` plus `runs.shard`), an index for frequency caps, and a
/// version table. Each migration is applied once, in order, in one transaction under an
/// advisory lock, so two processes opening a new database at once do not both create it.
enum PostgresSchema {
    /// `migrations[i]` brings the schema from version i to i + 1.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE runs(
              run BIGSERIAL PRIMARY KEY,          -- internal key; recipients.seq = run << 36 | line
              id TEXT NOT NULL,                   -- the run id users see; shards of one run share it
              shard TEXT,                         -- K/N, or NULL for an unsharded run
              state TEXT NOT NULL,                -- running | completed
              started_at DOUBLE PRECISION NOT NULL, ended_at DOUBLE PRECISION,
              active_seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
              now DOUBLE PRECISION NOT NULL,      -- the run's clock (--now): frequency cap windows
              recipients TEXT NOT NULL, output TEXT NOT NULL, format TEXT NOT NULL,
              template TEXT, jobs INTEGER NOT NULL,
              project_hash TEXT NOT NULL, recipients_hash TEXT,
              input_chain BIGINT NOT NULL DEFAULT 0,
              committed_lines BIGINT NOT NULL DEFAULT 0, committed_bytes BIGINT NOT NULL DEFAULT 0,
              rendered BIGINT NOT NULL DEFAULT 0, suppressed BIGINT NOT NULL DEFAULT 0,
              held BIGINT NOT NULL DEFAULT 0, rejected BIGINT NOT NULL DEFAULT 0,
              skipped BIGINT NOT NULL DEFAULT 0, resumes INTEGER NOT NULL DEFAULT 0)
            """,
            "CREATE UNIQUE INDEX runs_id_shard ON runs(id, coalesce(shard, ''))",
            "CREATE TABLE lists(id BIGSERIAL PRIMARY KEY, text TEXT NOT NULL UNIQUE)",
            """
            CREATE TABLE recipients(
              seq BIGINT PRIMARY KEY,             -- run << 36 | line
              id TEXT, id_hash BIGINT,            -- FNV-1a 64 of the id (frequency caps)
              status TEXT NOT NULL, content_hash BIGINT NOT NULL, template TEXT,
              blocks BIGINT, claims BIGINT, signals BIGINT, reasons BIGINT,   -- lists.id; NULL: empty
              assignments BIGINT, segments BIGINT)
            """,
            // Frequency caps count a recipient's rendered messages across every run and shard.
            "CREATE INDEX recipients_rendered_id_hash ON recipients(id_hash) WHERE status = 'rendered'",
            """
            CREATE VIEW recipient_rows AS
              SELECT u.id AS run, u.shard, r.seq & 68719476735 AS line, r.id, r.status, lpad(to_hex(r.content_hash), 16, '0') AS content_hash,
                     r.template, b.text AS blocks, c.text AS claims, s.text AS signals, x.text AS reasons
              FROM recipients r JOIN runs u ON u.run = r.seq >> 36
              LEFT JOIN lists b ON b.id = r.blocks LEFT JOIN lists c ON c.id = r.claims
              LEFT JOIN lists s ON s.id = r.signals LEFT JOIN lists x ON x.id = r.reasons
            """,
            "CREATE TABLE run_reasons(run BIGINT NOT NULL, code TEXT NOT NULL, count BIGINT NOT NULL, PRIMARY KEY(run, code))",
            "CREATE TABLE run_templates(run BIGINT NOT NULL, template TEXT NOT NULL, channel TEXT NOT NULL, category TEXT NOT NULL, PRIMARY KEY(run, template))",
            """
            CREATE TABLE run_randomizations(
              run BIGINT NOT NULL, template TEXT NOT NULL, experiment TEXT NOT NULL,
              arm TEXT NOT NULL, position INTEGER NOT NULL, weight DOUBLE PRECISION NOT NULL,
              PRIMARY KEY(run, template, experiment, arm))
            """,
        ],
        [
            // The frequency cap that stopped a record at commit ("code detail"), so a retried
            // part (`--part`) writes the record again exactly as its first attempt did.
            "ALTER TABLE recipients ADD COLUMN cap_stop TEXT"
        ],
    ]
    static var version: Int { migrations.count }

    /// The advisory lock key migrations take (apart from run keys, which are small).
    static let migrationLock: Int64 = 0x7E55_E7A0_0000_0001

    /// The schema's version: 0 for a database Tessera has not set up.
    static func currentVersion(_ c: PostgresConnection, _ session: PostgresSession) throws -> Int {
        let exists = try session.rows("SELECT to_regclass('tessera_schema') IS NOT NULL", on: c)
        guard try exists.first?.decode(Bool.self) == true else { return 0 }
        return try session.rows("SELECT coalesce(max(version), 0) FROM tessera_schema", on: c).first?.decode(Int.self) ?? 0
    }

    /// Brings the schema to `version`; returns the version found before. A newer schema than
    /// this Tessera knows is an error (an older Tessera must not write it).
    @discardableResult
    static func migrate(_ session: PostgresSession) throws -> Int {
        try session.withRetry("migrating the journal schema") { c, _ in
            _ = try session.rows("BEGIN", on: c)
            do {
                _ = try session.rows("SELECT pg_advisory_xact_lock(\(migrationLock))", on: c)
                _ = try session.rows(
                    "CREATE TABLE IF NOT EXISTS tessera_schema(version INTEGER NOT NULL, migrated_at TIMESTAMPTZ NOT NULL DEFAULT now())", on: c)
                let found = try currentVersion(c, session)
                if found > version {
                    throw JournalError(
                        "journal \(session.location.display) has schema version \(found), newer than this tessera's \(version): upgrade tessera")
                }
                for v in found..<version {
                    for statement in migrations[v] { _ = try session.rows(PostgresQuery(unsafeSQL: statement), on: c) }
                    _ = try session.rows("INSERT INTO tessera_schema(version) VALUES (\(v + 1))", on: c)
                }
                _ = try session.rows("COMMIT", on: c)
                return found
            } catch {
                _ = try? session.rows("ROLLBACK", on: c)
                throw error
            }
        }
    }
}
