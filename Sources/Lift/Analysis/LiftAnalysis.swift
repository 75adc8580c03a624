/// Settings of a lift report (`tessera lift` options).
package struct LiftSettings: Sendable {
    package var metric: Metric = .conversion
    package var window: Window = Window("7d")!
    package var alpha = 0.05
    package var inference: Inference = .fixed
    package var breakdowns: Set<Breakdown> = [.template, .experiment]
    package var srmThreshold = SampleRatioCheck.defaultThreshold
    /// Count a recipient once per template when several runs are read (the first exposure).
    package var deduplicate = false
    package init() {}
}

/// What many recipients share: the template they were sent, when, their assignments
/// (`experiment=arm` items, the holdout draw as `holdout=holdout|treatment`) and segments.
package struct ExposureProfile: Hashable, Sendable {
    package var template: String
    package var sentAt: Double
    package var assignments: [String]
    package var segments: [String]
    package init(template: String, sentAt: Double, assignments: [String], segments: [String]) {
        self.template = template
        self.sentAt = sentAt
        self.assignments = assignments
        self.segments = segments
    }
}

/// Joins exposures with conversions, recipient by recipient, into the groups of every
/// randomized comparison. Per recipient: one conversion lookup and a few additions (the
/// groups a profile feeds are worked out once per profile).
package final class LiftAnalysis {
    package let settings: LiftSettings
    let randomizations: [Randomization]
    let conversions: ConversionIndex

    /// The comparison cells: one randomization within a template (and segment, and arm).
    var cells: [Cell] = []
    private var cellIndex: [CellKey: Int] = [:]
    private var profiles: [ExposureProfile: Int] = [:]
    /// Per profile: the (cell, group) pairs its recipients are added to, its send time and template.
    private var targets: [[(cell: Int, group: Int)]] = []
    private var sentAt: [Double] = []
    private var templateOf: [Int] = []
    private var templates: [String: Int] = [:]
    private var seen = Set<UInt64>()

    /// The profiles in index order, and the recipients read of each.
    private(set) var profileList: [ExposureProfile] = []
    private(set) var rows: [Int] = []
    var duplicates = 0
    var converted = 0

    package init(settings: LiftSettings, randomizations: [Randomization], conversions: ConversionIndex) {
        self.settings = settings
        self.randomizations = randomizations
        self.conversions = conversions
    }

    /// The profile's index for `add` (interned: call it once per distinct profile).
    package func profile(_ p: ExposureProfile) -> Int {
        if let i = profiles[p] { return i }
        let i = targets.count
        profiles[p] = i
        targets.append(route(p))
        profileList.append(p)
        rows.append(0)
        sentAt.append(p.sentAt)
        let t = templates[p.template] ?? templates.count
        templates[p.template] = t
        templateOf.append(t)
        return i
    }

    /// One exposed recipient.
    @inline(__always)
    package func add(profile: Int, idHash: UInt64) {
        if settings.deduplicate {
            // One unit per recipient and template: the first exposure read.
            let key = (idHash ^ UInt64(templateOf[profile])) &* 0x9E37_79B9_7F4A_7C15
            if !seen.insert(key).inserted { duplicates += 1; return }
        }
        rows[profile] += 1
        var value = 0.0
        if let events = conversions.events(idHash) {
            let from = sentAt[profile], to = from + settings.window.seconds
            for e in events where e.at >= from && e.at < to {
                if settings.metric == .conversion { value = 1; break }
                value += e.value
            }
            if value != 0 { converted += 1 }
        }
        for t in targets[profile] { cells[t.cell].groups[t.group].add(value) }
    }

    // MARK: routing a profile to its cells

    enum Family: Int, Comparable, Sendable {
        case holdout, experiment, armHoldout
        static func < (a: Family, b: Family) -> Bool { a.rawValue < b.rawValue }
    }

    struct CellKey: Hashable {
        var family: Family
        var template: String
        var experiment: String
        var arm: String?
        var segment: String?
    }

    struct Cell {
        var key: CellKey
        var arms: [String]
        var groups: [GroupSummary]
    }

    private func route(_ p: ExposureProfile) -> [(cell: Int, group: Int)] {
        var out: [(cell: Int, group: Int)] = []
        let b = settings.breakdowns
        let pairs = p.assignments.compactMap { item -> (String, String)? in
            guard let eq = item.firstIndex(of: "=") else { return nil }
            return (String(item[..<eq]), String(item[item.index(after: eq)...]))
        }
        let holdout = pairs.first { $0.0 == Randomization.holdout }?.1
        let segments: [String?] = b.contains(.segment) ? [nil] + p.segments.map(Optional.some) : [nil]
        if let h = holdout, b.contains(.template) {
            for s in segments {
                out.append(target(CellKey(family: .holdout, template: p.template, experiment: Randomization.holdout, segment: s), arm: h))
            }
        }
        for (e, a) in pairs where e != Randomization.holdout {
            if holdout != Randomization.heldOut, b.contains(.experiment) {
                for s in segments { out.append(target(CellKey(family: .experiment, template: p.template, experiment: e, segment: s), arm: a)) }
            }
            if let h = holdout, b.contains(.arm) {
                out.append(target(CellKey(family: .armHoldout, template: p.template, experiment: e, arm: a), arm: h))
            }
        }
        return out
    }

    /// The cell and group index of `arm` in it (cells and arms are created on first use, arms
    /// in their declared order).
    private func target(_ key: CellKey, arm: String) -> (cell: Int, group: Int) {
        let c: Int
        if let i = cellIndex[key] {
            c = i
        } else {
            c = cells.count
            cellIndex[key] = c
            let declared: [String]
            switch key.family {
            case .experiment: declared = randomization(key.template, key.experiment)?.arms ?? []
            case .holdout, .armHoldout: declared = [Randomization.heldOut, Randomization.treated]
            }
            cells.append(Cell(key: key, arms: declared, groups: declared.map { GroupSummary(name: $0, metric: settings.metric) }))
        }
        if let g = cells[c].arms.firstIndex(of: arm) { return (c, g) }
        cells[c].arms.append(arm)
        cells[c].groups.append(GroupSummary(name: arm, metric: settings.metric))
        return (c, cells[c].arms.count - 1)
    }

    func randomization(_ template: String, _ experiment: String) -> Randomization? {
        randomizations.first { $0.template == template && $0.experiment == experiment }
    }
}
