/// One randomized comparison: treatment against control within a breakdown.
package struct ComparisonResult: Sendable {
    /// What the comparison is within, in a fixed key order: template, experiment, arm, segment.
    package var by: [(String, String)]
    package var metric: Metric
    package var control: GroupSummary
    package var treatment: GroupSummary
    package var absolute: LiftEstimate
    package var relative: LiftEstimate
    /// The relative lift's p-value (gbstats' default difference type), else the absolute one's.
    package var pValue: Double?
    /// Benjamini–Hochberg over every comparison of the report.
    package var pAdjusted: Double?
    package var significant: Bool
    package var family: String
}

/// One sample-ratio-mismatch verdict.
package struct SampleRatioResult: Sendable {
    package var by: [(String, String)]
    package var arms: [String]
    package var expectedShare: [Double]
    package var observedShare: [Double]
    package var observed: [Int]
    package var pValue: Double
    package var flagged: Bool
}

/// A lift report: the comparisons, the SRM verdicts and the notes a careful reader needs.
package struct LiftReport: Sendable {
    package var settings: LiftSettings
    package var comparisons: [ComparisonResult] = []
    package var srm: [SampleRatioResult] = []
    package var notes: [String] = []
}

extension LiftAnalysis {
    /// The report over everything added so far, with `extraNotes` (from reading the inputs).
    package func report(notes extraNotes: [String] = []) -> LiftReport {
        var report = LiftReport(settings: settings)
        let order = cells.indices.sorted { a, b in
            let x = cells[a].key, y = cells[b].key
            if x.family != y.family { return x.family < y.family }
            if x.template != y.template { return x.template < y.template }
            if x.experiment != y.experiment { return x.experiment < y.experiment }
            if x.arm != y.arm { return (x.arm ?? "") < (y.arm ?? "") }
            return (x.segment ?? "") < (y.segment ?? "")
        }
        for i in order {
            let cell = cells[i]
            for (control, treatment) in pairs(cell) {
                let test = TwoSampleTest(
                    control: cell.groups[control], treatment: cell.groups[treatment],
                    alpha: settings.alpha, inference: settings.inference)
                let abs = test.absolute, rel = test.relative
                report.comparisons.append(
                    ComparisonResult(
                        by: by(cell.key), metric: settings.metric, control: cell.groups[control], treatment: cell.groups[treatment],
                        absolute: abs, relative: rel, pValue: rel.pValue ?? abs.pValue, pAdjusted: nil, significant: false,
                        family: cell.key.family == .experiment ? "experiment" : "holdout"))
            }
            if cell.key.segment == nil, cell.key.family != .armHoldout, let srm = sampleRatio(cell) { report.srm.append(srm) }
        }
        let tested = report.comparisons.indices.filter { report.comparisons[$0].pValue != nil }
        let adjusted = BenjaminiHochberg.adjust(tested.map { report.comparisons[$0].pValue! })
        for (k, i) in tested.enumerated() {
            report.comparisons[i].pAdjusted = adjusted[k]
            report.comparisons[i].significant = adjusted[k] < settings.alpha
        }
        // What the report is (the first three notes), then what reading the inputs found, then the rest.
        let own = notes(report)
        report.notes = Array(own.prefix(3)) + extraNotes + Array(own.dropFirst(3))
        return report
    }

    /// Holdout against treatment; or every arm against the first (the baseline).
    private func pairs(_ cell: Cell) -> [(Int, Int)] {
        switch cell.key.family {
        case .holdout, .armHoldout: return [(0, 1)]
        case .experiment: return cell.groups.indices.dropFirst().map { (0, $0) }
        }
    }

    private func by(_ key: CellKey) -> [(String, String)] {
        var by = [("template", key.template)]
        if key.family != .holdout { by.append(("experiment", key.experiment)) }
        if let a = key.arm { by.append(("arm", a)) }
        if let s = key.segment { by.append(("segment", s)) }
        return by
    }

    /// The chi-square of the cell's group sizes against the declared shares; nil when the
    /// run declared none (or the groups hold arms it did not declare).
    private func sampleRatio(_ cell: Cell) -> SampleRatioResult? {
        guard let r = randomization(cell.key.template, cell.key.experiment), r.arms == cell.arms, r.arms.count >= 2 else { return nil }
        let observed = cell.groups.map(\.n)
        let total = observed.reduce(0, +)
        guard total > 0 else { return nil }
        let weightSum = r.weights.reduce(0, +)
        let p = SampleRatio.pValue(observed: observed, weights: r.weights)
        return SampleRatioResult(
            by: by(cell.key), arms: r.arms, expectedShare: r.weights.map { $0 / weightSum },
            observedShare: observed.map { Double($0) / Double(total) }, observed: observed,
            pValue: p, flagged: p < settings.srmThreshold)
    }

    /// What the numbers do not say by themselves.
    private func notes(_ report: LiftReport) -> [String] {
        var notes = [
            "Only randomized comparisons are reported as lift: Tessera's holdout draw against treatment within a template, and the arms of a content experiment (each arm against the first). Recipients who got a block are never compared with recipients who did not: selection decided who got it, so that difference is not an effect.",
            "\(settings.metric == .conversion ? "Metric: conversion (converted at least once" : "Metric: revenue (the sum of conversion values") within \(settings.window) after the send, the run's clock), every recipient assigned counted in the group of their draw, whatever was then sent (intention to treat).",
            "p_value: two-sided, of the relative lift (of the absolute lift when the control mean is 0); p_adjusted: Benjamini-Hochberg over the \(report.comparisons.filter { $0.pValue != nil }.count) comparisons of this report; significant: p_adjusted < \(settings.alpha).",
        ]
        if case .sequential(let tuning) = settings.inference {
            notes.append(
                "Sequential: intervals and p-values are always valid (confidence sequences tuned for \(Int(tuning)) recipients), so the report may be read at any time; they are wider than fixed-sample ones."
            )
        }
        var drawn: [String: Int] = [:]
        for (i, p) in profileList.enumerated() where p.assignments.contains(where: { $0.hasPrefix(Randomization.holdout + "=") }) {
            drawn[p.template, default: 0] += rows[i]
        }
        for t in Set(profileList.map(\.template)).sorted() where drawn[t] == nil {
            notes.append("Template '\(t)' has no holdout draw (no holdout_percent): no holdout lift, only its experiments' comparisons.")
        }
        if breakdownsInclude(.segment) {
            notes.append(
                "Segments overlap: a recipient in several segments counts in each; each per-segment comparison is still randomized within its segment."
            )
        }
        for s in report.srm where s.flagged {
            notes.append(
                "Sample ratio mismatch in \(s.by.map { "\($0.0) \($0.1)" }.joined(separator: ", ")) (p = \(s.pValue)): the split is not what was declared, so its lifts are not trustworthy until the cause is found."
            )
        }
        if duplicates > 0 {
            notes.append("\(duplicates) repeat exposures of a recipient to the same template (in several runs) were counted once, at the first.")
        }
        notes.append(
            "Conversions: \(conversions.count) read for \(conversions.ids) recipients\(conversions.otherEvents > 0 ? ", \(conversions.otherEvents) of other events left out" : ""); \(converted) exposures converted within the window."
        )
        return notes
    }

    private func breakdownsInclude(_ b: Breakdown) -> Bool { settings.breakdowns.contains(b) }
}
