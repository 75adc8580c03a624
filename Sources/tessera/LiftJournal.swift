import Foundation
import Lift
import Pipeline
import PipelinePostgres

/// Reads what `tessera lift` and `generate-conversions` need from a run journal.
struct LiftJournal {
    let journal: any RunJournal
    let runs: [RunRecord]

    /// `ids` empty: every run of the journal.
    init(path: String, runIDs: [String]) throws {
        guard JournalOpener.isDatabase(path) || FileManager.default.fileExists(atPath: path) else {
            throw LiftError("no journal at '\(path)' (render with --journal FILE first)")
        }
        journal = try JournalOpener.open(path)
        let all = try journal.runs()
        if runIDs.isEmpty {
            runs = all
        } else {
            // Every shard of a run (a PostgreSQL journal records one per shard).
            runs = try runIDs.flatMap { id in
                let shards = all.filter { $0.id == id }
                guard !shards.isEmpty else {
                    throw LiftError("--run '\(id)': no such run in \(path) (runs: \(all.map(\.id).suffix(8).joined(separator: ", ")))")
                }
                return shards
            }
        }
        if runs.isEmpty { throw LiftError("the journal '\(path)' has no runs") }
    }

    /// The runs' declared randomizations; one that differs between runs is left out (no SRM
    /// verdict for it) with a note.
    func randomizations(notes: inout [String]) throws -> [Randomization] {
        var merged: [Randomization] = []
        var conflicting = Set<String>()
        for (_, list) in try journal.randomizations(runs).sorted(by: { $0.key < $1.key }) {
            for d in list {
                let r = Randomization(template: d.template, experiment: d.experiment, arms: d.arms.map(\.name), weights: d.arms.map(\.weight))
                if let old = merged.first(where: { $0.template == r.template && $0.experiment == r.experiment }) {
                    if old != r { conflicting.insert("\(r.template)/\(r.experiment)") }
                } else {
                    merged.append(r)
                }
            }
        }
        for c in conflicting.sorted() {
            notes.append(
                "'\(c)' was declared with different arms or shares in the runs read: no sample-ratio verdict for it (read one run at a time with --run)."
            )
        }
        return merged.filter { !conflicting.contains("\($0.template)/\($0.experiment)") }
    }

    /// A note per template with recipients outside every randomization.
    func unrandomizedNotes() throws -> [String] {
        var total: [String: Int] = [:]
        for run in runs { for (t, n) in try journal.unrandomizedCounts(run) { total[t, default: 0] += n } }
        return total.sorted { $0.key < $1.key }.map { t, n in
            "Template '\(t)': \(n) recipients were in no randomization (decision.group set by the decision engine, no holdout_percent, or stopped before selection, e.g. no email consent); they are in no comparison, and the decision engine's own holdout is not Tessera's draw, so it is not compared either."
        }
    }

    /// Feeds every randomized recipient of the runs to the analysis.
    func feed(_ analysis: LiftAnalysis) throws {
        let lists = try journal.listTexts()
        struct Key: Hashable { var run: Int; var template: String; var assignments: Int64; var segments: Int64 }
        var profiles: [Key: Int] = [:]
        for (r, run) in runs.enumerated() {
            let sentAt = run.now.timeIntervalSince1970
            try journal.exposures(run) { idHash, templateBytes, assignments, segments in
                let key = Key(run: r, template: String(decoding: templateBytes, as: UTF8.self), assignments: assignments, segments: segments)
                let profile: Int
                if let p = profiles[key] {
                    profile = p
                } else {
                    profile = analysis.profile(
                        ExposureProfile(
                            template: key.template, sentAt: sentAt,
                            assignments: Self.items(lists[assignments]), segments: Self.items(lists[segments]).map(Self.unescape)))
                    profiles[key] = profile
                }
                analysis.add(profile: profile, idHash: idHash)
            }
        }
    }

    static func items(_ text: String?) -> [String] { (text ?? "").split(separator: " ").map(String.init) }

    /// Undoes the journal's percent-encoding of segment names (spaces, `%`, tabs, newlines).
    static func unescape(_ s: String) -> String {
        guard s.contains("%") else { return s }
        return s.replacingOccurrences(of: "%20", with: " ").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%25", with: "%")
    }
}
