import Foundation
import GRDB

/// One run as the journal knows it.
package struct RunRecord: Sendable {
    package var key: Int64 = 0
    package var id: String
    package var state = "running"
    package var startedAt: Date
    package var endedAt: Date?
    package var activeSeconds = 0.0
    package var now: Date
    package var recipients: String
    package var output: String
    package var format: String
    package var template: String?
    package var shard: String?
    package var jobs: Int
    package var projectHash: String
    package var recipientsHash: String?
    package var inputChain: UInt64 = 0
    package var committedLines = 0
    package var committedBytes = 0
    package var counts = StatusCounts()
    package var resumes = 0

    package init(
        id: String, startedAt: Date, now: Date, recipients: String, output: String, format: String,
        template: String?, shard: String?, jobs: Int, projectHash: String
    ) {
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
        counts = StatusCounts(
            rendered: row["rendered"], suppressed: row["suppressed"], held: row["held"],
            rejected: row["rejected"], skipped: row["skipped"])
        resumes = row["resumes"]
    }

    /// Records of this shard per second of rendering.
    package var throughput: Double { activeSeconds > 0 ? Double(counts.records) / activeSeconds : 0 }
}

/// Records by status; `skipped` counts other shards' lines (not records of this run).
package struct StatusCounts: Sendable, Equatable {
    package var rendered = 0, suppressed = 0, held = 0, rejected = 0, skipped = 0
    package init(rendered: Int = 0, suppressed: Int = 0, held: Int = 0, rejected: Int = 0, skipped: Int = 0) {
        self.rendered = rendered
        self.suppressed = suppressed
        self.held = held
        self.rejected = rejected
        self.skipped = skipped
    }
    package var records: Int { rendered + suppressed + held + rejected }
    package var lines: Int { records + skipped }
}

/// One journal row: what one recipient got and why.
package struct JournalRow: Sendable {
    package var line: Int
    package var id: String?
    package var status: String
    package var contentHash: UInt64
    package var template: String?
    package var blocks: [String]
    package var claims: [String]
    package var signals: [String]
    package var reasons: [String]
}

extension RunRecord {
    /// Records grouped by run id, in the order each id first appears (a PostgreSQL journal
    /// holds one record per shard of a run; a SQLite journal one per id).
    package static func byRunID(_ records: [RunRecord]) -> [[RunRecord]] {
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
    package static func combined(_ shards: [RunRecord]) -> RunRecord {
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
