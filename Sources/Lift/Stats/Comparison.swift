import Foundation

/// One lift (absolute or relative) with its interval and two-sided p-value; `ci` and
/// `pValue` are nil when it cannot be computed (see `undefinedReason`).
package struct LiftEstimate: Sendable, Equatable {
    package var estimate: Double?
    package var ci: (Double, Double)?
    package var pValue: Double?
    package var undefinedReason: String?

    package static func == (a: LiftEstimate, b: LiftEstimate) -> Bool {
        a.estimate == b.estimate && a.ci?.0 == b.ci?.0 && a.ci?.1 == b.ci?.1 && a.pValue == b.pValue && a.undefinedReason == b.undefinedReason
    }
}

/// How intervals and p-values are computed.
package enum Inference: Sendable, Equatable {
    /// Welch's t test at a fixed sample size (gbstats `TwoSidedTTest`).
    case fixed
    /// Always-valid confidence sequences (gbstats `SequentialTwoSidedTTest`); `tuning` is the
    /// sample size the sequence is tightest at (gbstats' `sequential_tuning_parameter`, 5,000).
    case sequential(tuning: Double)
}

/// Treatment against control, the way gbstats' frequentist engine computes it: Welch's
/// unequal-variance t test on the difference of means, and the delta method for the relative
/// lift (treatment − control) / control. Formulas: docs/lift.md.
package struct TwoSampleTest: Sendable {
    package let control: GroupSummary
    package let treatment: GroupSummary
    package let alpha: Double
    package let inference: Inference

    package init(control: GroupSummary, treatment: GroupSummary, alpha: Double = 0.05, inference: Inference = .fixed) {
        self.control = control
        self.treatment = treatment
        self.alpha = alpha
        self.inference = inference
    }

    package var absolute: LiftEstimate { estimate(relative: false) }
    package var relative: LiftEstimate { estimate(relative: true) }

    /// Welch–Satterthwaite degrees of freedom (used by both lifts).
    package var dof: Double {
        let (va, na) = (control.variance, Double(control.n)), (vb, nb) = (treatment.variance, Double(treatment.n))
        let s = vb / nb + va / na
        return s * s / (vb * vb / (nb * nb * (nb - 1)) + va * va / (na * na * (na - 1)))
    }

    private func estimate(relative: Bool) -> LiftEstimate {
        let ma = control.mean, mb = treatment.mean
        let point: Double? = relative ? (ma == 0 ? nil : (mb - ma) / ma) : mb - ma
        if control.n < 2 || treatment.n < 2 {
            return LiftEstimate(estimate: point, undefinedReason: "fewer than 2 recipients in a group")
        }
        if relative && ma == 0 {
            return LiftEstimate(estimate: nil, undefinedReason: "the control mean is 0: no relative lift")
        }
        if control.variance <= 0 || treatment.variance <= 0 {
            return LiftEstimate(estimate: point, undefinedReason: "zero variance in a group")
        }
        let d = point!
        let v = variance(relative: relative)
        switch inference {
        case .fixed:
            let t = StudentT(dof: dof)
            let width = t.quantile(1 - alpha / 2) * v.squareRoot()
            return LiftEstimate(estimate: d, ci: (d - width, d + width), pValue: t.twoSidedTail(d / v.squareRoot()))
        case .sequential(let tuning):
            let n = Double(control.n + treatment.n)
            let rho2 = (-2 * log(alpha) + log(-2 * log(alpha) + 1)) / tuning
            let nr = n * rho2 + 1
            let width = (v * n).squareRoot() * (2 * nr * log(nr.squareRoot() / alpha) / (n * n * rho2)).squareRoot()
            let st2 = d * d * n / v
            let eValue = exp(rho2 * st2 / (2 * nr)) / nr.squareRoot()
            return LiftEstimate(estimate: d, ci: (d - width, d + width), pValue: min(1 / eValue, 1))
        }
    }

    /// The variance of the lift estimate: vb/nb + va/na, or by the delta method for the ratio.
    private func variance(relative: Bool) -> Double {
        let (va, ma, na) = (control.variance, control.mean, Double(control.n))
        let (vb, mb, nb) = (treatment.variance, treatment.mean, Double(treatment.n))
        if relative { return vb / (ma * ma * nb) + va * mb * mb / (ma * ma * ma * ma * na) }
        return vb / nb + va / na
    }
}
