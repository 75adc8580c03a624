import Assembly
import BrandContext
import Catalog
import Foundation
import Liquid
import Policy

/// One way to set part of a representative recipient.
struct Choice {
    var label: String
    /// Paths below `recipient` (e.g. ["profile", "loyalty_tier"]) and their values (nil: absent).
    var changes: [(path: [String], value: Value?)] = []
    /// Appended to `events` (guard rule conditions).
    var events: [Value] = []
    /// Literal segments this choice puts in `segments` (nil: leaves them alone).
    var segments: [String]? = nil
}

/// One condition-relevant input and its distinct cases.
struct Dimension {
    var name: String
    var choices: [Choice]
    /// False when default content only (holdout, no consent) strips everything it sets.
    var survivesDefaultContent: Bool
}

/// The condition-relevant inputs of one template: what its candidate blocks' `when`s read, what
/// ranks them (the decision), where they may run (locale, market), consent and holdout, the guard
/// rules that can drop them, and segment literals. Each input's values are those seen in the sample
/// recipients plus those declared (condition literals, template actions, block tags, the brand's
/// markets), reduced to one value per distinct outcome of the conditions that read it.
struct InputSpace {
    var modes: [Choice]
    var dimensions: [Dimension]
    /// Segment names that conditions test (`contains "x"`, guard `segment: x`).
    var segmentLiterals: [String]
    /// True when every read of `recipient.segments` is a `contains "literal"` test, so a segment
    /// not among the literals cannot change a selection.
    var segmentsReadByLiteralsOnly: Bool
    /// Things the enumeration cannot cover (shown on the page and in the manifest).
    var notes: [String]

    /// Paths handled by their own dimension rather than as plain condition inputs.
    static let placePaths: Set<String> = ["locale", "market"]
    static let decisionPaths: Set<String> = ["decision.action", "decision.offer"]
    static let modePaths: Set<String> = ["consent.personalization", "decision.group", "consent.email", "decision.template"]

    static func build(template t: TemplateDefinition, catalog: Catalog, brand: Brand, samples: [RecipientRecord], persona: Value, now: Date)
        -> InputSpace
    {
        let candidates = Self.candidates(of: t, in: catalog)
        let conditioned = candidates.filter { $0.when != nil }
        let reads: [(block: BlockDefinition, paths: [String])] = conditioned.map { b in (b, Self.normalized(b.when!.analyze().paths)) }
        let guardrails = GuardrailInputs(brand.guardrails)
        let guardFields = guardrails.fieldValues
        var notes: [String] = []

        // Plain condition inputs: every path a `when` reads, minus those with their own dimension.
        var plain = Set(reads.flatMap(\.paths)).union(guardFields.keys)
        plain.subtract(placePaths); plain.subtract(decisionPaths); plain.subtract(modePaths); plain.remove("segments")
        // A path below another one is covered by its parent's values.
        plain = plain.filter { p in !plain.contains { q in q != p && p.hasPrefix(q + ".") } }

        var dims: [Dimension] = []
        dims.append(Self.place(t, reads: reads, brand: brand, samples: samples, persona: persona))
        dims.append(
            Self.decision(
                t, allActions: catalog.templates.flatMap(\.actions),
                acceptedTags: Set(catalog.templates.flatMap { $0.slots.flatMap(\.accepts) }), candidates: candidates, reads: reads, samples: samples,
                persona: persona))
        for p in plain.sorted() {
            dims.append(Self.plainDimension(p, reads: reads, guardEquals: guardFields[p] ?? [], samples: samples, persona: persona))
        }
        let multi = reads.filter { Set($0.paths).count > 1 }.map(\.block.id)
        if !multi.isEmpty {
            notes.append(
                "conditions reading several inputs (\(multi.joined(separator: ", "))) are reduced one input at a time; rare combinations of their inputs may be missed"
            )
        }

        // Segments: the literal names conditions test, in every combination.
        let segmentReaders = reads.filter { $0.paths.contains("segments") }.map(\.block)
        var literals = Set(guardrails.segments)
        var literalOnly = true
        for b in segmentReaders {
            let (lits, ok) = Self.segmentLiterals(b.whenSource ?? "")
            literals.formUnion(lits)
            if !ok {
                literalOnly = false;
                notes.append("\(b.id) reads recipient.segments other than by `contains \"name\"`: each segment is enumerated on its own")
            }
        }
        let segmentLiterals = literals.sorted()
        if segmentLiterals.count <= 8 {
            var subsets: [[String]] = [[]]
            for s in segmentLiterals { subsets += subsets.map { $0 + [s] } }
            dims.append(
                Dimension(
                    name: "segments", choices: subsets.map { Choice(label: "segments=[\($0.joined(separator: ","))]", segments: $0) },
                    survivesDefaultContent: false))
        } else {
            notes.append("\(segmentLiterals.count) segment names are tested: only each one alone is enumerated")
            dims.append(
                Dimension(
                    name: "segments",
                    choices: [Choice(label: "segments=[]", segments: [])] + segmentLiterals.map { Choice(label: "segments=[\($0)]", segments: [$0]) },
                    survivesDefaultContent: false))
        }

        // Guard rules the recipient's events switch on; last, since they append to `events`.
        let g = Self.guardDimension(guardrails, candidates: candidates, now: now)
        dims.append(g.dimension)
        notes += g.notes

        let kept = Self.keptKeys()
        for i in dims.indices where dims[i].name != "segments" && dims[i].name != "guard" {
            dims[i].survivesDefaultContent = dims[i].choices.allSatisfy { $0.changes.allSatisfy { kept.contains($0.path.first ?? "") } }
        }
        // Content experiments: one case per combination of arms (arms narrow personalized content only).
        if let arms = Self.experimentArms(t) { dims.append(arms) }
        let modes = Self.modes(reads: reads, guardFields: guardFields, samples: samples)
        return InputSpace(
            modes: modes, dimensions: dims, segmentLiterals: segmentLiterals,
            segmentsReadByLiteralsOnly: literalOnly, notes: notes)
    }

