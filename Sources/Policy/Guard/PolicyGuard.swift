import BrandContext
import Catalog
import Foundation
import Liquid

/// The per-recipient guard: `brand/guardrails.yaml` rules as data, applied inside `tessera render`
/// through Catalog's `RecipientGuard` hook. Built once per run: every block's tags and signal
/// classes are computed here (from Liquid analysis), so per recipient only the conditions of the
/// rules that could touch a candidate are evaluated.
public struct PolicyGuard: RecipientGuard {
    /// What the guard knows of a block, computed once.
    struct BlockFacts: Sendable {
        let tags: Set<String>
        /// Personal classes the block reads (body and `when`).
        let personal: Set<String>
        /// Every class it reads.
        let classes: Set<String>
        /// Personal classes its `when` reads: the signals that drive its selection.
        let driving: Set<String>
        /// Indexes of drop rules whose action concerns this block.
        let dropRules: [Int]
    }

    let rules: [GuardrailRule]
    let blocks: [String: BlockFacts]
    let templates: [String: Set<String>]
    let maxPersonal: [Int]          // indexes of max_personal_signal_classes rules
    let variety: [Int]              // indexes of one_block_per_signal_class rules
    let filters: [Int]              // indexes of filter_recommendations rules
    let suppressions: [Int]         // indexes of suppress rules
    let links: LinkPolicy
    /// Paths of `forbidden` classes: a filled value must not carry their values.
    let forbiddenPaths: [String]
    let signals: SignalIndex

    public init(brand: Brand, catalog: Catalog) {
        let g = brand.guardrails
        let signals = SignalIndex(guardrails: g)
        self.signals = signals
        rules = g.rules
        links = brand.facts.links
        forbiddenPaths = g.signals.filter { g.signalClass($0.signalClass)?.sensitivity == .forbidden }.map(\.path)
        func indexes(_ f: (GuardrailAction) -> Bool) -> [Int] { g.rules.indices.filter { f(g.rules[$0].then) } }
        maxPersonal = indexes { if case .maxPersonalSignalClasses = $0 { true } else { false } }
        variety = indexes { $0 == .oneBlockPerSignalClass }
        filters = indexes { if case .filterRecommendations = $0 { true } else { false } }
        suppressions = indexes { $0 == .suppress }
        var facts: [String: BlockFacts] = [:]
        for b in catalog.blocks {
            let classes = signals.classes(of: b)
            let personal = Set(classes.filter(\.personal).map(\.id))
            let whenPaths = b.when?.analyze().paths ?? []
            let driving = Set(whenPaths.compactMap { signals.signalClass(forPath: $0) }.filter(\.personal).map(\.id))
            let drops = g.rules.indices.filter { i in
                switch g.rules[i].then {
                case .dropBlocksTagged(let tags): return tags.contains(where: b.tags.contains)
                case .dropBlocksReading(let what): return what == "personal" ? !personal.isEmpty : classes.contains { $0.id == what }
                default: return false
                }
            }
            facts[b.id] = BlockFacts(tags: Set(b.tags), personal: personal, classes: Set(classes.map(\.id)), driving: driving, dropRules: drops)
        }
        blocks = facts
        var tpl: [String: Set<String>] = [:]
        for t in catalog.templates {
            let paths = t.body.analyze().paths + t.subject.analyze().paths + t.preheader.analyze().paths
            tpl[t.id] = Set(paths.compactMap { signals.signalClass(forPath: $0) }.filter(\.personal).map(\.id))
        }
        templates = tpl
    }

    func evaluator(_ context: GuardContext) -> ConditionEvaluator {
        ConditionEvaluator(now: context.now.timeIntervalSince1970)
    }

    func applies(_ i: Int, _ context: GuardContext, _ eval: ConditionEvaluator) -> Bool {
        rules[i].when.map { eval.holds($0, context.recipient) } ?? true
    }

    // MARK: 1. before selection: filter recommendations (rule 3)

    public func prepare(_ recipient: inout Value, context: GuardContext) -> [GuardReason] {
        guard !filters.isEmpty, case .object(var o) = recipient, case .array(let recs)? = o["recommendations"], !recs.isEmpty else { return [] }
        let eval = evaluator(context)
        var reasons: [GuardReason] = []
        var kept = recs
        for i in filters {
            guard case .filterRecommendations(let n) = rules[i].then, rules[i].when.map({ eval.holds($0, recipient) }) ?? true else { continue }
            let bought = purchaseCounts(recipient)
            kept = kept.filter { item in
                guard let sku = RecipientFacts.field(item, "sku").flatMap(RecipientFacts.text), let times = bought[sku], times >= n else { return true }
                reasons.append(GuardReason(rule: rules[i].id, detail: "recommendation '\(sku)' removed: bought \(times) times (at least \(n))"))
                return false
            }
        }
        if kept.count != recs.count {
            o["recommendations"] = .array(kept)
            recipient = .object(o)
        }
        return reasons
    }

