/// The sample-ratio-mismatch test: Pearson's chi-square of the observed group sizes against
/// the declared shares (k − 1 degrees of freedom), as gbstats' `check_srm`.
package enum SampleRatio {
    /// The p-value; 1 when there are no recipients. Groups with a non-positive weight are left
    /// out of the statistic (not of the degrees of freedom), as gbstats does.
    package static func pValue(observed: [Int], weights: [Double]) -> Double {
        precondition(observed.count == weights.count && observed.count >= 2)
        let total = Double(observed.reduce(0, +))
        if total == 0 { return 1 }
        let totalWeight = weights.reduce(0, +)
        var x = 0.0
        for (o, w) in zip(observed, weights) where w > 0 {
            let e = w / totalWeight * total
            x += (Double(o) - e) * (Double(o) - e) / e
        }
        return ChiSquare(dof: Double(observed.count - 1)).survival(x)
    }
}
