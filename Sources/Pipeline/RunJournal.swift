import Assembly
import BrandContext
import Foundation

/// What a render, `tessera runs` and `tessera lift` need of a run journal, whatever stores it:
/// the SQLite file (`Journal`, the default) or a database many machines share
/// (`PostgresJournal` in PipelinePostgres). One instance is used by one thread at a time.
///
/// A journal is called once per batch, never per recipient: the SQLite journal pays one
/// existential call per batch for this seam.
package protocol RunJournal: AnyObject {
    /// What to name in messages: the file, or the URL without a password.
    var path: String { get }
    /// Whether the journal decides frequency caps itself as each batch is committed
    /// (`commitDecidingCaps`), so many processes can share caps without taking turns; false: the run
    /// reads `capHistory` once under `lockFrequencyCaps` and the workers decide.
    var decidesCapsAtCommit: Bool { get }

    // Reading
    func runs() throws -> [RunRecord]
    /// The run `id`; for a journal that holds several shards of one id, the one of `shard`
    /// (nil: the only one; more than one is an error naming them).
    func run(_ id: String, shard: String?) throws -> RunRecord?
    func reasonCounts(_ run: RunRecord) throws -> [(code: String, count: Int)]

    // Writing a run
    func create(_ run: RunRecord, templates: [(id: String, channel: String, category: String)]) throws -> RunRecord
    func markResumed(_ run: RunRecord) throws
    func finish(_ run: RunRecord) throws
    func seenIDs(_ run: RunRecord, into seen: inout IDTable) throws
    func capHistory(_ caps: [FrequencyCap], now: Date, excluding: Int64) throws -> [[UInt64: UInt16]]
    func commit(_ run: RunRecord, results: [RecordResult], reasons: [String: Int]) throws
    /// Decides a batch's frequency caps and commits the batch as one unit (one transaction):
    /// of the rendered `candidates`, those a cap stops now are passed to `apply` (by index,
    /// with the reason), which writes the batch's output accordingly and returns what to
    /// commit. Other writers wait for these recipients until the commit, so two processes
    /// cannot both send past a cap. If the unit is retried (the connection was lost before it
    /// committed), the caps are decided again and `apply` is called again with the new
    /// decision: it must replace what it wrote for the earlier one. Only called when
    /// `decidesCapsAtCommit`.
    /// `run`: the run before the batch (its clock ends the caps' windows).
    func commitDecidingCaps(_ run: RunRecord, _ candidates: [CapCandidate], caps: FrequencyCaps, apply: ([Int: Reason]) throws -> BatchCommit) throws
    func recordRandomizations(_ run: RunRecord, _ declared: [DeclaredRandomization]) throws
    /// What the run recorded for `lines` (by line): a retried part (`--part`) writes them again.
    func recorded(_ run: RunRecord, lines: ClosedRange<Int>) throws -> [Int: RecordedRow]

    // Locks
    /// One process writes a run (one shard of it) at a time.
    func takeRun(_ run: RunRecord) throws -> any JournalLock
    func writer(of run: RunRecord) -> (held: Bool, pid: Int32?)
    /// Held for a whole capped run when the journal does not decide caps at commit; nil when it does.
    func takeFrequencyCaps(waiting: (String) -> Void) throws -> (any JournalLock)?

    // `tessera lift`
    func randomizations(_ runs: [RunRecord]) throws -> [Int64: [DeclaredRandomization]]
    func listTexts() throws -> [Int64: String]
    func exposures(
        _ run: RunRecord, _ body: (_ idHash: UInt64, _ template: UnsafeBufferPointer<UInt8>, _ assignments: Int64, _ segments: Int64) -> Void) throws
    func unrandomizedCounts(_ run: RunRecord) throws -> [String: Int]
    func randomizedRecipients(_ run: RunRecord, _ body: (_ id: String, _ assignments: Int64) -> Void) throws
}

/// A rendered record a frequency cap applies to: its index in the batch, id hash and template.
package struct CapCandidate: Sendable {
    package var index: Int
    package var idHash: UInt64
    package var template: String
}

/// One line as the journal recorded it, for a retried part that writes it again: the record
/// rendered again must match it.
package struct RecordedRow: Sendable {
    package var status: String
    package var contentHash: UInt64
    /// The frequency cap that stopped it (its code and detail), if one did.
    package var capStop: Reason?
    package init(status: String, contentHash: UInt64, capStop: Reason?) {
        self.status = status
        self.contentHash = contentHash
        self.capStop = capStop
    }
}

/// What a batch commits: the run's new position and counts, the batch's rows, its reason counts.
package struct BatchCommit {
    package var run: RunRecord
    package var results: [RecordResult]
    package var reasons: [String: Int]
    package init(run: RunRecord, results: [RecordResult], reasons: [String: Int]) {
        self.run = run
        self.results = results
        self.reasons = reasons
    }
}

/// A held run or frequency-cap lock: a lock file, or a database session's lock.
package protocol JournalLock: AnyObject {
    func release()
    /// Releases it for good when the run completes (a lock file is deleted).
    func remove()
}

extension FileLock: JournalLock {}

extension Journal: RunJournal {
    package var decidesCapsAtCommit: Bool { false }

    /// SQLite: a run id names one run (`shard` is checked against it by the caller).
    package func run(_ id: String, shard: String?) throws -> RunRecord? { try run(id) }

    /// Never called (SQLite's workers decide caps from the history read under the caps lock):
    /// commits the batch as it is.
    package func commitDecidingCaps(_ run: RunRecord, _ candidates: [CapCandidate], caps: FrequencyCaps, apply: ([Int: Reason]) throws -> BatchCommit)
        throws
    {
        let batch = try apply([:])
        try commit(batch.run, results: batch.results, reasons: batch.reasons)
    }

    package func takeRun(_ run: RunRecord) throws -> any JournalLock { try lockRun(run) }

    /// Parts (`--part`) are a PostgreSQL journal's: never called.
    package func recorded(_ run: RunRecord, lines: ClosedRange<Int>) throws -> [Int: RecordedRow] {
        throw JournalError("run '\(run.id)': a SQLite journal does not record parts (--part needs a PostgreSQL --journal)")
    }

    package func takeFrequencyCaps(waiting: (String) -> Void) throws -> (any JournalLock)? { try lockFrequencyCaps(waiting: waiting) }
}
