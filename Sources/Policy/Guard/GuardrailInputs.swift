import BrandContext
import Catalog
import Foundation
import Liquid

/// The guardrail rules read backwards, for a tool that builds recipients to meet them (Preview):
/// the inputs their conditions test, the events that switch a rule on, and the blocks a rule
/// drops. It reads the conditions and actions the guard itself evaluates (`CompiledCondition`,
/// `GuardrailAction.drops`), so the guard and its preview cannot read a rule differently.
package struct GuardrailInputs: Sendable {
    package let rules: [GuardrailRule]
    let conditions: [CompiledCondition?]
    let signals: SignalIndex

    package init(_ guardrails: Guardrails) {
        rules = guardrails.rules
        conditions = guardrails.rules.map { $0.when.map(CompiledCondition.init) }
        signals = SignalIndex(guardrails: guardrails)
    }

    /// Field tests: data path below `recipient` (`profile.loyalty_tier`) → the values it is
    /// compared with, in rule order.
    package var fieldValues: [String: [String]] {
        var out: [String: [String]] = [:]
        for case .field(let path, let equals) in tests { out[path.keys.joined(separator: "."), default: []].append(equals) }
        return out
    }

    /// Segment names the conditions test, in rule order.
    package var segments: [String] {
        tests.compactMap { if case .segment(let name) = $0 { name } else { nil } }
    }

    private var tests: [CompiledCondition] { conditions.flatMap { $0?.tests ?? [] } }

    /// Events that switch rule `rule` on, dated an hour before `now` (inside any `within_days`
    /// window); empty when no events can (no condition, or one only segments and fields decide,
    /// which are left to those inputs).
    package func events(switchingOn rule: Int, now: Date) -> [Value] {
        let at = ISO8601DateFormatter().string(from: now.addingTimeInterval(-3600))
        return conditions[rule]?.events(want: true, at: at) ?? []
    }

    /// The ids of `candidates` that rule `rule` drops when it applies; nil when its action drops
    /// no blocks by their tags or reads.
    package func blocksDropped(byRule rule: Int, among candidates: [BlockDefinition]) -> Set<String>? {
        switch rules[rule].then {
        case .dropBlocksTagged, .dropBlocksReading:
            Set(candidates.filter { rules[rule].then.drops(tags: $0.tags, classes: signals.classes(of: $0)) }.map(\.id))
        default: nil
        }
    }
}

extension GuardrailAction {
    /// Whether this action drops a block with these tags that reads these signal classes.
    func drops(tags: [String], classes: [SignalClass]) -> Bool {
        switch self {
        case .dropBlocksTagged(let dropped): dropped.contains(where: tags.contains)
        case .dropBlocksReading(let what): what == "personal" ? classes.contains(where: \.personal) : classes.contains { $0.id == what }
        default: false
        }
    }
}
