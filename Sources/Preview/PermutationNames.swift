/// What a person calls a permutation: the blocks that set it apart. Blocks every permutation of
/// the template has (the header, the legal footer) say nothing, so they are left out; the id
/// (`welcome-1a2b3c4d`) stays the stable key for files and baselines, not the name on the card.
package enum PermutationNames {
    /// id → "hero-vip + recs-grid"; a template with one permutation (nothing differs) is named
    /// by all of its blocks.
    package static func of(_ permutations: [PermutationPreview]) -> [String: String] {
        guard let first = permutations.first else { return [:] }
        let shared = permutations.dropFirst().reduce(Set(first.blocks)) { $0.intersection($1.blocks) }
        var names: [String: String] = [:]
        for p in permutations {
            let distinct = permutations.count > 1 ? p.blocks.filter { !shared.contains($0) } : p.blocks
            names[p.id] = distinct.isEmpty ? "only the shared blocks" : distinct.joined(separator: " + ")
        }
        return names
    }
}
