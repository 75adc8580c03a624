import Assembly
import Foundation
import Policy

/// What `tessera preview` computes for one template: every permutation, per segment.
package struct PreviewResult: Sendable {
    package var template: String
    package var channel: String
    package var now: Date
    /// Every permutation (enumerated, or seen only in the sample), sorted by id.
    package var permutations: [PermutationPreview]
    package var segments: [SegmentPreview]
    /// Permutations of the baseline no longer reachable (empty without `--baseline`).
    package var gone: [BaselineEntry]
    /// Ids of permutations sample recipients received that enumeration did not find.
    package var missed: [String]
    package var notes: [String]
    package var stats: EnumerationStats
    package var recipientsSource: String
    package var personaSource: String
    package var baselineSource: String?

    package func permutation(_ id: String) -> PermutationPreview? { permutations.first { $0.id == id } }
}

package struct EnumerationStats: Sendable {
    /// Representative recipients run through selection.
    package var representatives: Int
    package var enumerated: Int
    package var truncated: Bool
    package var seconds: Double
    package var sampleRecipients: Int
    /// Sample recipients routed to this template and rendered.
    package var sampleRendered: Int
    /// Distinct permutations the sample recipients received.
    package var samplePermutations: Int
    /// The enumeration's inputs and their case counts ("place 6", "decision 8", …).
    package var dimensions: [String]
}

/// One block permutation of the template, rendered with a representative recipient.
package struct PermutationPreview: Sendable {
    /// `TEMPLATE-` and 8 hex digits of a hash of the template and block ids: stable across runs.
    package var id: String
    package var template: String
    package var blocks: [String]
    /// Slot name and its blocks, in the template's slot order.
    package var slots: [(slot: String, blocks: [String])]
    package var claims: [String]
    package var signals: [String]
    package var subject: String
    package var preheader: String
    /// The representative's filled HTML ("" when its render was held).
    package var html: String
    /// `rendered`, or `held` with the reason.
    package var renderStatus: String
    /// Reasons from the guard for the representative (`guard.*`).
    package var guardReasons: [Reason]
    /// A sample recipient's id, or "persona" (synthetic representative).
    package var representative: String
    /// For a synthetic representative: the cases that built it.
    package var representativeCases: String
    /// The representative recipient as an NDJSON line (`tessera render` on it gives this permutation).
    package var representativeJSON: String = ""
    package var enumerated: Bool
    /// Personalized (true), default content only (false), or both.
    package var personalized: [Bool]
    /// Sample recipients per segment grid.
    package var counts: [String: Int]
    /// Distinct sample recipients (any segment).
    package var total: Int
    package var lint: [Finding]
    /// Hash of the template's and blocks' files and of the composed source.
    package var contentHash: String
    package var change: Change = .unchanged

    package var lintErrors: Int { lint.filter { $0.severity == .error }.count }
    package var lintWarnings: Int { lint.filter { $0.severity == .warning }.count }
    package var lintSummary: String {
        if lint.isEmpty { return "clean" }
        let infos = lint.count - lintErrors - lintWarnings
        return [(lintErrors, "error"), (lintWarnings, "warning"), (infos, "suggestion")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: ", ")
    }

    package enum Change: String, Sendable {
        case new, changed, unchanged
    }
}

/// One segment's grid: its sample recipients and the permutations reachable in it.
package struct SegmentPreview: Sendable {
    /// A segment name, or `(none)` for recipients in no segment.
    package var name: String
    /// Sample recipients of the segment routed to this template, by status.
    package var routed: Int
    package var rendered: Int
    package var suppressed: Int
    package var held: Int
    /// Permutation ids reachable in the segment: most recipients first, then by id.
    package var permutations: [String]

    package static let none = "(none)"
}
