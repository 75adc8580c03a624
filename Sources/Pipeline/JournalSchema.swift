/// The run journal's tables (docs/pipeline.md "Journal schema").
enum JournalSchema {
    static let statements = [
        """
        CREATE TABLE IF NOT EXISTS runs(
          run INTEGER PRIMARY KEY,            -- internal key; recipients.seq = run << 36 | line
          id TEXT NOT NULL UNIQUE,            -- the run id users see (--resume, runs show)
          state TEXT NOT NULL,                -- running | completed
          started_at REAL NOT NULL,           -- wall clock, Unix seconds
          ended_at REAL,
          active_seconds REAL NOT NULL DEFAULT 0,  -- time spent rendering, over the original run and its resumes
          now REAL NOT NULL,                  -- the run's clock (--now): frequency cap windows
          recipients TEXT NOT NULL, output TEXT NOT NULL, format TEXT NOT NULL,
          template TEXT, shard TEXT, jobs INTEGER NOT NULL,
          project_hash TEXT NOT NULL,         -- brand/, templates/, blocks/
          recipients_hash TEXT,               -- the whole input's line chain, once completed
          input_chain INTEGER NOT NULL DEFAULT 0,  -- the chain through committed_lines
          committed_lines INTEGER NOT NULL DEFAULT 0,
          committed_bytes INTEGER NOT NULL DEFAULT 0,
          rendered INTEGER NOT NULL DEFAULT 0, suppressed INTEGER NOT NULL DEFAULT 0,
          held INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0,
          skipped INTEGER NOT NULL DEFAULT 0,
          resumes INTEGER NOT NULL DEFAULT 0)
        """,
        // Space-separated lists (blocks, claims, signals, reason codes) repeat across recipients:
        // each distinct one is stored once and rows refer to it (a row is ~70 bytes, not ~500).
        "CREATE TABLE IF NOT EXISTS lists(id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)",
        """
        CREATE TABLE IF NOT EXISTS recipients(
          seq INTEGER PRIMARY KEY,            -- run << 36 | line: rows of a run are one rowid range
          id TEXT, id_hash INTEGER,           -- FNV-1a 64 of the id (frequency caps)
          status TEXT NOT NULL, content_hash INTEGER NOT NULL,
          template TEXT,
          blocks INTEGER, claims INTEGER, signals INTEGER, reasons INTEGER)   -- lists.id; NULL: empty
        """,
        """
        CREATE VIEW IF NOT EXISTS recipient_rows AS
          SELECT u.id AS run, r.seq & 68719476735 AS line, r.id, r.status, printf('%016x', r.content_hash) AS content_hash,
                 r.template, b.text AS blocks, c.text AS claims, s.text AS signals, x.text AS reasons
          FROM recipients r JOIN runs u ON u.run = r.seq >> 36
          LEFT JOIN lists b ON b.id = r.blocks LEFT JOIN lists c ON c.id = r.claims
          LEFT JOIN lists s ON s.id = r.signals LEFT JOIN lists x ON x.id = r.reasons
        """,
        "CREATE TABLE IF NOT EXISTS run_reasons(run INTEGER NOT NULL, code TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY(run, code))",
        "CREATE TABLE IF NOT EXISTS run_templates(run INTEGER NOT NULL, template TEXT NOT NULL, channel TEXT NOT NULL, category TEXT NOT NULL, PRIMARY KEY(run, template))",
    ]
    static let lineBits: Int64 = 36

    /// For `tessera lift` (docs/lift.md): per recipient, the randomized assignments and the
    /// segments (lists.id; NULL when not randomized), and per run the declared randomizations.
    /// Added to journals written before them, so those stay readable and resumable.
    static let liftColumns = ["assignments", "segments"]
    static let liftTable = """
        CREATE TABLE IF NOT EXISTS run_randomizations(
          run INTEGER NOT NULL, template TEXT NOT NULL,
          experiment TEXT NOT NULL,           -- 'holdout' for the holdout draw
          arm TEXT NOT NULL, position INTEGER NOT NULL,   -- declared order: the first arm is the baseline
          weight REAL NOT NULL,               -- share of the draw (holdout: the exact share of the 10,000 draws)
          PRIMARY KEY(run, template, experiment, arm))
        """
}