    /// The arm combinations of a template's experiments, each as the representative's `id`: the
    /// arm is drawn on the id, so for each combination the first `preview-arms-N` id that draws
    /// it is used (the representatives' holdout is their decision.group, never the id's draw).
    /// Nil without experiments; combinations past 64 are left out.
    static func experimentArms(_ t: TemplateDefinition) -> Dimension? {
        guard !t.experiments.isEmpty else { return nil }
        var combos: [[Int]] = [[]]
        for e in t.experiments { combos = combos.flatMap { c in e.arms.indices.map { c + [$0] } } }
        var choices: [Choice] = []
        for combo in combos.prefix(64) {
            var n = 0
            while n < 100_000, t.experiments.indices.contains(where: { t.experiments[$0].armIndex(recipient: "preview-arms-\(n)") != combo[$0] }) {
                n += 1
            }
            guard n < 100_000 else { continue }
            let label = zip(t.experiments, combo).map { "\($0.id)=\($0.arms[$1].name)" }.joined(separator: ", ")
            choices.append(Choice(label: label, changes: [(path: ["id"], value: .string("preview-arms-\(n)"))]))
        }
        return Dimension(name: "experiments", choices: choices, survivesDefaultContent: false)
    }

    /// The blocks a template can place: each slot's candidates and its fallback.
    static func candidates(of t: TemplateDefinition, in catalog: Catalog) -> [BlockDefinition] {
        var seen = Set<String>()
        var out: [BlockDefinition] = []
        for s in t.slots {
            var list = catalog.candidates(for: s)
            if let f = s.fallback, let b = catalog.block(f) { list.append(b) }
            for b in list where seen.insert(b.id).inserted { out.append(b) }
        }
        return out
    }

    /// `recipient.profile.cart.size` → `profile.cart`; loop and subscript suffixes dropped.
    static func normalized(_ paths: [String]) -> [String] {
        var out: [String] = []
        for p in paths where p.hasPrefix("recipient.") {
            var parts: [String] = []
            for raw in p.dropFirst("recipient.".count).split(separator: ".") {
                let s = String(raw)
                if let bracket = s.firstIndex(of: "[") {
                    let head = String(s[..<bracket])
                    if !head.isEmpty { parts.append(head) }
                    break
                }
                parts.append(s)
            }
            while parts.count > 1, ["size", "first", "last"].contains(parts.last!) { parts.removeLast() }
            if !parts.isEmpty, !out.contains(parts.joined(separator: ".")) { out.append(parts.joined(separator: ".")) }
        }
        return out
    }

