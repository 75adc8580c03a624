import Foundation
import GRDB

/// One run as the journal knows it.
public struct RunRecord: Sendable {
    public var key: Int64 = 0
    public var id: String
    public var state = "running"
    public var startedAt: Date
    public var endedAt: Date?
    public var activeSeconds = 0.0
    public var now: Date
    public var recipients: String
    public var output: String
    public var format: String
    public var template: String?
    public var shard: String?
    public var jobs: Int
    public var projectHash: String
    public var recipientsHash: String?
    public var inputChain: UInt64 = 0
    public var committedLines = 0
    public var committedBytes = 0
    public var counts = StatusCounts()
    public var resumes = 0

    public init(id: String, startedAt: Date, now: Date, recipients: String, output: String, format: String,
                template: String?, shard: String?, jobs: Int, projectHash: String) {
        self.id = id
        self.startedAt = startedAt
        self.now = now
        self.recipients = recipients
        self.output = output
        self.format = format
        self.template = template
        self.shard = shard
        self.jobs = jobs
        self.projectHash = projectHash
    }

    init(row: Row) {
        key = row["run"]
        id = row["id"]
        state = row["state"]
        startedAt = Date(timeIntervalSince1970: row["started_at"])
        endedAt = (row["ended_at"] as Double?).map { Date(timeIntervalSince1970: $0) }
        activeSeconds = row["active_seconds"]
        now = Date(timeIntervalSince1970: row["now"])
        recipients = row["recipients"]
        output = row["output"]
        format = row["format"]
        template = row["template"]
        shard = row["shard"]
        jobs = row["jobs"]
        projectHash = row["project_hash"]
        recipientsHash = row["recipients_hash"]
        inputChain = UInt64(bitPattern: row["input_chain"])
        committedLines = row["committed_lines"]
        committedBytes = row["committed_bytes"]
        counts = StatusCounts(rendered: row["rendered"], suppressed: row["suppressed"], held: row["held"],
                              rejected: row["rejected"], skipped: row["skipped"])
        resumes = row["resumes"]
    }

    /// Records of this shard per second of rendering.
    public var throughput: Double { activeSeconds > 0 ? Double(counts.records) / activeSeconds : 0 }
}

/// Records by status; `skipped` counts other shards' lines (not records of this run).
public struct StatusCounts: Sendable, Equatable {
    public var rendered = 0, suppressed = 0, held = 0, rejected = 0, skipped = 0
    public init(rendered: Int = 0, suppressed: Int = 0, held: Int = 0, rejected: Int = 0, skipped: Int = 0) {
        self.rendered = rendered
        self.suppressed = suppressed
        self.held = held
        self.rejected = rejected
        self.skipped = skipped
    }
    public var records: Int { rendered + suppressed + held + rejected }
    public var lines: Int { records + skipped }
}

/// One journal row: what one recipient got and why.
public struct JournalRow: Sendable {
    public var line: Int
    public var id: String?
    public var status: String
    public var contentHash: UInt64
    public var template: String?
    public var blocks: [String]
    public var claims: [String]
    public var signals: [String]
    public var reasons: [String]
}

extension RunRecord {
    /// Records grouped by run id, in the order each id first appears (a PostgreSQL journal
    /// holds one record per shard of a run; a SQLite journal one per id).
    public static func byRunID(_ records: [RunRecord]) -> [[RunRecord]] {
        var order: [String] = []
        var groups: [String: [RunRecord]] = [:]
        for r in records {
            if groups[r.id] == nil { order.append(r.id) }
            groups[r.id, default: []].append(r)
        }
        return order.map { groups[$0]! }
    }

    /// The shards of one run as one record: counts, committed lines and bytes, rendering time
    /// and resumes summed (`skipped`, other shards' lines, is not: every line is some shard's
    /// record), `running` while any shard is, the earliest start and the latest end. The
    /// shards' settings are the first's, with `shard` naming them all.
    public static func combined(_ shards: [RunRecord]) -> RunRecord {
        guard var total = shards.first, shards.count > 1 else { return shards.first! }
        total.counts = StatusCounts()
        total.committedLines = 0
        total.committedBytes = 0
        total.activeSeconds = 0
        total.resumes = 0
        for s in shards {
            total.counts.rendered += s.counts.rendered
            total.counts.suppressed += s.counts.suppressed
            total.counts.held += s.counts.held
            total.counts.rejected += s.counts.rejected
            total.committedLines += s.committedLines
            total.committedBytes += s.committedBytes
            total.activeSeconds += s.activeSeconds
            total.resumes += s.resumes
            total.startedAt = min(total.startedAt, s.startedAt)
        }
        total.state = shards.allSatisfy { $0.state == "completed" } ? "completed" : "running"
        total.endedAt = total.state == "completed" ? shards.compactMap(\.endedAt).max() : nil
        total.recipientsHash = Set(shards.map(\.recipientsHash)).count == 1 ? total.recipientsHash : nil
        total.shard = shards.compactMap(\.shard).joined(separator: ", ")
        return total
    }
}
