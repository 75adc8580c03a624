import Foundation
import Lift
import Testing

/// Every estimate, interval and p-value of the Lift statistics against GrowthBook's gbstats
/// (PyPI) on generated data, to 1e-9 relative. gbstats computes a p-value as 2·(1 − cdf), so its
/// own absolute precision is ~2e-16: p-values are compared to 1e-9 relative or 1e-15 absolute.
@Suite struct GBStatsParityTests {
    @Test(
        .enabled(
            if: PythonReference.missing == nil || PythonReference.required,
            "needs gbstats (pip install gbstats); set TESSERA_REQUIRE_GBSTATS=1 to fail instead of skipping"))
    func estimatesIntervalsAndPValuesMatchGBStats() throws {
        if let missing = PythonReference.missing {
            Issue.record("TESSERA_REQUIRE_GBSTATS=1 but \(missing); \(PythonReference.howToInstall)")
            return
        }
        let cases = Self.generatedCases()
        let srm = Self.srmCases()
        let bh = Self.bhCases()
        let input: [String: Any] = [
            "tests": cases.map { $0.json },
            "srm": srm.map { ["observed": $0.observed, "weights": $0.weights] },
            "bh": bh,
        ]
        let reference = try #require(try PythonReference.script("gbstats_parity.py", input: input) as? [String: Any])
        let tests = try #require(reference["tests"] as? [[String: [String: Any]]])
        try #require(tests.count == cases.count)

        var compared = 0, skipped = 0
        for (c, ref) in zip(cases, tests) {
            let test = TwoSampleTest(
                control: c.control, treatment: c.treatment, alpha: c.alpha,
                inference: c.sequential ? .sequential(tuning: c.tuning) : .fixed)
            for (kind, mine) in [("absolute", test.absolute), ("relative", test.relative)] {
                let r = try #require(ref[kind])
                let label = "\(c.label) \(kind)"
                Self.expectClose(c.control.mean, r["mean_a"], label + " control mean")
                Self.expectClose(c.control.variance, r["var_a"], label + " control variance")
                Self.expectClose(c.treatment.mean, r["mean_b"], label + " treatment mean")
                Self.expectClose(c.treatment.variance, r["var_b"], label + " treatment variance")
                if r["error"] is String {
                    // gbstats' uninformative output (zero control mean or zero variance): Lift
                    // reports no interval and no p-value for it.
                    #expect(mine.ci == nil && mine.pValue == nil, "\(label): gbstats gives no result (\(r["error"]!)), Lift gave one")
                    skipped += 1
                    continue
                }
                Self.expectClose(test.dof, r["dof"], label + " dof")
                Self.expectClose(mine.estimate, r["estimate"], label + " estimate")
                let ci = try #require(r["ci"] as? [Double])
                Self.expectClose(mine.ci?.0, ci[0], label + " ci low")
                Self.expectClose(mine.ci?.1, ci[1], label + " ci high")
                Self.expectClose(mine.pValue, r["p_value"], label + " p-value", absoluteFloor: 1e-15)
                compared += 1
            }
        }
        let srmRef = try #require(reference["srm"] as? [Double])
        for (s, ref) in zip(srm, srmRef) {
            Self.expectClose(SampleRatio.pValue(observed: s.observed, weights: s.weights), ref, "SRM \(s.observed) \(s.weights)")
        }
        let bhRef = try #require(reference["bh"] as? [[Double]])
        for (ps, ref) in zip(bh, bhRef) {
            for (mine, theirs) in zip(BenjaminiHochberg.adjust(ps), ref) { Self.expectClose(mine, theirs, "BH of \(ps)") }
        }
        print(
            "gbstats-parity: \(compared) lifts compared (estimate, interval, p-value, dof), \(skipped) undefined on both sides, \(srm.count) SRM tests, \(bh.count) BH sets"
        )
        #expect(compared >= 150)
        #expect(skipped >= 2)
    }

    static func expectClose(
        _ mine: Double?, _ theirs: Any?, _ what: String, absoluteFloor: Double = 0,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let mine, let theirs = theirs as? Double else {
            let lift = mine.map { "\($0)" } ?? "nil"
            Issue.record("\(what): Lift \(lift), gbstats \(String(describing: theirs))", sourceLocation: sourceLocation)
            return
        }
        let scale: Double = max(abs(mine), abs(theirs))
        let difference: Double = abs(mine - theirs)
        let within = difference <= 1e-9 * scale + absoluteFloor
        let relative = scale > 0 ? difference / scale : 0
        #expect(within, "\(what): Lift \(mine), gbstats \(theirs), relative difference \(relative)", sourceLocation: sourceLocation)
    }

