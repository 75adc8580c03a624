/// Benjamini–Hochberg adjusted p-values (the step-up false-discovery-rate procedure):
/// sorted ascending, p₍ᵢ₎ · m / i, made monotone from the largest down and capped at 1.
package enum BenjaminiHochberg {
    package static func adjust(_ p: [Double]) -> [Double] {
        let m = p.count
        guard m > 0 else { return [] }
        let order = p.indices.sorted { p[$0] < p[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            let i = order[rank - 1]
            running = min(running, p[i] * Double(m) / Double(rank))
            adjusted[i] = min(running, 1)
        }
        return adjusted
    }
}
