import BrandContext
import Foundation

/// `tessera preview --text`: the permutation table for a terminal.
package enum PermutationTable {
    package static func render(_ r: PreviewResult) -> String {
        var rows: [[String]] = [["SEGMENT", "PERMUTATION", "BLOCKS", "COUNT"]]
        for s in r.segments {
            for id in s.permutations {
                guard let p = r.permutation(id) else { continue }
                var mark = p.enumerated ? "" : " (not enumerated)"
                if p.change != .unchanged, r.baselineSource != nil { mark += " [\(p.change.rawValue)]" }
                rows.append([s.name, id + mark, p.blocks.joined(separator: ", "), String(p.counts[s.name] ?? 0)])
            }
        }
        let widths = (0..<3).map { c in rows.map { $0[c].count }.max() ?? 0 }
        var out =
            rows.map { row in
                (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "  " + row[3]
            }.joined(separator: "\n") + "\n"
        out += summary(r) + "\n"
        out += "inputs (cases): " + r.stats.dimensions.joined(separator: " × ") + "\n"
        for g in r.gone { out += "gone since baseline: \(g.id) (\(g.blocks.joined(separator: ", ")))\n" }
        for n in r.notes { out += "note: \(n)\n" }
        return out
    }

    /// One line: what was enumerated and how the sample compares.
    package static func summary(_ r: PreviewResult) -> String {
        let s = r.stats
        return
            "\(r.template): \(Plural.of(r.permutations.count, "permutation")) (\(s.enumerated) enumerated from \(Plural.of(s.representatives, "representative recipient")) in \(String(format: "%.2f", s.seconds)) s); "
            + "sample: \(s.sampleRendered) of \(Plural.of(s.sampleRecipients, "recipient")) rendered this template in \(Plural.of(s.samplePermutations, "permutation")), \(r.missed.count) not enumerated"
    }
}
