import Foundation

extension LiftReport {
    /// `--format json`: `{"comparisons": […], "srm": […], "notes": […], "settings": {…}}` (docs/lift.md).
    package func json() -> String {
        var j = JSONOut()
        j.raw("{\"comparisons\":[")
        for (i, c) in comparisons.enumerated() {
            if i > 0 { j.raw(",") }
            j.raw("\n{")
            j.key("by"); j.pairs(c.by)
            j.raw(","); j.key("metric"); j.string(c.metric.rawValue)
            j.raw(","); j.key("control"); group(c.control, &j)
            j.raw(","); j.key("treatment"); group(c.treatment, &j)
            j.raw(","); j.key("absolute_lift"); lift(c.absolute, &j)
            j.raw(","); j.key("relative_lift"); lift(c.relative, &j)
            j.raw(","); j.key("p_value"); j.number(c.pValue)
            j.raw(","); j.key("p_adjusted"); j.number(c.pAdjusted)
            j.raw(","); j.key("significant"); j.raw(c.significant ? "true" : "false")
            j.raw("}")
        }
        j.raw("],\n\"srm\":[")
        for (i, s) in srm.enumerated() {
            if i > 0 { j.raw(",") }
            j.raw("\n{")
            j.key("by"); j.pairs(s.by)
            j.raw(","); j.key("expected_share"); shares(s.arms, s.expectedShare, &j)
            j.raw(","); j.key("observed_share"); shares(s.arms, s.observedShare, &j)
            j.raw(","); j.key("observed"); shares(s.arms, s.observed.map(Double.init), &j)
            j.raw(","); j.key("p_value"); j.number(s.pValue)
            j.raw(","); j.key("flag"); j.raw(s.flagged ? "true" : "false")
            j.raw("}")
        }
        j.raw("],\n\"notes\":[")
        for (i, n) in notes.enumerated() {
            if i > 0 { j.raw(",") }
            j.raw("\n")
            j.string(n)
        }
        j.raw("],\n\"settings\":{")
        j.key("metric"); j.string(settings.metric.rawValue)
        j.raw(","); j.key("window"); j.string(settings.window.text)
        j.raw(","); j.key("alpha"); j.number(settings.alpha)
        j.raw(","); j.key("sequential")
        if case .sequential(let tuning) = settings.inference { j.raw("{\"tuning\":"); j.number(tuning); j.raw("}") } else { j.raw("false") }
        j.raw(","); j.key("srm_threshold"); j.number(settings.srmThreshold)
        j.raw("}}\n")
        return j.text
    }

    private func group(_ g: GroupSummary, _ j: inout JSONOut) {
        j.raw("{"); j.key("name"); j.string(g.name)
        j.raw(","); j.key("n"); j.number(Double(g.n))
        j.raw(","); j.key(g.metric == .conversion ? "conversions" : "sum"); j.number(g.sum)
        j.raw(","); j.key("mean"); j.number(g.mean)
        j.raw(","); j.key("variance"); j.number(g.variance)
        j.raw("}")
    }

    private func lift(_ l: LiftEstimate, _ j: inout JSONOut) {
        j.raw("{"); j.key("estimate"); j.number(l.estimate)
        j.raw(","); j.key("ci")
        if let ci = l.ci { j.raw("["); j.number(ci.0); j.raw(","); j.number(ci.1); j.raw("]") } else { j.raw("null") }
        j.raw(","); j.key("p_value"); j.number(l.pValue)
        if let why = l.undefinedReason { j.raw(","); j.key("undefined"); j.string(why) }
        j.raw("}")
    }

    private func shares(_ arms: [String], _ values: [Double], _ j: inout JSONOut) {
        j.raw("{")
        for (i, (a, v)) in zip(arms, values).enumerated() {
            if i > 0 { j.raw(",") }
            j.key(a); j.number(v)
        }
        j.raw("}")
    }

    /// `--format text`: a table of comparisons, the SRM verdicts, then the notes.
    package func text() -> String {
        var rows: [[String]] = [["BY", "CONTROL", "TREATMENT", "ABS LIFT [CI]", "REL LIFT [CI]", "P", "P ADJ", "SIG"]]
        for c in comparisons {
            rows.append([
                c.by.map { "\($0.0)=\($0.1)" }.joined(separator: " "),
                Self.groupCell(c.control), Self.groupCell(c.treatment),
                Self.liftCell(c.absolute, percent: false), Self.liftCell(c.relative, percent: true),
                c.pValue.map(Self.p) ?? "-", c.pAdjusted.map(Self.p) ?? "-", c.significant ? "yes" : "no",
            ])
        }
        var out = Self.table(rows)
        if comparisons.isEmpty { out += "(no randomized comparisons in these runs)\n" }
        if !srm.isEmpty {
            out += "\nsample ratio (chi-square against the declared shares, flagged below \(settings.srmThreshold)):\n"
            for s in srm {
                let expected = zip(s.arms, s.expectedShare).map { "\($0) \(Self.percent($1))" }.joined(separator: ", ")
                let observed = zip(s.arms, zip(s.observed, s.observedShare)).map { "\($0) \($1.0) (\(Self.percent($1.1)))" }.joined(separator: ", ")
                out +=
                    "  \(s.by.map { "\($0.0)=\($0.1)" }.joined(separator: " ")): expected \(expected); observed \(observed); p = \(Self.p(s.pValue)) \(s.flagged ? "MISMATCH" : "ok")\n"
            }
        }
        out += "\nnotes:\n"
        for n in notes { out += "  - \(n)\n" }
        return out
    }

    static func groupCell(_ g: GroupSummary) -> String {
        "\(g.name) \(g.n) \(g.metric == .conversion ? percent(g.mean) : fixed(g.mean, 2))"
    }

    static func liftCell(_ l: LiftEstimate, percent asPercent: Bool) -> String {
        let f: (Double) -> String = asPercent ? { signed(percent($0), $0) } : { signed(fixed($0, 4), $0) }
        guard let e = l.estimate else { return "-" }
        guard let ci = l.ci else { return "\(f(e)) [undefined]" }
        return "\(f(e)) [\(f(ci.0)), \(f(ci.1))]"
    }

    static func signed(_ s: String, _ v: Double) -> String { v > 0 ? "+" + s : s }
    static func percent(_ x: Double) -> String { fixed(x * 100, 2) + "%" }
    static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
    static func p(_ x: Double) -> String { x < 0.0001 ? String(format: "%.1e", x) : String(format: "%.4f", x) }

    static func table(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        let widths = first.indices.map { i in rows.map { $0[i].count }.max() ?? 0 }
        return rows.map { r in
            r.enumerated().map { i, cell in i == r.count - 1 ? cell : cell.padding(toLength: widths[i] + 2, withPad: " ", startingAt: 0) }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
