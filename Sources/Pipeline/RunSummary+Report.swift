import BrandContext
import Foundation

extension RunSummary {
    /// The end-of-run lines for standard error: counts by status, top reasons, throughput;
    /// with `machine`, also one `summary {json}` line.
    package func report(machine: Bool) -> [String] {
        let rate = Double(linesThisSession) / max(seconds, 1e-9)
        var first =
            "\(Plural.of(counts.records, "recipient")): \(counts.rendered) rendered, \(counts.suppressed) suppressed, \(counts.held) held, \(counts.rejected) rejected"
        if counts.skipped > 0 { first += ", \(counts.skipped) skipped (other shards)" }
        first += "; \(Plural.of(mjmlRenders, "MJML render")); \(String(format: "%.2f", seconds)) s (\(Int(rate))/s)"
        var lines = [first]
        let top = reasons.prefix(8)
        if !top.isEmpty { lines.append("top reasons: " + top.map { "\($0.code) \($0.count)" }.joined(separator: ", ")) }
        if let runID { lines.append("run \(runID): \(Plural.of(counts.lines, "line")) journaled") }
        if machine {
            let reasonJSON = top.map { "{\"code\":\"\($0.code)\",\"count\":\($0.count)}" }.joined(separator: ",")
            lines.append(
                "summary {\"run\":\(runID.map { "\"\($0)\"" } ?? "null"),\"records\":\(counts.records),\"rendered\":\(counts.rendered),\"suppressed\":\(counts.suppressed),\"held\":\(counts.held),\"rejected\":\(counts.rejected),\"skipped\":\(counts.skipped),\"seconds\":\(String(format: "%.3f", seconds)),\"rate\":\(Int(rate)),\"top_reasons\":[\(reasonJSON)]}"
            )
        }
        return lines
    }
}