    /// Purchases per sku: `purchase` events (their `quantity` when given, else 1).
    func purchaseCounts(_ recipient: Value) -> [String: Int] {
        var out: [String: Int] = [:]
        for e in RecipientFacts.array(recipient, "events") where RecipientFacts.field(e, "type").flatMap(RecipientFacts.text) == "purchase" {
            guard let sku = RecipientFacts.field(e, "sku").flatMap(RecipientFacts.text) else { continue }
            let q = RecipientFacts.field(e, "quantity").flatMap(RecipientFacts.text).flatMap(Int.init) ?? 1
            out[sku, default: 0] += max(1, q)
        }
        return out
    }

    // MARK: 2. per candidate: drops (rules 1, 2, 4, 7), limit (5), variety (6)

    public func check(candidate: BlockDefinition, slot: SlotDefinition, chosen: [BlockDefinition], context: GuardContext) -> GuardReason? {
        guard let facts = blocks[candidate.id] else { return nil }
        let eval = evaluator(context)
        for i in facts.dropRules where applies(i, context, eval) {
            switch rules[i].then {
            case .dropBlocksTagged(let tags):
                let hit = tags.filter(facts.tags.contains).joined(separator: ", ")
                return GuardReason(rule: rules[i].id, detail: "block '\(candidate.id)' is tagged \(hit): \(rules[i].description)")
            case .dropBlocksReading(let what):
                // Default content only (no consent, holdout): Assembly has already withheld the
                // personal data, so the block cannot read any; nothing to drop.
                if context.defaultContentOnly { continue }
                let read = what == "personal" ? facts.personal.sorted().joined(separator: ", ") : what
                return GuardReason(rule: rules[i].id, detail: "block '\(candidate.id)' reads \(read): \(rules[i].description)")
            default: continue
            }
        }
        guard !facts.personal.isEmpty else { return nil }
        for i in maxPersonal where applies(i, context, eval) {
            guard case .maxPersonalSignalClasses(let n) = rules[i].then else { continue }
            var union = templates[context.template.id] ?? []
            for b in chosen { union.formUnion(blocks[b.id]?.personal ?? []) }
            let before = union.count
            union.formUnion(facts.personal)
            if union.count > n && union.count > before {
                return GuardReason(rule: rules[i].id, detail: "block '\(candidate.id)' would make \(union.count) personal signal classes (\(union.sorted().joined(separator: ", "))): at most \(n)")
            }
        }
        if !facts.driving.isEmpty {
            for i in variety where applies(i, context, eval) {
                if let other = chosen.first(where: { !(blocks[$0.id]?.driving.isDisjoint(with: facts.driving) ?? true) }) {
                    let shared = facts.driving.intersection(blocks[other.id]?.driving ?? []).sorted().joined(separator: ", ")
                    return GuardReason(rule: rules[i].id, detail: "block '\(candidate.id)' and '\(other.id)' are both driven by \(shared)")
                }
            }
        }
        return nil
    }

    // MARK: 3. after fill: suppression, filled values

    public func check(values: [Hole], blocks chosen: [BlockDefinition], context: GuardContext) -> GuardReason? {
        let eval = evaluator(context)
        for i in suppressions where applies(i, context, eval) {
            return GuardReason(rule: rules[i].id, detail: rules[i].description)
        }
        for h in values {
            let t = h.text
            guard t.hasPrefix("http") else { continue }
            if let (rule, message) = LinkRules.check(url: t, policy: links).first(where: { $0.0 != "links.utm" }) {
                return GuardReason(rule: rule, detail: "filled value: \(message)")
            }
        }
        if let leak = forbiddenValue(in: values, context.recipient) {
            return GuardReason(rule: "values.forbidden-signal", detail: "a filled value carries '\(leak)', a signal the guardrails forbid in copy")
        }
        return nil
    }

    /// A forbidden-class value of this recipient (3+ characters) that appears in a filled value.
    func forbiddenValue(in values: [Hole], _ recipient: Value) -> String? {
        for p in forbiddenPaths {
            guard let v = RecipientFacts.value(recipient, path: p), let s = RecipientFacts.text(v), s.count >= 3,
                  s != "null", s != "true", s != "false" else { continue }
            if values.contains(where: { $0.text.contains(s) }) { return p }
        }
        return nil
    }
}
