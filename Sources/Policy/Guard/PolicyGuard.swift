import BrandContext
import Catalog
import Foundation
import Liquid

/// The per-recipient guard: `brand/guardrails.yaml` rules as data, applied inside `tessera render`
/// through Catalog's `RecipientGuard` hook. Built once per run: every block's tags and signal
/// classes (from Liquid analysis) become bit masks and rule lists here, conditions are compiled,
/// so per recipient only the conditions of the rules that could touch a candidate are evaluated.
package struct PolicyGuard: RecipientGuard {
    /// What the guard knows of a block, computed once (a class: looking it up per candidate
    /// costs one retain, not one per set).
    final class BlockFacts: Sendable {
        let tags: Set<String>
        /// Personal classes the block reads (body and `when`), as ids and as a mask.
        let personal: Set<String>
        let personalMask: UInt64
        /// Personal classes its `when` reads: the signals that drive its selection.
        let drivingMask: UInt64
        /// Indexes of drop rules whose action concerns this block.
        let dropRules: [Int]

        init(tags: Set<String>, personal: Set<String>, personalMask: UInt64, drivingMask: UInt64, dropRules: [Int]) {
            self.tags = tags
            self.personal = personal
            self.personalMask = personalMask
            self.drivingMask = drivingMask
            self.dropRules = dropRules
        }
    }

    let rules: [GuardrailRule]
    let conditions: [CompiledCondition?]
    let blocks: [String: BlockFacts]
    /// The catalog's own blocks' facts by identity: hashing a pointer instead of a block id,
    /// several times per candidate. `catalogBlocks` keeps those blocks alive, so an identifier
    /// here cannot be reused by another object.
    let factsByIdentity: [ObjectIdentifier: BlockFacts]
    let catalogBlocks: [BlockDefinition]
    let templates: [String: Set<String>]
    let templateMasks: [String: UInt64]
    /// Class id of each mask bit.
    let classIDs: [String]
    let maxPersonal: [Int]
    let variety: [Int]
    let filters: [Int]
    let suppressions: [Int]
    let urls: FilledURLCheck
    /// Paths of `forbidden` classes (split): a filled value must not carry their values.
    let forbiddenPaths: [(String, MemberPath)]

    package init(brand: Brand, catalog: Catalog) {
        let g = brand.guardrails
        let signals = SignalIndex(guardrails: g)
        rules = g.rules
        conditions = g.rules.map { $0.when.map(CompiledCondition.init) }
        urls = FilledURLCheck(brand.facts.links)
        forbiddenPaths = g.signals.filter { g.signalClass($0.signalClass)?.sensitivity == .forbidden }.map {
            ($0.path, MemberPath(keys: RecipientFacts.segments($0.path)))
        }
        let ids = g.signalClasses.map(\.id)
        classIDs = ids
        func mask(_ classes: Set<String>) -> UInt64 {
            classes.reduce(0) { m, c in ids.firstIndex(of: c).map { $0 < 64 ? m | (1 << UInt64($0)) : m } ?? m }
        }
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
            let drops = g.rules.indices.filter { g.rules[$0].then.drops(tags: b.tags, classes: classes) }
            facts[b.id] = BlockFacts(
                tags: Set(b.tags), personal: personal, personalMask: mask(personal), drivingMask: mask(driving), dropRules: drops)
        }
        blocks = facts
        catalogBlocks = catalog.blocks
        factsByIdentity = Dictionary(
            catalog.blocks.compactMap { b in facts[b.id].map { (ObjectIdentifier(b), $0) } }, uniquingKeysWith: { a, _ in a })
        var tpl: [String: Set<String>] = [:]
        for t in catalog.templates {
            let paths = t.body.analyze().paths + t.subject.analyze().paths + t.preheader.analyze().paths
            tpl[t.id] = Set(paths.compactMap { signals.signalClass(forPath: $0) }.filter(\.personal).map(\.id))
        }
        templates = tpl
        templateMasks = tpl.mapValues(mask)
    }

    @inline(__always) func facts(_ b: BlockDefinition) -> BlockFacts? {
        factsByIdentity[ObjectIdentifier(b)] ?? blocks[b.id]
    }

    func applies(_ i: Int, _ context: GuardContext) -> Bool {
        conditions[i].map { $0.holds(context.recipient, now: context.now.timeIntervalSince1970) } ?? true
    }

    func names(_ mask: UInt64) -> String {
        classIDs.indices.filter { $0 < 64 && mask & (1 << UInt64($0)) != 0 }.map { classIDs[$0] }.sorted().joined(separator: ", ")
    }

    // MARK: 1. before selection: filter recommendations (rule 3)

    package func prepare(_ recipient: inout Value, context: GuardContext) -> [GuardReason] {
        guard !filters.isEmpty, case .object(var o) = recipient, case .array(let recs)? = o["recommendations"], !recs.isEmpty else { return [] }
        var reasons: [GuardReason] = []
        var kept = recs
        let now = context.now.timeIntervalSince1970
        for i in filters {
            guard case .filterRecommendations(let n) = rules[i].then, conditions[i].map({ $0.holds(recipient, now: now) }) ?? true else { continue }
            let bought = purchaseCounts(recipient)
            guard !bought.isEmpty else { continue }
            kept = kept.filter { item in
                guard case .string(let sku)? = item.member(at: RecipientFacts.Field.sku), let times = bought[sku], times >= n else { return true }
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
        for e in RecipientFacts.array(recipient, RecipientFacts.Field.events) {
            guard case .string("purchase")? = e.member(at: RecipientFacts.Field.type), case .string(let sku)? = e.member(at: RecipientFacts.Field.sku)
            else { continue }
            var q = 1
            if case .int(let n)? = e.member(at: RecipientFacts.Field.quantity) { q = max(1, n) }
            out[sku, default: 0] += q
        }
        return out
    }

    // MARK: 2. per candidate: drops (rules 1, 2, 4, 7), limit (5), variety (6)

    package func check(candidate: BlockDefinition, slot: SlotDefinition, chosen: [BlockDefinition], context: GuardContext) -> GuardReason? {
        guard let facts = facts(candidate) else { return nil }
        for i in facts.dropRules {
            if case .dropBlocksReading = rules[i].then, context.defaultContentOnly {
                // Default content only (no consent, holdout): Assembly has already withheld the
                // personal data, so the block cannot read any; nothing to drop.
                continue
            }
            guard applies(i, context) else { continue }
            switch rules[i].then {
            case .dropBlocksTagged(let tags):
                let hit = tags.filter(facts.tags.contains).joined(separator: ", ")
                return GuardReason(rule: rules[i].id, detail: "block '\(candidate.id)' is tagged \(hit): \(rules[i].description)")
            case .dropBlocksReading(let what):
                let read = what == "personal" ? facts.personal.sorted().joined(separator: ", ") : what
                return GuardReason(rule: rules[i].id, detail: "block '\(candidate.id)' reads \(read): \(rules[i].description)")
            default: continue
            }
        }
        guard facts.personalMask != 0 else { return nil }
        if !maxPersonal.isEmpty {
            var before = templateMasks[context.template.id] ?? 0
            for b in chosen { before |= self.facts(b)?.personalMask ?? 0 }
            let after = before | facts.personalMask
            if after != before {
                for i in maxPersonal where applies(i, context) {
                    guard case .maxPersonalSignalClasses(let n) = rules[i].then, after.nonzeroBitCount > n else { continue }
                    return GuardReason(
                        rule: rules[i].id,
                        detail: "block '\(candidate.id)' would make \(after.nonzeroBitCount) personal signal classes (\(names(after))): at most \(n)")
                }
            }
        }
        if facts.drivingMask != 0, !variety.isEmpty,
            let other = chosen.first(where: { (self.facts($0)?.drivingMask ?? 0) & facts.drivingMask != 0 })
        {
            for i in variety where applies(i, context) {
                let shared = names(facts.drivingMask & (self.facts(other)?.drivingMask ?? 0))
                return GuardReason(rule: rules[i].id, detail: "block '\(candidate.id)' and '\(other.id)' are both driven by \(shared)")
            }
        }
        return nil
    }

    // MARK: 3. after fill: suppression, filled values

    package func check(values: [Hole], blocks chosen: [BlockDefinition], context: GuardContext) -> GuardReason? {
        for i in suppressions where applies(i, context) {
            return GuardReason(rule: rules[i].id, detail: rules[i].description)
        }
        for h in values {
            if let (rule, message) = urls.problem(h.text) { return GuardReason(rule: rule, detail: message) }
        }
        if let leak = forbiddenValue(in: values, context.recipient) {
            return GuardReason(
                rule: "values.forbidden-signal", detail: "a filled value carries the recipient's '\(leak)', a signal the guardrails forbid in copy")
        }
        return nil
    }

    /// `word` in `text` with no letter or digit on either side ("low" is not in "follow").
    /// Searched in UTF-8 (every filled value of every recipient is checked); the neighbours
    /// are decoded as scalars, so "é" counts as a letter and "’" does not.
    static func containsWord(_ text: String, _ word: String) -> Bool {
        var text = text, word = word
        return text.withUTF8 { t in
            word.withUTF8 { w in
                guard !w.isEmpty, w.count <= t.count else { return false }
                var i = 0
                while i + w.count <= t.count {
                    if t[i] == w[0], memcmp(t.baseAddress! + i, w.baseAddress!, w.count) == 0,
                        !isWordScalar(before: i, in: t), !isWordScalar(at: i + w.count, in: t)
                    {
                        return true
                    }
                    i += 1
                }
                return false
            }
        }
    }

    private static func isWordScalar(at i: Int, in t: UnsafeBufferPointer<UInt8>) -> Bool {
        guard i < t.count else { return false }
        var it = UnsafeBufferPointer(rebasing: t[i...]).makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let s) = decoder.decode(&it) else { return false }
        return isWord(s)
    }

    private static func isWordScalar(before i: Int, in t: UnsafeBufferPointer<UInt8>) -> Bool {
        guard i > 0 else { return false }
        var start = i - 1
        while start > 0, t[start] & 0xC0 == 0x80 { start -= 1 }  // back over continuation bytes
        return isWordScalar(at: start, in: UnsafeBufferPointer(rebasing: t[..<i]))
    }

    private static func isWord(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    /// A forbidden-class value of this recipient (3+ characters) that appears, as a whole word,
    /// in a filled value.
    func forbiddenValue(in values: [Hole], _ recipient: Value) -> String? {
        for (path, segments) in forbiddenPaths {
            guard case .string(let s)? = recipient.member(at: segments), s.utf8.count >= 3 else { continue }
            if values.contains(where: { Self.containsWord($0.text, s) }) { return path }
        }
        return nil
    }
}
