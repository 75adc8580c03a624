import Assembly
import Foundation
import Policy

/// What `tessera preview` computes for one template: every permutation, per segment.
public struct PreviewResult: Sendable {
    public var template: String
    public var channel: String
    public var now: Date
    /// Every permutation (enumerated, or seen only in the sample), sorted by id.
    public var permutations: [PermutationPreview]
    public var segments: [SegmentPreview]
    /// Permutations of the baseline no longer reachable (empty without `--baseline`).
    public var gone: [BaselineEntry]
    /// Ids of permutations sample recipients received that enumeration did not find.
    public var missed: [String]
    public var notes: [String]
    public var stats: EnumerationStats
    public var recipientsSource: String
    public var personaSource: String
    public var baselineSource: String?

    public func permutation(_ id: String) -> PermutationPreview? { permutations.first { $0.id == id } }
}

public struct EnumerationStats: Sendable {
    /// Representative recipients run through selection.
    public var representatives: Int
    public var enumerated: Int
    public var truncated: Bool
    public var seconds: Double
    public var sampleRecipients: Int
    /// Sample recipients routed to this template and rendered.
    public var sampleRendered: Int
    /// Distinct permutations the sample recipients received.
    public var samplePermutations: Int
    /// The enumeration's inputs and their case counts ("place 6", "decision 8", …).
    public var dimensions: [String]
}

/// One block permutation of the template, rendered with a representative recipient.
public struct PermutationPreview: Sendable {
    /// `TEMPLATE-` and 8 hex digits of a hash of the template and block ids: stable across runs.
    public var id: String
    public var template: String
    public var blocks: [String]
    /// Slot name and its blocks, in the template's slot order.
    public var slots: [(slot: String, blocks: [String])]
    public var claims: [String]
    public var signals: [String]
    public var subject: String
    public var preheader: String
    /// The representative's filled HTML ("" when its render was held).
    public var html: String
    /// `rendered`, or `held` with the reason.
    public var renderStatus: String
    /// Reasons from the guard for the representative (`guard.*`).
    public var guardReasons: [Reason]
    /// A sample recipient's id, or "persona" (synthetic representative).
    public var representative: String
    /// For a synthetic representative: the cases that built it.
    public var representativeCases: String
    /// The representative recipient as an NDJSON line (`tessera render` on it gives this permutation).
    public var representativeJSON: String = ""
    public var enumerated: Bool
    /// Personalized (true), default content only (false), or both.
    public var personalized: [Bool]
    /// Sample recipients per segment grid.
    public var counts: [String: Int]
    /// Distinct sample recipients (any segment).
    public var total: Int
    public var lint: [Finding]
    /// Hash of the template's and blocks' files and of the composed source.
    public var contentHash: String
    public var change: Change = .unchanged

    public var lintErrors: Int { lint.filter { $0.severity == .error }.count }
    public var lintWarnings: Int { lint.filter { $0.severity == .warning }.count }
    public var lintSummary: String {
        if lint.isEmpty { return "clean" }
        let infos = lint.count - lintErrors - lintWarnings
        return [(lintErrors, "error"), (lintWarnings, "warning"), (infos, "suggestion")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: ", ")
    }

    public enum Change: String, Sendable {
        case new, changed, unchanged
    }
}

/// One segment's grid: its sample recipients and the permutations reachable in it.
public struct SegmentPreview: Sendable {
    /// A segment name, or `(none)` for recipients in no segment.
    public var name: String
    /// Sample recipients of the segment routed to this template, by status.
    public var routed: Int
    public var rendered: Int
    public var suppressed: Int
    public var held: Int
    /// Permutation ids reachable in the segment: most recipients first, then by id.
    public var permutations: [String]

    public static let none = "(none)"
}
