import Assembly
import BrandContext
import Catalog
import Foundation
import Liquid

/// One block permutation found by enumeration: the first representative recipient that reached
/// it and the segment-literal sets it was reached with.
struct EnumeratedPermutation {
    var blocks: [String]
    var representative: Value
    var representativeLabel: String
    /// Sorted, comma-joined literal segment sets the permutation was reached with.
    var segmentSets: Set<String>
    var personalized: Set<Bool>
}

/// Runs the real selection (Assembler, guard included) on representative recipients built from
/// every combination of an `InputSpace`'s cases, and collects the distinct block lists.
struct Enumerator {
    let assembler: Assembler
    let template: TemplateDefinition
    let space: InputSpace
    let persona: Value
    /// Upper bound on selections run (the product of the cases is reported when it is cut).
    var budget = 2_000_000
    /// Segments every representative has besides the literal ones (a segment enumerated on its
    /// own when conditions read segments other than by literal name).
    var baseSegments: [String] = []

    struct Result {
        var permutations: [EnumeratedPermutation]
        var representatives: Int
        var truncated: Bool
        var seconds: Double
    }

    func run() -> Result {
        let started = Date()
        var found: [String: Int] = [:]
        var perms: [EnumeratedPermutation] = []
        var count = 0
        var truncated = false
        outer: for mode in space.modes {
            let base = apply([mode], to: persona)
            let probe = assembler.selectOnly(RecipientRecord(value: base, id: persona.value(at: ["id"])?.stringValue ?? "preview"))
            guard probe.template == template.id, probe.status != .suppressed else { continue }
            let dims = probe.personalized ? space.dimensions : space.dimensions.filter(\.survivesDefaultContent)
            let radices = dims.map(\.choices.count)
            if radices.contains(0) { continue }
            var digits = Array(repeating: 0, count: dims.count)
            // levels[k]: the persona with the mode and the first k dimensions' cases applied.
            // Only the levels after the lowest changed digit are rebuilt (the last one, mostly).
            var levels = [base] + Array(repeating: base, count: dims.count)
            var changedFrom = 0
            while true {
                if count >= budget { truncated = true; break outer }
                count += 1
                for k in changedFrom..<dims.count { levels[k + 1] = apply([dims[k].choices[digits[k]]], to: levels[k]) }
                let record = levels[dims.count]
                let outcome = assembler.selectOnly(RecipientRecord(value: record, id: record.value(at: ["id"])?.stringValue ?? "preview"))
                if outcome.status == .rendered, outcome.template == template.id {
                    let key = outcome.blocks.joined(separator: "\u{1}")
                    let segs =
                        (record.value(at: ["segments"]).flatMap { v -> [String]? in
                            if case .array(let a) = v { return a.compactMap(\.stringValue) } else { return nil }
                        } ?? []).filter { space.segmentLiterals.contains($0) }.sorted().joined(separator: ",")
                    if let i = found[key] {
                        perms[i].segmentSets.insert(segs)
                        perms[i].personalized.insert(outcome.personalized)
                    } else {
                        found[key] = perms.count
                        let labels = [mode.label] + zip(dims, digits).map { $0.choices[$1].label }
                        perms.append(
                            EnumeratedPermutation(
                                blocks: outcome.blocks, representative: record,
                                representativeLabel: labels.joined(separator: "; "),
                                segmentSets: [segs], personalized: [outcome.personalized]))
                    }
                }
                // Next combination (mixed radix, last dimension fastest).
                var i = dims.count - 1
                while i >= 0 {
                    digits[i] += 1
                    if digits[i] < radices[i] { break }
                    digits[i] = 0
                    i -= 1
                }
                if i < 0 { break }
                changedFrom = i
            }
        }
        return Result(permutations: perms, representatives: count, truncated: truncated, seconds: Date().timeIntervalSince(started))
    }

    /// The persona with each choice applied in order (events appended, segments replaced).
    func apply(_ choices: [Choice], to base: Value) -> Value {
        var v = base
        for c in choices {
            for (path, value) in c.changes { v = v.setting(path, to: value) }
            if !c.events.isEmpty {
                var events: [Value] = []
                if case .array(let a)? = v.value(at: ["events"]) { events = a }
                v = v.setting(["events"], to: .array(events + c.events))
            }
            if let s = c.segments { v = v.setting(["segments"], to: .array((baseSegments + s).map(Value.string))) }
        }
        return v
    }

    /// Product of the dimensions' case counts per mode (what a run will try).
    static func size(_ space: InputSpace) -> Int {
        space.dimensions.reduce(1) { $0 * max(1, $1.choices.count) } * max(1, space.modes.count)
    }
}
