import Foundation
import Lift
import Testing

/// The intervals mean what they say: over seeded replications with a known true lift, the 95%
/// interval covers the truth about 95% of the time; the SRM test catches a real mismatch and
/// rarely cries wolf.
@Suite struct CoverageTests {
    /// Control converts at 10%, treatment at 11%: absolute lift 0.01, relative 0.1.
    static let baseRate = 0.10, trueRelative = 0.10
    static var trueAbsolute: Double { baseRate * trueRelative }

    struct Coverage {
        var absolute = 0, relative = 0, replications = 0
        var absoluteShare: Double { Double(absolute) / Double(replications) }
        var relativeShare: Double { Double(relative) / Double(replications) }
    }

    static func coverage(replications: Int, perGroup: Int, inference: Inference, seed: UInt64) -> Coverage {
        var rng = SeededGenerator(seed: seed)
        var c = Coverage()
        for _ in 0..<replications {
            var a = GroupSummary(name: "holdout", metric: .conversion), b = GroupSummary(name: "treatment", metric: .conversion)
            for _ in 0..<perGroup { a.add(rng.unit() < baseRate ? 1 : 0) }
            for _ in 0..<perGroup { b.add(rng.unit() < baseRate * (1 + trueRelative) ? 1 : 0) }
            let test = TwoSampleTest(control: a, treatment: b, alpha: 0.05, inference: inference)
            if let ci = test.absolute.ci, ci.0 <= trueAbsolute, trueAbsolute <= ci.1 { c.absolute += 1 }
            if let ci = test.relative.ci, ci.0 <= trueRelative, trueRelative <= ci.1 { c.relative += 1 }
            c.replications += 1
        }
        return c
    }

    @Test func ninetyFivePercentIntervalsCoverTheTrueLift() {
        let c = Self.coverage(replications: 200, perGroup: 5_000, inference: .fixed, seed: 1)
        print("coverage: 200 replications, absolute \(c.absolute)/200, relative \(c.relative)/200")
        #expect((0.93...0.97).contains(c.absoluteShare), "absolute lift: \(c.absolute)/200 intervals cover the truth")
        #expect((0.93...0.97).contains(c.relativeShare), "relative lift: \(c.relative)/200 intervals cover the truth")
    }

    /// Always-valid intervals are wider than fixed ones: they cover at least as often.
    @Test func sequentialIntervalsCoverAtLeastAsOften() {
        let c = Self.coverage(replications: 200, perGroup: 5_000, inference: .sequential(tuning: 5_000), seed: 1)
        #expect(c.absoluteShare >= 0.95 && c.relativeShare >= 0.95, "sequential: \(c.absolute), \(c.relative) of 200")
    }

    @Test func srmFlagsA47To53SplitOf100000() {
        let p = SampleRatio.pValue(observed: [47_000, 53_000], weights: [0.5, 0.5])
        #expect(p < 1e-50)
        #expect(SampleRatioCheck.defaultThreshold == 0.001 && p < SampleRatioCheck.defaultThreshold)
    }

    /// 2,000 fair 50/50 splits of 10,000 recipients: the share flagged at level α stays within
    /// α plus three standard errors of a binomial share, at α = 0.05 and at the default 0.001.
    @Test func srmFalseAlarmRateOnFairSplitsIsWithinTheNominalLevel() {
        var rng = SeededGenerator(seed: 99)
        let splits = 2_000
        var pValues: [Double] = []
        for _ in 0..<splits {
            var a = 0
            for _ in 0..<10_000 where rng.next() & 1 == 0 { a += 1 }
            pValues.append(SampleRatio.pValue(observed: [a, 10_000 - a], weights: [0.5, 0.5]))
        }
        for alpha in [0.05, SampleRatioCheck.defaultThreshold] {
            let rate = Double(pValues.filter { $0 < alpha }.count) / Double(splits)
            let bound = alpha + 3 * (alpha * (1 - alpha) / Double(splits)).squareRoot()
            #expect(rate <= bound, "false alarms at \(alpha): \(rate) (bound \(bound))")
        }
        // …and the p-values are roughly uniform (not all large: the test is not dead).
        #expect(pValues.filter { $0 < 0.5 }.count > splits * 4 / 10)
    }
}
