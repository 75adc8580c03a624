import BrandContext
import Catalog
import Foundation
import Liquid

/// The selection for one recipient.
public struct Selection {
    public var template: TemplateDefinition
    public var personalized: Bool
    /// The chosen blocks, slot by slot in the template's order.
    public var blocks: [BlockDefinition]
    /// Template, consent and holdout, then per slot what happened to every candidate (each
    /// candidate's detail starts with "slot: block:").
    public var reasons: [Reason]
    /// Set when a slot stays below its `min`.
    public var held: Bool
    /// The record as Liquid sees it (`recipient`): personal data removed for default content.
    public var recipient: Value
    /// The recipient's arm of each of the template's experiments (empty without experiments).
    public var arms: [ExperimentAssignment] = []
}

/// Chooses template and blocks per recipient (issue 6's rules), asking the guard after ranking.
/// Used by one thread at a time: its hot stored properties are `@exclusivity(unchecked)` (the
/// dynamic checks cost ~1–10% of a render; the library products carry no unsafe build flags).
final class ContentSelector {
    let catalog: Catalog
    let brand: Brand
    @exclusivity(unchecked) private(set) var options: AssemblyOptions
    /// The UTC day of `options.now` (claim validity).
    @exclusivity(unchecked) private var today: CalendarDate
    /// Each template's slot plans, in slot order, built on first use.
    @exclusivity(unchecked) private var plansByTemplate: [ObjectIdentifier: [SlotPlan]] = [:]
    /// Working arrays of `selectSlot`, kept between slots and recipients (no allocation each time).
    @exclusivity(unchecked) private var scratch = SlotScratch()

    init(catalog: Catalog, brand: Brand, options: AssemblyOptions) {
        self.catalog = catalog
        self.brand = brand
        self.options = options
        today = CalendarDate(utc: options.now)
    }

    /// Moves the clock; see `Assembler.setClock`. The slot plans remember claim usability,
    /// which is judged on `today`: a new day starts them again.
    func setClock(_ now: Date) {
        options.now = now
        let day = CalendarDate(utc: now)
        if day != today {
            today = day
            plansByTemplate = [:]
        }
    }

    /// `decision.template`, else the template serving `decision.action`, else `--template`.
    func template(for record: RecipientRecord) -> Result<(TemplateDefinition, Reason), Reason> {
        if let id = record.string(.decisionTemplate) {
            if let t = catalog.template(id) { return .success((t, Reason("template.by-decision", "decision.template is '\(id)'"))) }
            return .failure(
                Reason(
                    "template.unknown", "decision.template '\(id)' is not a template (known: \(catalog.templates.map(\.id).joined(separator: ", ")))")
            )
        }
        if let action = record.string(.decisionAction), let t = catalog.template(forAction: action) {
            return .success((t, Reason("template.by-action", "template '\(t.id)' serves decision.action '\(action)'")))
        }
        if let id = options.defaultTemplate {
            if let t = catalog.template(id) {
                return .success((t, Reason("template.default", "no decision.template or matching action; --template '\(id)'")))
            }
            return .failure(Reason("template.unknown", "--template '\(id)' is not a template"))
        }
        let action = record.string(.decisionAction).map { " (decision.action '\($0)' matches no template's actions)" } ?? ""
        return .failure(Reason("template.none", "no decision.template, no template for the action and no --template\(action)"))
    }

    /// Selects blocks for every slot. `defaultOnly`: holdout or no personalization consent.
    func select(_ record: RecipientRecord, template: TemplateDefinition, defaultOnly: Bool, reasons: [Reason]) -> Selection {
        var recipient = defaultOnly ? Self.withoutPersonalData(record.value) : record.value
        let context = GuardContext(recipient: recipient, template: template, now: options.now, defaultContentOnly: defaultOnly)
        var reasons = reasons
        reasons.reserveCapacity(32)  // a recipient's reasons, all slots: no regrowth as they are appended
        for r in options.recipientGuard.prepare(&recipient, context: context) { reasons.append(Reason("guard.\(r.rule)", r.detail)) }
        var ctx = context
        ctx.recipient = recipient
        let data = PredicateScope(.object(LiquidObject([("recipient", recipient)])))
        let locale = record.string(.locale) ?? brand.facts.defaultLocale
        let market = record.string(.market)
        let decided = [record.string(.decisionAction), record.string(.decisionOffer)].compactMap { $0 }
        var blocks: [BlockDefinition] = []
        var held = false
        // Arms are drawn for every recipient who reaches selection (held out or not, so the
        // draw stays independent of the holdout); they narrow a slot only for personalized content.
        let drawn = template.experiments.isEmpty ? [] : drawArms(template, record: record, reasons: &reasons)
        for plan in plans(template) {
            let arm = plan.experiment.map { drawn[$0] }
            let n = selectSlot(
                plan, data: data, locale: locale, market: market, decided: decided,
                defaultOnly: defaultOnly, arm: defaultOnly ? nil : arm, chosen: &blocks, reasons: &reasons, context: ctx)
            if n < plan.slot.min {
                held = true
                reasons.append(Reason("slot.unfilled", "\(plan.slot.name): \(n) of at least \(plan.slot.min) blocks, fallback included"))
            }
        }
        var selection = Selection(template: template, personalized: !defaultOnly, blocks: blocks, reasons: reasons, held: held, recipient: recipient)
        if !drawn.isEmpty {
            selection.arms = zip(template.experiments, drawn).map { ExperimentAssignment(experiment: $0.id, arm: $0.arms[$1].name) }
        }
        return selection
    }

