/// The randomizations a run declared, as the journal recorded them: per template, the holdout
/// draw (experiment `holdout`, arms `holdout` and `treatment` with their exact shares) and each
/// content experiment with its arms in declared order (the first is the baseline).
package struct Randomization: Sendable, Equatable {
    package var template: String
    package var experiment: String
    package var arms: [String]
    package var weights: [Double]

    package init(template: String, experiment: String, arms: [String], weights: [Double]) {
        self.template = template
        self.experiment = experiment
        self.arms = arms
        self.weights = weights
    }

    package var isHoldout: Bool { experiment == Self.holdout }

    /// The reserved experiment id of the holdout draw, and its arms.
    package static let holdout = "holdout"
    package static let heldOut = "holdout"
    package static let treated = "treatment"
}

/// Which comparisons a report has (`--by`, repeatable).
package enum Breakdown: String, Sendable, CaseIterable {
    /// Holdout against treatment, per template.
    case template
    /// Each arm against the experiment's first arm, among recipients not held out.
    case experiment
    /// Every comparison above again within each segment.
    case segment
    /// Holdout against treatment within each arm of an experiment.
    case arm
}

/// The sample-ratio-mismatch verdict threshold: GrowthBook's default (a p-value below it flags
/// the split). `--srm-threshold` raises or lowers it.
package enum SampleRatioCheck {
    package static let defaultThreshold = 0.001
}
