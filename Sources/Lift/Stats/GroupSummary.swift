/// What a comparison measures per recipient: converted or not (a proportion), or the value
/// converted (a mean over every recipient of the group, zero for those who did not convert).
package enum Metric: String, Sendable, CaseIterable {
    case conversion
    case revenue
}

/// One group's sufficient statistics: recipients, and the sum and sum of squares of their
/// per-recipient metric. Mean and variance follow gbstats: a proportion's variance is
/// p(1 − p) (no n − 1), a mean's is the sample variance.
package struct GroupSummary: Sendable, Equatable {
    package var name: String
    package var metric: Metric
    package var n: Int
    package var sum: Double
    package var sumSquares: Double

    package init(name: String, metric: Metric, n: Int = 0, sum: Double = 0, sumSquares: Double = 0) {
        self.name = name
        self.metric = metric
        self.n = n
        self.sum = sum
        self.sumSquares = sumSquares
    }

    /// Adds one recipient's metric value (1 or 0 for a conversion).
    @inline(__always)
    package mutating func add(_ value: Double) {
        n += 1
        sum += value
        sumSquares += value * value
    }

    package var mean: Double { n == 0 ? 0 : sum / Double(n) }

    package var variance: Double {
        switch metric {
        case .conversion:
            let p = mean
            return p * (1 - p)
        case .revenue:
            guard n > 1 else { return 0 }
            return (sumSquares - sum * sum / Double(n)) / Double(n - 1)
        }
    }
}
