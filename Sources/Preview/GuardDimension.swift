import BrandContext
import Catalog
import Foundation
import Liquid
import Policy

extension InputSpace {
    /// The guard rules that recipient events switch on and that can change this template's
    /// selection, in every combination, one case per distinct effect. Which events switch a rule
    /// on and which blocks it drops are Policy's reading of the rules (`GuardrailInputs`).
    /// Suppressing rules are left out: they produce no message, so no permutation.
    static func guardDimension(_ inputs: GuardrailInputs, candidates: [BlockDefinition], now: Date) -> (dimension: Dimension, notes: [String]) {
        var notes: [String] = []
        var rules: [(id: String, events: [Value], effect: Set<String>)] = []
        for (i, r) in inputs.rules.enumerated() {
            let on = inputs.events(switchingOn: i, now: now)
            if on.isEmpty || r.then == .suppress { continue }
            let effect = inputs.blocksDropped(byRule: i, among: candidates) ?? ["rule:" + r.id]
            if effect.isEmpty { continue }
            rules.append((r.id, on, effect))
        }
        if rules.count > 10 {
            notes.append("\(rules.count) guard rules can switch on: only each alone is enumerated")
        }
        var combos: [[Int]] = [[]]
        if rules.count <= 10 {
            for i in rules.indices { combos += combos.map { $0 + [i] } }
        } else {
            combos += rules.indices.map { [$0] }
        }
        var seen = Set<String>()
        var choices: [Choice] = []
        for combo in combos {
            let effect = combo.reduce(into: Set<String>()) { $0.formUnion(rules[$1].effect) }
            guard seen.insert(effect.sorted().joined(separator: ",")).inserted else { continue }
            let label = combo.isEmpty ? "guard=none" : "guard=" + combo.map { rules[$0].id }.joined(separator: "+")
            choices.append(Choice(label: label, events: combo.flatMap { rules[$0].events }))
        }
        return (Dimension(name: "guard", choices: choices, survivesDefaultContent: false), notes)
    }
}
