import Foundation
import Liquid

/// Why a guard dropped a candidate or held a message: a rule id (e.g. a guardrail rule's id such
/// as `negative-support-no-upsell`) and a sentence for `reasons`.
public struct GuardReason: Sendable, Hashable {
    public var rule: String
    public var detail: String
    public init(rule: String, detail: String) {
        self.rule = rule
        self.detail = detail
    }
}

/// What a guard sees of the recipient being rendered.
public struct GuardContext {
    /// The record as rendered (`recipient` in Liquid), after `prepare`.
    public var recipient: Value
    public var template: TemplateDefinition
    /// The pinned clock (`--now`), for "in the last N days" rules.
    public var now: Date
    /// True when the message is default content only (holdout, no personalization consent).
    public var defaultContentOnly: Bool
    public init(recipient: Value, template: TemplateDefinition, now: Date, defaultContentOnly: Bool) {
        self.recipient = recipient
        self.template = template
        self.now = now
        self.defaultContentOnly = defaultContentOnly
    }
}

/// Policy's per-recipient guard, called by Assembly for every recipient:
/// 1. `prepare` once, before selection (may rewrite the record: filter recommendations…);
/// 2. `check(candidate:…)` for each ranked, eligible candidate of a slot, in rank order; a reason
///    drops it and the next candidate (then the slot's fallback) is tried; `chosen` holds the
///    blocks already chosen for this message (earlier slots first), for limit and variety rules;
/// 3. `check(values:…)` after the message is filled: the values Liquid put in (holes) and the
///    final blocks; a reason holds the recipient.
/// Every reason lands in the output's `reasons` with code `guard.<rule>`. The default
/// implementations do nothing.
public protocol RecipientGuard: Sendable {
    func prepare(_ recipient: inout Value, context: GuardContext) -> [GuardReason]
    func check(candidate: BlockDefinition, slot: SlotDefinition, chosen: [BlockDefinition], context: GuardContext) -> GuardReason?
    func check(values: [Hole], blocks: [BlockDefinition], context: GuardContext) -> GuardReason?
}

public extension RecipientGuard {
    func prepare(_ recipient: inout Value, context: GuardContext) -> [GuardReason] { [] }
    func check(candidate: BlockDefinition, slot: SlotDefinition, chosen: [BlockDefinition], context: GuardContext) -> GuardReason? { nil }
    func check(values: [Hole], blocks: [BlockDefinition], context: GuardContext) -> GuardReason? { nil }
}

/// The guard used until Policy provides one: allows everything.
public struct NoGuard: RecipientGuard {
    public init() {}
}
