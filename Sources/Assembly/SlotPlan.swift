import Catalog

/// One slot of a template as the selector meets it for every recipient, built once per
/// `ContentSelector` (so per thread): its candidates, its fallback, and per candidate the reasons that
/// depend only on the block and the slot. A candidate then costs an array step per recipient
/// rather than a keyed cache lookup, and the reasons' strings are built once.
final class SlotPlan {
    let slot: SlotDefinition
    let channel: String
    let candidates: [CandidatePlan]
    let fallback: BlockDefinition?
    /// The index (in the template's `experiments`) of the experiment varying this slot.
    let experiment: Int?

    init(
        slot: SlotDefinition, channel: String, candidates: [BlockDefinition], fallback: BlockDefinition?,
        experiment: (index: Int, definition: ExperimentDefinition)? = nil
    ) {
        self.slot = slot
        self.channel = channel
        self.candidates = candidates.map { CandidatePlan($0, slot: slot, experiment: experiment?.definition) }
        self.fallback = fallback
        self.experiment = experiment?.index
    }
}

/// A candidate block of one slot and its ready-made reasons.
/// Used by one thread at a time: its hot stored properties are `@exclusivity(unchecked)` (the
/// dynamic checks cost ~1–10% of a render; the library products carry no unsafe build flags).
final class CandidatePlan {
    let block: BlockDefinition
    /// Default content (tagged `default`, or the slot's fallback): allowed for a holdout or
    /// without personalization consent.
    let allowedForDefault: Bool
    let notDefault: Reason
    let whenFalse: Reason
    let chosenByDecision: Reason
    let chosenByPriority: Reason
    /// Per arm of the slot's experiment: why the arm excludes this block (nil: it allows it).
    let outsideArm: [Reason?]
    private let slotName: String
    /// Reasons that also depend on the recipient's locale (and market): a run meets a few.
    @exclusivity(unchecked) private var byLocale: [(locale: String, reason: Reason)] = []
    @exclusivity(unchecked) private var byClaimContext: [(locale: String, market: String, reason: Reason?)] = []

    init(_ b: BlockDefinition, slot: SlotDefinition, experiment: ExperimentDefinition? = nil) {
        block = b
        outsideArm =
            experiment?.arms.map { arm in
                arm.allows(b)
                    ? nil : .reused("experiment.excluded", "\(slot.name): \(b.id): not in arm '\(arm.name)' of experiment '\(experiment!.id)'")
            } ?? []
        slotName = slot.name
        allowedForDefault = b.has(tag: "default") || b.id == slot.fallback
        notDefault = .reused("block.default-only", "\(slot.name): \(b.id): not default content (holdout or no personalization consent)")
        whenFalse = .reused("block.ineligible", "\(slot.name): \(b.id): when '\(b.whenSource ?? "")' is false")
        chosenByDecision = .reused("block.chosen", "\(slot.name): \(b.id): tagged with the decision's action/offer")
        chosenByPriority = .reused("block.chosen", "\(slot.name): \(b.id): priority \(b.priority)")
    }

    /// "Written for …" when the block's locales exclude the recipient's.
    func localeReason(_ locale: String) -> Reason {
        for i in byLocale.indices where byLocale[i].locale == locale { return byLocale[i].reason }
        let r = Reason.reused(
            "block.locale", "\(slotName): \(block.id): written for \(block.locales.joined(separator: ", ")), recipient locale \(locale)")
        byLocale.append((locale, r))
        return r
    }

    /// Why a claim of the block cannot be used for this locale and market (nil: all usable).
    func claimReason(locale: String, market: String, make: () -> Reason?) -> Reason? {
        // By index: `first(where:)` copies each entry (three retains) to test it.
        for i in byClaimContext.indices where byClaimContext[i].locale == locale && byClaimContext[i].market == market {
            return byClaimContext[i].reason
        }
        let r = make()
        byClaimContext.append((locale, market, r))
        return r
    }
}
