/// The randomizations a run declared, as the journal recorded them: per template, the holdout
/// draw (experiment `holdout`, arms `holdout` and `treatment` with their exact shares) and each
/// content experiment with its arms in declared order (the first is the baseline).
public struct Randomization: Sendable, Equatable {
    public var template: String
    public var experiment: String
    public var arms: [String]
    public var weights: [Double]

    public init(template: String, experiment: String, arms: [String], weights: [Double]) {
        self.template = template
        self.experiment = experiment
        self.arms = arms
        self.weights = weights
    }

    public var isHoldout: Bool { experiment == Self.holdout }

    /// The reserved experiment id of the holdout draw, and its arms.
    public static let holdout = "holdout"
    public static let heldOut = "holdout"
    public static let treated = "treatment"
}

/// Which comparisons a report has (`--by`, repeatable).
public enum Breakdown: String, Sendable, CaseIterable {
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
public enum SampleRatioCheck {
    public static let defaultThreshold = 0.001
}
