import Foundation

/// Student's t distribution with `dof` degrees of freedom (any positive real: Welch's dof is not
/// an integer). Tails come from the regularized incomplete beta, computed so that tail
/// probabilities keep their relative precision far out (formulas: docs/lift.md).
package struct StudentT: Sendable {
    package let dof: Double

    package init(dof: Double) {
        precondition(dof > 0, "Student t needs positive degrees of freedom")
        self.dof = dof
    }

    /// P(|T| > |t|).
    package func twoSidedTail(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        let t2 = t * t
        if t2 == 0 { return 1 }
        if t2.isInfinite { return 0 }
        if dof > 1e15 { return erfc(abs(t) / 2.0.squareRoot()) }
        let a = dof / 2, b = 0.5
        let x = dof / (dof + t2), y = t2 / (dof + t2)
        if a >= 15 { return Special.incompleteBetaHalfLargeA(a: a, x: x, y: y) }
        // ln[xᵃ yᵇ / B(a, b)], with ln B(a, ½) = ½ ln π − (ln Γ(a + ½) − ln Γ(a)).
        let logK = -a * log1p(t2 / dof) + 0.5 * log(y) - 0.5 * log(Double.pi) + Special.logGammaHalfStep(a)
        if x < (a + 1) / (a + b + 2) {
            return exp(logK) * Special.betaContinuedFraction(a: a, b: b, x: x) / a
        }
        return 1 - exp(logK) * Special.betaContinuedFraction(a: b, b: a, x: y) / b
    }

    /// P(T > t).
    package func survival(_ t: Double) -> Double {
        let half = twoSidedTail(t) / 2
        return t >= 0 ? half : 1 - half
    }

    /// P(T ≤ t).
    package func cdf(_ t: Double) -> Double {
        let half = twoSidedTail(t) / 2
        return t >= 0 ? 1 - half : half
    }

    package func density(_ t: Double) -> Double {
        exp(Special.logGammaHalfStep(dof / 2) - 0.5 * log(dof * Double.pi) - (dof + 1) / 2 * log1p(t * t / dof))
    }

    /// The t with P(T ≤ t) = p, for 0 < p < 1.
    package func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "quantile needs 0 < p < 1")
        if p == 0.5 { return 0 }
        return p > 0.5 ? upperQuantile(1 - p) : -upperQuantile(p)
    }

    /// The t > 0 with P(T > t) = q (q < ½): Newton's method from the Cornish–Fisher expansion
    /// of the normal quantile, kept inside a bracket that shrinks each step (bisection when a
    /// step would leave it), so small dof cannot make it diverge.
    private func upperQuantile(_ q: Double) -> Double {
        let z = -Special.normalQuantile(q)
        let z3 = z * z * z, z5 = z3 * z * z
        var t = z + (z3 + z) / (4 * dof) + (5 * z5 + 16 * z3 + 3 * z) / (96 * dof * dof)
        if !(t > 0) || !t.isFinite { t = z }
        var lo = 0.0, hi = Double.infinity
        for _ in 0..<300 {
            let f = survival(t) - q
            if f == 0 { return t }
            if f > 0 { lo = t } else { hi = t }
            var next = t + f / density(t)
            if !(next > lo && next < hi) { next = hi.isFinite ? (lo + hi) / 2 : max(2 * t, 1) }
            if abs(next - t) <= 2e-16 * abs(t) { return next }
            t = next
        }
        return t
    }
}

/// The chi-square distribution with `dof` degrees of freedom.
package struct ChiSquare: Sendable {
    package let dof: Double
    package init(dof: Double) { self.dof = dof }

    /// P(X > x).
    package func survival(_ x: Double) -> Double {
        Special.upperIncompleteGamma(a: dof / 2, x: x / 2)
    }
}