    struct Case {
        var label: String
        var control: GroupSummary
        var treatment: GroupSummary
        var alpha: Double
        var sequential: Bool
        var tuning: Double
        var metric: Metric { control.metric }
        var json: [String: Any] {
            func g(_ s: GroupSummary) -> [String: Any] { ["n": s.n, "sum": s.sum, "sum_squares": s.sumSquares] }
            return [
                "control": g(control), "treatment": g(treatment), "metric": metric.rawValue, "alpha": alpha,
                "sequential": sequential, "tuning": tuning,
            ]
        }
    }

    /// Groups drawn recipient by recipient (conversion, and revenue as conversion × a log-normal
    /// order value) over sizes from 30 to 200,000, base rates, lifts, alphas, fixed and sequential.
    static func generatedCases() -> [Case] {
        var rng = SeededGenerator(seed: 20261207)
        var cases: [Case] = []
        let sizes = [30, 200, 2_000, 20_000, 200_000]
        let rates = [0.02, 0.1, 0.4]
        let lifts = [0.0, 0.05, 0.3]
        for n in sizes {
            for rate in rates {
                for lift in lifts {
                    for metric in Metric.allCases {
                        let k = cases.count
                        let alpha = [0.05, 0.1, 0.01][k % 3]
                        let sequential = k % 4 == 1
                        let controlN = n, treatmentN = n * (k % 2 == 0 ? 1 : 3) / 2
                        var a = GroupSummary(name: "control", metric: metric), b = GroupSummary(name: "treatment", metric: metric)
                        for _ in 0..<controlN { a.add(draw(&rng, rate: rate, metric: metric)) }
                        for _ in 0..<treatmentN { b.add(draw(&rng, rate: rate * (1 + lift), metric: metric)) }
                        cases.append(
                            Case(
                                label: "n=\(n) rate=\(rate) lift=\(lift) \(metric) alpha=\(alpha)\(sequential ? " sequential" : "")",
                                control: a, treatment: b, alpha: alpha, sequential: sequential, tuning: k % 8 == 1 ? 1_000 : 5_000))
                    }
                }
            }
        }
        // Very large groups (sums as if from 5,000,000 recipients) and a far tail (tiny p-value).
        cases.append(
            Case(
                label: "n=5e6 conversion", control: GroupSummary(name: "c", metric: .conversion, n: 5_000_000, sum: 250_000, sumSquares: 250_000),
                treatment: GroupSummary(name: "t", metric: .conversion, n: 4_000_000, sum: 201_500, sumSquares: 201_500), alpha: 0.05,
                sequential: false, tuning: 5_000))
        cases.append(
            Case(
                label: "n=1e6 far tail", control: GroupSummary(name: "c", metric: .conversion, n: 1_000_000, sum: 50_000, sumSquares: 50_000),
                treatment: GroupSummary(name: "t", metric: .conversion, n: 1_000_000, sum: 51_200, sumSquares: 51_200), alpha: 0.05,
                sequential: false, tuning: 5_000))
        // Undefined on both sides: no conversions in control; zero variance.
        cases.append(
            Case(
                label: "zero control", control: GroupSummary(name: "c", metric: .conversion, n: 100, sum: 0, sumSquares: 0),
                treatment: GroupSummary(name: "t", metric: .conversion, n: 100, sum: 3, sumSquares: 3), alpha: 0.05, sequential: false, tuning: 5_000)
        )
        cases.append(
            Case(
                label: "all converted", control: GroupSummary(name: "c", metric: .conversion, n: 50, sum: 50, sumSquares: 50),
                treatment: GroupSummary(name: "t", metric: .conversion, n: 50, sum: 40, sumSquares: 40), alpha: 0.05, sequential: true, tuning: 5_000)
        )
        return cases
    }

    static func draw(_ rng: inout SeededGenerator, rate: Double, metric: Metric) -> Double {
        let converted = rng.unit() < rate
        switch metric {
        case .conversion: return converted ? 1 : 0
        case .revenue: return converted ? (exp(4 + 0.6 * rng.normal()) * 100).rounded() / 100 : 0
        }
    }

    static func srmCases() -> [(observed: [Int], weights: [Double])] {
        [
            ([47_000, 53_000], [0.5, 0.5]), ([50_100, 49_900], [0.5, 0.5]), ([4_870, 95_130], [0.05, 0.95]),
            ([333, 350, 317], [1, 1, 1]), ([1_000, 2_100, 6_900], [0.1, 0.2, 0.7]), ([12, 9], [0.5, 0.5]),
            ([500_700, 499_300], [50, 50]), ([30, 0, 70], [0.3, 0, 0.7]),
        ]
    }

    static func bhCases() -> [[Double]] {
        var rng = SeededGenerator(seed: 7)
        var sets: [[Double]] = [[0.01, 0.04, 0.03, 0.2, 0.5], [0.001], [0.9, 0.8, 0.7, 0.05, 0.05, 0.049]]
        for m in [3, 10, 40] { sets.append((0..<m).map { _ in pow(rng.unit(), 3) }) }
        return sets
    }
}
