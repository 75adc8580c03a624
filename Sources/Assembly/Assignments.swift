import Catalog

/// A recipient's randomized assignments: Tessera's holdout draw (when it was made) and the arm
/// of each content experiment of the template. The journal records them for `tessera lift`.
public struct Assignments: Sendable, Equatable {
    /// nil: no draw (the template has no holdout, `decision.group` decided, or the record
    /// stopped before selection); true: held out; false: treatment.
    public var heldOut: Bool?
    /// (experiment id, arm name), in the template's order; empty without experiments.
    public var arms: [ExperimentAssignment] = []

    public init(heldOut: Bool? = nil, arms: [ExperimentAssignment] = []) {
        self.heldOut = heldOut
        self.arms = arms
    }

    public var isEmpty: Bool { heldOut == nil && arms.isEmpty }

    /// `holdout=holdout|treatment` then `experiment=arm` items (the journal's list).
    public var items: [String] {
        var out: [String] = []
        if let h = heldOut { out.append("\(ExperimentDefinition.holdoutID)=\(h ? "holdout" : "treatment")") }
        for a in arms { out.append("\(a.experiment)=\(a.arm)") }
        return out
    }
}

public struct ExperimentAssignment: Sendable, Equatable {
    public var experiment: String
    public var arm: String
    public init(experiment: String, arm: String) {
        self.experiment = experiment
        self.arm = arm
    }
}
