import BrandContext
import Diagnostics

/// One arm of a content experiment: the blocks (by id) or tags it allows in the experiment's slot.
public struct ExperimentArm: Sendable, Hashable {
    public var name: String
    public var weight: Double
    public var blocks: [String]
    public var tags: [String]

    public init(name: String, weight: Double, blocks: [String], tags: [String]) {
        self.name = name
        self.weight = weight
        self.blocks = blocks
        self.tags = tags
    }

    public func allows(_ b: BlockDefinition) -> Bool { blocks.contains(b.id) || tags.contains(where: b.has(tag:)) }
}

/// `experiments:` in a template's front matter: a randomized content test within one slot.
/// A recipient's arm is a deterministic draw on the recipient and experiment ids (sticky across
/// runs and machines) that is independent of the holdout draw.
public struct ExperimentDefinition: Sendable, Hashable {
    public var id: String
    public var slot: String
    /// In declared order; the first is the baseline the others are compared with.
    public var arms: [ExperimentArm]
    public var location: SourceLocation

    public init(id: String, slot: String, arms: [ExperimentArm], location: SourceLocation) {
        self.id = id
        self.slot = slot
        self.arms = arms
        self.location = location
    }

    /// The reserved id of the holdout draw in the journal and lift reports.
    public static let holdoutID = "holdout"

    /// The recipient's draw in [0, 1): FNV-1a 64 of `exp`, NUL, the experiment id, NUL and the
    /// recipient id, through a 64-bit finalizer (so the draw shares no structure with the
    /// holdout's FNV-1a of id NUL template, mod 10,000), top 53 bits.
    public static func draw(experiment: String, recipient: String) -> Double {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func fold(_ b: UInt8) { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        for b in "exp".utf8 { fold(b) }
        fold(0)
        for b in experiment.utf8 { fold(b) }
        fold(0)
        for b in recipient.utf8 { fold(b) }
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Double(h >> 11) * 0x1p-53
    }

    /// The index of the recipient's arm: where the draw falls among the cumulative weights.
    public func armIndex(recipient: String) -> Int {
        let total = arms.reduce(0) { $0 + $1.weight }
        let point = Self.draw(experiment: id, recipient: recipient) * total
        var cumulative = 0.0
        for (i, a) in arms.enumerated() {
            cumulative += a.weight
            if point < cumulative { return i }
        }
        return arms.count - 1
    }
}