    /// Quoted strings and numbers in a condition (and each number's neighbours, for `>`/`<`).
    static func literals(_ source: String) -> [Value] {
        var out: [Value] = []
        let scalars = Array(source)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\"" || c == "'" {
                var j = i + 1
                while j < scalars.count, scalars[j] != c { j += 1 }
                out.append(.string(String(scalars[(i + 1)..<min(j, scalars.count)])))
                i = j + 1
            } else if c.isNumber, i == 0 || !(scalars[i - 1].isLetter || scalars[i - 1] == "_" || scalars[i - 1] == ".") {
                var j = i
                while j < scalars.count, scalars[j].isNumber { j += 1 }
                if let n = Int(String(scalars[i..<j])) { out += [.int(n - 1), .int(n), .int(n + 1)] }
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    /// The segment names a condition tests, and whether `contains "name"` is its only use of segments.
    static func segmentLiterals(_ source: String) -> ([String], Bool) {
        let pattern = #"recipient\.segments(\s+contains\s+("([^"]*)"|'([^']*)'))?"#
        guard let re = try? NSRegularExpression(pattern: pattern) else { return ([], false) }
        var names: [String] = []
        var ok = true
        let ns = source as NSString
        for m in re.matches(in: source, range: NSRange(location: 0, length: ns.length)) {
            if m.range(at: 1).location == NSNotFound { ok = false; continue }
            let r = m.range(at: 3).location != NSNotFound ? m.range(at: 3) : m.range(at: 4)
            names.append(ns.substring(with: r))
        }
        return (names, ok)
    }

    /// One value per distinct outcome of the conditions that read `path`; seen values first.
    static func plainDimension(
        _ path: String, reads: [(block: BlockDefinition, paths: [String])], guardEquals: [String],
        samples: [RecipientRecord], persona: Value
    ) -> Dimension {
        let keyPath = path.split(separator: ".").map(String.init)
        let readers = reads.filter { $0.paths.contains(path) }.map(\.block)
        var values: [Value?] = []
        var seen = Set<String>()
        func add(_ v: Value?) { if seen.insert(v?.jsonText ?? "<absent>").inserted { values.append(v) } }
        for r in samples { add(r.value.value(at: keyPath)) }
        for b in readers { for l in literals(b.whenSource ?? "") { add(l) } }
        for e in guardEquals { add(e == "true" ? .bool(true) : e == "false" ? .bool(false) : Int(e).map(Value.int) ?? .string(e)) }
        add(nil)
        add(.string(""))
        var classes = Set<String>()
        var choices: [Choice] = []
        for v in values {
            let record = persona.setting(keyPath, to: v)
            var key = readers.map { b in Self.holds(b, record) ? "1" : "0" }.joined()
            let text = v.flatMap { RecipientFacts.text($0) }
            key += "|" + guardEquals.map { text == $0 ? "1" : "0" }.joined()
            if classes.insert(key).inserted {
                choices.append(Choice(label: "\(path)=\(Self.short(v))", changes: [(keyPath, v)]))
            }
        }
        return Dimension(name: path, choices: choices, survivesDefaultContent: true)
    }

    /// Locale and market together: the pairs seen, the brand's markets with their locales, and
    /// market names conditions compare with.
    static func place(
        _ t: TemplateDefinition, reads: [(block: BlockDefinition, paths: [String])], brand: Brand, samples: [RecipientRecord], persona: Value
    ) -> Dimension {
        var pairs: [(String?, String?)] = []
        var seen = Set<String>()
        func add(_ l: String?, _ m: String?) { if seen.insert("\(l ?? "-")|\(m ?? "-")").inserted { pairs.append((l, m)) } }
        for r in samples { add(r.string("locale"), r.string("market")) }
        for m in brand.facts.markets { for l in m.locales { add(l, m.id) } }
        for (b, paths) in reads where paths.contains("market") {
            for case .string(let m) in literals(b.whenSource ?? "") { add(brand.facts.defaultLocale, m) }
        }
        let choices = pairs.map { (l, m) in
            Choice(label: "locale=\(l ?? "-") market=\(m ?? "-")", changes: [(["locale"], l.map(Value.string)), (["market"], m.map(Value.string))])
        }
        return Dimension(name: "place", choices: choices, survivesDefaultContent: true)
    }

    /// `decision.action` and `decision.offer`: they rank blocks tagged with them first and may be
    /// read by conditions. Values: the templates' actions, the values seen, condition literals;
    /// pairs that tag the same candidates and decide the same conditions are one case.
    static func decision(
        _ t: TemplateDefinition, allActions: [String], acceptedTags: Set<String>, candidates: [BlockDefinition],
        reads: [(block: BlockDefinition, paths: [String])],
        samples: [RecipientRecord], persona: Value
    ) -> Dimension {
        var actions: [String?] = t.actions
        var offers: [String?] = []
        for r in samples { actions.append(r.string("decision", "action")); offers.append(r.string("decision", "offer")) }
        let readers = reads.filter { !$0.paths.filter { decisionPaths.contains($0) }.isEmpty }.map(\.block)
        for b in readers { for case .string(let s) in literals(b.whenSource ?? "") { offers.append(s); actions.append(s) } }
        // Every action some template serves is a declared decision value; so are `when` literals
        // and block tags that no slot accepts (labels such as `free_shipping` name offers).
        actions += allActions.map { Optional($0) }
        offers += Set(candidates.flatMap(\.tags)).subtracting(acceptedTags).subtracting(["default"]).sorted().map { Optional($0) }
        actions.append(nil); offers.append(nil)
        func unique(_ xs: [String?]) -> [String?] {
            var seen = Set<String>()
            return xs.filter { seen.insert($0 ?? "<absent>").inserted }
        }
        let slotCandidates = t.slots.map { s in candidates.filter { $0.slot == s.name } }
        var classes = Set<String>()
        var choices: [Choice] = []
        for a in unique(actions) {
            for o in unique(offers) {
                let decided = [a, o].compactMap { $0 }
                // Per slot: a decided tag only reorders a slot when it marks some candidates and not all.
                let tagged = slotCandidates.map { list -> String in
                    let marked = list.filter { b in decided.contains(where: b.has(tag:)) }
                    return marked.count == list.count ? "" : marked.map(\.id).sorted().joined(separator: ",")
                }.joined(separator: ";")
                let record = persona.setting(["decision", "action"], to: a.map(Value.string)).setting(["decision", "offer"], to: o.map(Value.string))
                let key = tagged + "|" + readers.map { Self.holds($0, record) ? "1" : "0" }.joined()
                if classes.insert(key).inserted {
                    choices.append(
                        Choice(
                            label: "action=\(a ?? "-") offer=\(o ?? "-")",
                            changes: [(["decision", "action"], a.map(Value.string)), (["decision", "offer"], o.map(Value.string))]))
                }
            }
        }
        return Dimension(name: "decision", choices: choices, survivesDefaultContent: true)
    }

    /// Consent to personalization and holdout group: personalized, holdout, no consent (and an
    /// absent consent when a rule or condition tells it from `true`).
    static func modes(reads: [(block: BlockDefinition, paths: [String])], guardFields: [String: [String]], samples: [RecipientRecord]) -> [Choice] {
        let readPaths = Set(reads.flatMap(\.paths)).union(guardFields.keys)
        var consents: [Value?] = [.bool(true), .bool(false)]
        if readPaths.contains("consent.personalization") { consents.append(nil) }
        var groups: [String?] = ["treatment", "holdout"]
        if readPaths.contains("decision.group") {
            for r in samples { let g = r.string("decision", "group"); if !groups.contains(g) { groups.append(g) } }
        }
        var out: [Choice] = []
        for c in consents {
            for g in groups {
                out.append(
                    Choice(
                        label: "personalization=\(short(c)) group=\(g ?? "-")",
                        changes: [(["consent", "personalization"], c), (["decision", "group"], g.map(Value.string))]))
            }
        }
        return out
    }

    static func holds(_ b: BlockDefinition, _ record: Value) -> Bool {
        guard let when = b.when else { return true }
        return (try? when.evaluate(.object(LiquidObject([("recipient", record)])))) ?? false
    }

    /// The top-level record keys that survive default content only.
    static func keptKeys() -> Set<String> {
        let probe = ["id", "email", "locale", "market", "timezone", "consent", "segments", "decision", "profile", "events", "recommendations"]
        guard case .object(let o) = Assembler.withoutPersonalData(.object(LiquidObject(probe.map { ($0, Value.int(1)) }))) else { return [] }
        return Set(o.keys)
    }

    static func short(_ v: Value?) -> String {
        guard let v else { return "absent" }
        let t = v.jsonText
        return t.count > 40 ? String(t.prefix(37)) + "…" : t
    }
}
