import Assembly
import BrandContext
import Catalog

/// The brand's frequency caps (`guardrails.yaml` `frequency_caps`) with, per cap, how many
/// messages of its channel and category each recipient (by id hash) was rendered in earlier
/// runs of the journal within the cap's window. Read-only once built: shared by the workers.
package struct FrequencyCaps: Sendable {
    package struct Rule: Sendable {
        package var cap: FrequencyCap
        /// id hash → messages rendered in the window before this run.
        package var history: [UInt64: UInt16]
    }
    package var rules: [Rule]
    /// Template id → indexes of the rules that apply to it (same channel and category).
    package let byTemplate: [String: [Int]]
    /// False when no cap can trigger (no history and no `max: 0`): the per-record check is skipped.
    let active: Bool

    package static let none = FrequencyCaps(rules: [], catalog: nil)

    package init(rules: [Rule], catalog: Catalog?) {
        self.rules = rules
        var map: [String: [Int]] = [:]
        for t in catalog?.templates ?? [] {
            let category = Self.category(of: t)
            let applying = rules.indices.filter { rules[$0].cap.channel == t.channel && rules[$0].cap.category == category }
            if !applying.isEmpty { map[t.id] = applying }
        }
        byTemplate = map
        active = !map.isEmpty && rules.contains { !$0.history.isEmpty || $0.cap.max < 1 }
    }

    /// Whether any of `caps` applies to a template of `catalog` (then a journaled run takes
    /// the journal's frequency-cap lock).
    package static func anyApplies(_ caps: [FrequencyCap], _ catalog: Catalog) -> Bool {
        catalog.templates.contains { t in caps.contains { $0.channel == t.channel && $0.category == category(of: t) } }
    }

    /// The template's `category:` front matter (default `marketing`).
    package static func category(of template: TemplateDefinition) -> String { template.category }

    /// The cap a rendered message would exceed: this message plus those already sent in the
    /// window. Nil when within every cap.
    @inline(__always)
    func exceeded(template: String, idHash: UInt64) -> Reason? {
        guard let applying = byTemplate[template] else { return nil }
        for i in applying {
            let rule = rules[i]
            let sent = Int(rule.history[idHash] ?? 0)
            if sent + 1 > rule.cap.max { return Self.reason(rule.cap, sent: sent) }
        }
        return nil
    }

    /// Why a message is stopped by `cap` after `sent` in its window.
    package static func reason(_ c: FrequencyCap, sent: Int) -> Reason {
        Reason(
            "frequency.\(c.id)",
            "\(sent) \(c.category) \(c.channel) message\(sent == 1 ? "" : "s") in the last \(c.perDays) day\(c.perDays == 1 ? "" : "s") (max \(c.max))"
        )
    }
}
