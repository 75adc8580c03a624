import BrandContext
import Diagnostics
import Yams

/// Reads a template's `experiments:` list: ids and arm names are tokens (they are journaled as
/// `experiment=arm` items), `holdout` is reserved, the slot is the template's, each arm has a
/// positive weight (default 1) and allows some blocks or tags, and a slot has one experiment.
struct ExperimentReader {
    let reader: MappingReader
    let slots: [SlotDefinition]

    func read() -> [ExperimentDefinition] {
        guard let v = reader.value("experiments") else { return [] }
        guard case .sequence(let items) = v else {
            reader.error(v, "'experiments' must be a list of {id, slot, arms}")
            return []
        }
        var out: [ExperimentDefinition] = []
        for node in items {
            guard let r = MappingReader(node, in: reader.source, what: "an experiment", allowed: CatalogLoader.experimentKeys) else { continue }
            guard let id = r.string("id", required: true), token(id, "experiment id", r.value("id")) else { continue }
            if id == ExperimentDefinition.holdoutID {
                r.error(r.value("id"), "experiment id 'holdout' is reserved for the holdout draw: choose another"); continue
            }
            if out.contains(where: { $0.id == id }) { r.error(r.value("id"), "experiment '\(id)' is declared twice"); continue }
            guard let slot = r.string("slot", required: true) else { continue }
            if !slots.contains(where: { $0.name == slot }) {
                r.error(
                    r.value("slot"),
                    "experiment '\(id)': slot '\(slot)' is not one of this template's slots\(Suggest.hint(for: slot, in: slots.map(\.name)))");
                continue
            }
            if let other = out.first(where: { $0.slot == slot }) {
                r.error(
                    r.value("slot"), "experiment '\(id)': slot '\(slot)' is already varied by experiment '\(other.id)' (one experiment per slot)");
                continue
            }
            let arms = readArms(r, experiment: id)
            guard arms.count >= 2 else {
                if arms.count == 1 || r.value("arms") == nil { r.error(node, "experiment '\(id)' needs at least 2 arms") }
                continue
            }
            out.append(ExperimentDefinition(id: id, slot: slot, arms: arms, location: reader.source.location(node)))
        }
        return out
    }

    private func readArms(_ r: MappingReader, experiment: String) -> [ExperimentArm] {
        guard let v = r.value("arms", required: true) else { return [] }
        guard case .sequence(let items) = v else {
            r.error(v, "experiment '\(experiment)': 'arms' must be a list of {name, weight, blocks or tags}"); return []
        }
        var arms: [ExperimentArm] = []
        var failed = false
        for node in items {
            guard let a = MappingReader(node, in: r.source, what: "an arm of experiment '\(experiment)'", allowed: CatalogLoader.armKeys),
                let name = a.string("name", required: true), token(name, "arm name", a.value("name"))
            else { failed = true; continue }
            if arms.contains(where: { $0.name == name }) {
                a.error(a.value("name"), "experiment '\(experiment)': arm '\(name)' is declared twice"); failed = true; continue
            }
            let weight = a.value("weight") == nil ? 1 : a.number("weight", range: 0...1e9)
            guard let weight else { failed = true; continue }
            if weight <= 0 { a.error(a.value("weight"), "experiment '\(experiment)': arm '\(name)' needs a weight above 0"); failed = true; continue }
            let blocks = a.stringOrList("blocks") ?? [], tags = a.stringOrList("tags") ?? []
            if blocks.isEmpty && tags.isEmpty {
                a.error(node, "experiment '\(experiment)': arm '\(name)' must list the 'blocks' or 'tags' it allows"); failed = true; continue
            }
            arms.append(ExperimentArm(name: name, weight: weight, blocks: blocks, tags: tags))
        }
        return failed ? [] : arms
    }

    /// Letters, digits, `-`, `_` and `.`: safe in the journal's space-separated `experiment=arm` lists.
    private func token(_ s: String, _ what: String, _ node: Node?) -> Bool {
        let ok =
            !s.isEmpty
            && s.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_.".unicodeScalars.contains($0)
            }
        if !ok { reader.error(node, "\(what) '\(s)' may only hold letters, digits, '-', '_' and '.'") }
        return ok
    }
}