    /// Each experiment's arm for this recipient (indices into its arms), with an
    /// `experiment.arm` reason per experiment (built once per template and arm, then reused).
    private func drawArms(_ template: TemplateDefinition, record: RecipientRecord, reasons: inout [Reason]) -> [Int] {
        let table = armReasons(template)
        return template.experiments.indices.map { k in
            let i = template.experiments[k].armIndex(recipient: record.id)
            reasons.append(table[k][i])
            return i
        }
    }

    /// Per template: per experiment, per arm, its `experiment.arm` reason.
    @exclusivity(unchecked) private var armReasonTables: [ObjectIdentifier: [[Reason]]] = [:]

    private func armReasons(_ template: TemplateDefinition) -> [[Reason]] {
        if let t = armReasonTables[ObjectIdentifier(template)] { return t }
        let t = template.experiments.map { e in
            let total = e.arms.reduce(0) { $0 + $1.weight }
            let shares = e.arms.map { "\($0.name) \(Self.share($0.weight / total))" }.joined(separator: ", ")
            return e.arms.map { arm in
                Reason.reused(
                    "experiment.arm", "experiment '\(e.id)' (slot \(e.slot)): arm '\(arm.name)' by the draw on id and experiment (\(shares))")
            }
        }
        armReasonTables[ObjectIdentifier(template)] = t
        return t
    }

    private static func share(_ x: Double) -> String {
        let p = (x * 1000).rounded() / 10
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }

    /// Chooses one slot's blocks: appends them to `chosen` (the blocks of earlier slots, which
    /// the guard sees too) and what happened to every candidate to `reasons`; returns how many
    /// blocks this slot got.
    private func selectSlot(
        _ plan: SlotPlan, data: PredicateScope, locale: String, market: String?, decided: [String],
        defaultOnly: Bool, arm: Int?, chosen: inout [BlockDefinition], reasons: inout [Reason], context: GuardContext
    ) -> Int {
        let firstReason = reasons.count
        var work = scratch
        scratch = SlotScratch()  // `work` is now unique: appending to it does not copy
        defer { work.clear(); scratch = work }
        for c in plan.candidates {
            if let arm, let why = c.outsideArm[arm] {
                reasons.append(why)
            } else if let why = ineligibility(c, plan, data: data, locale: locale, market: market, defaultOnly: defaultOnly) {
                reasons.append(why)
            } else {
                // Whether a block carries the decided action/offer, computed once per block, not per comparison.
                work.eligible.append((c, !decided.isEmpty && decided.contains(where: c.block.has(tag:))))
            }
        }
        if work.eligible.count > 1 {
            work.eligible.sort { a, b in
                if a.decided != b.decided { return a.decided }
                if a.plan.block.priority != b.plan.block.priority { return a.plan.block.priority > b.plan.block.priority }
                return a.plan.block.id < b.plan.block.id
            }
        }
        let first = chosen.count
        for (c, byDecision) in work.eligible {
            let b = c.block
            if chosen.count - first >= plan.slot.max { work.outranked.append(b); continue }
            if let r = options.recipientGuard.check(candidate: b, slot: plan.slot, chosen: chosen, context: context) {
                reasons.append(Reason("guard.\(r.rule)", "\(plan.slot.name): \(b.id): \(r.detail)"))
                continue
            }
            reasons.append(byDecision ? c.chosenByDecision : c.chosenByPriority)
            chosen.append(b)
        }
        if !work.outranked.isEmpty { reasons += outrankedReasons(plan.slot, chosen: chosen[first...], outranked: work.outranked) }
        if chosen.count - first < plan.slot.min, let b = plan.fallback, !chosen[first...].contains(where: { $0.id == b.id }) {
            if let r = options.recipientGuard.check(candidate: b, slot: plan.slot, chosen: chosen, context: context) {
                reasons.append(Reason("guard.\(r.rule)", "\(plan.slot.name): \(b.id): fallback dropped: \(r.detail)"))
            } else {
                // The fallback's own outcome (ineligible, outranked…) gives way to this one.
                let prefix = "\(plan.slot.name): \(b.id):"
                var i = firstReason
                while i < reasons.count {
                    if reasons[i].detail.hasPrefix(prefix) { reasons.remove(at: i) } else { i += 1 }
                }
                reasons.append(Reason("slot.fallback", "\(prefix) \(chosen.count - first) eligible of min \(plan.slot.min): the slot's fallback"))
                chosen.append(b)
            }
        }
        return chosen.count - first
    }

