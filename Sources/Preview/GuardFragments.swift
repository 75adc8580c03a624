import BrandContext
import Catalog
import Foundation
import Liquid
import Policy

/// The guard rules (`brand/guardrails.yaml`) as enumeration inputs: which recipient events switch
/// each rule on, and which candidate blocks it would then drop. Segment and field conditions are
/// left to the segment and plain-path dimensions (their names and values are collected here).
enum GuardFragments {
    /// Field conditions: path below `recipient` → the values compared with.
    static func fieldPaths(_ g: Guardrails) -> [String: [String]] {
        var out: [String: [String]] = [:]
        func walk(_ c: GuardrailCondition) {
            switch c {
            case .field(let path, let equals):
                let p = path.hasPrefix("recipient.") ? String(path.dropFirst("recipient.".count)) : path
                out[p, default: []].append(equals)
            case .any(let cs), .all(let cs): cs.forEach(walk)
            case .not(let c): walk(c)
            case .event, .segment: break
            }
        }
        for r in g.rules { if let w = r.when { walk(w) } }
        return out
    }

    /// Segment names rule conditions test.
    static func segments(_ g: Guardrails) -> [String] {
        var out: [String] = []
        func walk(_ c: GuardrailCondition) {
            switch c {
            case .segment(let s): out.append(s)
            case .any(let cs), .all(let cs): cs.forEach(walk)
            case .not(let c): walk(c)
            case .event, .field: break
            }
        }
        for r in g.rules { if let w = r.when { walk(w) } }
        return out
    }

    /// Events that make a condition come out `want` (segment and field parts are neutral: other
    /// dimensions decide them). Base recipients have no events, so "no event" needs nothing.
    static func events(_ c: GuardrailCondition, want: Bool, now: Date) -> [Value] {
        switch c {
        case .event(let type, let within, let fields, let atLeast):
            guard want else { return [] }
            // An hour ago: inside any `within_days` window, never in the future.
            let at = ISO8601DateFormatter().string(from: now.addingTimeInterval(-3600))
            var pairs: [(String, Value)] = [("type", .string(type)), ("at", .string(at))]
            for (k, v) in fields.sorted(by: { $0.key < $1.key }) { pairs.append((k, .string(v))) }
            _ = within
            return Array(repeating: .object(LiquidObject(pairs)), count: max(1, atLeast))
        case .segment, .field: return []
        case .any(let cs):
            if want { return cs.lazy.map { events($0, want: true, now: now) }.first { !$0.isEmpty } ?? [] }
            return cs.flatMap { events($0, want: false, now: now) }
        case .all(let cs):
            if want { return cs.flatMap { events($0, want: true, now: now) } }
            return cs.lazy.map { events($0, want: false, now: now) }.first { !$0.isEmpty } ?? []
        case .not(let c): return events(c, want: !want, now: now)
        }
    }

    /// Every combination of the rules that events switch on and that can change this template's
    /// selection, one case per distinct effect. Suppressing rules are left out: they produce no
    /// message, so no permutation.
    static func dimension(_ g: Guardrails, candidates: [BlockDefinition], now: Date) -> (dimension: Dimension, notes: [String]) {
        let signals = SignalIndex(guardrails: g)
        var notes: [String] = []
        var rules: [(id: String, events: [Value], effect: Set<String>)] = []
        for r in g.rules {
            guard let w = r.when else { continue }
            let on = events(w, want: true, now: now)
            if on.isEmpty { continue }
            let effect: Set<String>
            switch r.then {
            case .suppress: continue
            case .dropBlocksTagged(let tags):
                effect = Set(candidates.filter { b in tags.contains(where: b.has(tag:)) }.map(\.id))
            case .dropBlocksReading(let cls):
                effect = Set(candidates.filter { b in
                    cls == "personal" ? !signals.personalClasses(of: b).isEmpty : signals.classes(of: b).contains { $0.id == cls }
                }.map(\.id))
            default:
                effect = ["rule:" + r.id]
            }
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