    /// "outranked by …" reasons, built once per slot, chosen and outranked blocks (the same few
    /// combinations recur for every recipient; building the strings each time was a hot spot).
    private struct OutrankedKey: Hashable {
        let slot: String
        let max: Int
        let chosen: [ObjectIdentifier]
        let outranked: [ObjectIdentifier]
    }
    @exclusivity(unchecked) private var outrankedCache: [OutrankedKey: [Reason]] = [:]

    private func outrankedReasons(_ slot: SlotDefinition, chosen: ArraySlice<BlockDefinition>, outranked: [BlockDefinition]) -> [Reason] {
        let key = OutrankedKey(
            slot: slot.name, max: slot.max, chosen: chosen.map(ObjectIdentifier.init), outranked: outranked.map(ObjectIdentifier.init))
        if let r = outrankedCache[key] { return r }
        let by = "outranked by \(chosen.map(\.id).joined(separator: ", ")) (max \(slot.max))"
        let r = outranked.map { Reason.reused("block.outranked", "\(slot.name): \($0.id): \(by)") }
        outrankedCache[key] = r
        return r
    }

    /// `selectSlot`'s working arrays.
    private struct SlotScratch {
        /// Eligible candidates, and whether each carries the decided action/offer (ranked first).
        var eligible: [(plan: CandidatePlan, decided: Bool)] = []
        /// Eligible candidates past the slot's `max`.
        var outranked: [BlockDefinition] = []

        mutating func clear() {
            eligible.removeAll(keepingCapacity: true)
            outranked.removeAll(keepingCapacity: true)
        }
    }

    private func plans(_ template: TemplateDefinition) -> [SlotPlan] {
        if let p = plansByTemplate[ObjectIdentifier(template)] { return p }
        let p = template.slots.map { slot in
            SlotPlan(
                slot: slot, channel: template.channel, candidates: catalog.candidates(for: slot),
                fallback: slot.fallback.flatMap { catalog.block($0) },
                experiment: template.experiments.firstIndex { $0.slot == slot.name }.map { (index: $0, definition: template.experiments[$0]) })
        }
        plansByTemplate[ObjectIdentifier(template)] = p
        return p
    }

    private func ineligibility(
        _ c: CandidatePlan, _ plan: SlotPlan, data: PredicateScope,
        locale: String, market: String?, defaultOnly: Bool
    ) -> Reason? {
        if defaultOnly, !c.allowedForDefault { return c.notDefault }
        let b = c.block
        if !b.locales.isEmpty, !b.fits(locale: locale) { return c.localeReason(locale) }
        if !b.claims.isEmpty,
            let r = c.claimReason(
                locale: locale, market: market ?? "",
                make: {
                    unusableClaim(b, market: market, locale: locale, channel: plan.channel).map {
                        Reason.reused("block.claim", "\(plan.slot.name): \(b.id): \($0)")
                    }
                })
        {
            return r
        }
        if let when = b.when {
            do {
                if try !when.evaluate(in: data) { return c.whenFalse }
            } catch {
                return Reason("block.ineligible", "\(plan.slot.name): \(b.id): when '\(b.whenSource ?? "")' failed: \(error)")
            }
        }
        return nil
    }

    private func unusableClaim(_ b: BlockDefinition, market: String?, locale: String, channel: String) -> String? {
        let q = ClaimQuery(market: market, channel: channel, locale: locale, on: today)
        for id in b.claims {
            guard let c = brand.claim(id) else { return "claim '\(id)' does not exist" }
            if let why = brand.unusable(c, in: q) {
                let detail = why == .superseded ? "replaced by '\(brand.replacement(of: c, in: q)?.id ?? "?")'" : why.rawValue
                return "claim '\(id)' is not usable here (\(detail): market \(market ?? "-"), locale \(locale), \(channel), \(today))"
            }
        }
        return nil
    }

    /// The record without personal data: only what addressing and the legal footer need.
    static func withoutPersonalData(_ v: Value) -> Value {
        guard case .object(let o) = v else { return v }
        let keep = ["id", "email", "locale", "market", "timezone", "consent", "decision"]
        return .object(LiquidObject(o.pairs.filter { keep.contains($0.0) }))
    }
}
