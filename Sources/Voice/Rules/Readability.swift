import Foundation

/// `extends: readability` — the mean grade of the chosen readability metrics over the file's
/// summary, compared with `grade` (Vale's legacy type; twine's `summarize` formulas).
final class ReadabilityRule: ValeRule {
    static let known = ["Gunning Fog", "Coleman-Liau", "Flesch-Kincaid", "SMOG", "Automated Readability"]
    let def: RuleDefinition
    let metrics: [String]
    let grade: Double

    init(_ src: RuleSource, _ ctx: RuleContext) throws {
        try src.checkKeys(for: "readability")
        let d = try RuleDefinition(src)
        metrics = try src.list("metrics")
        grade = try src.double("grade", default: 0)
        // As in Vale, the scope becomes the summary only when every metric name is known.
        if metrics.allSatisfy(ReadabilityRule.known.contains) { d.scope = RuleScope(["summary"]) }
        def = d
    }

    func run(_ block: TextBlock, _ state: FileState) throws -> [RuleMatch] {
        let stats = try TextStats(block.text)
        guard stats.words > 0, stats.sentences > 0, !metrics.isEmpty else { return [] }
        // An unknown name counts in the mean as 0, as Vale's sum over the names does.
        let total = metrics.reduce(0.0) { $0 + (ReadabilityRule.score($1, stats) ?? 0) }
        let mean = total / Double(metrics.count)
        guard mean > grade else { return [] }
        return [finding(nil, match: "", args: [.string(String(format: "%.2f", mean))])]
    }

    /// One metric's grade, or nil for a name Vale does not know.
    static func score(_ name: String, _ s: TextStats) -> Double? {
        let words = Double(s.words), sentences = Double(s.sentences)
        switch name {
        case "Gunning Fog": return 0.4 * (words / sentences + 100 * Double(s.complexWords) / words)
        case "Coleman-Liau":
            return 0.0588 * (Double(s.characters) / words * 100) - 0.296 * (sentences / words * 100) - 15.8
        case "Flesch-Kincaid": return 0.39 * (words / sentences) + 11.8 * (Double(s.syllables) / words) - 15.59
        case "SMOG": return 1.0430 * (Double(s.polysyllabicWords) * 30 / sentences).squareRoot() + 3.1291
        case "Automated Readability": return 4.71 * (Double(s.characters) / words) + 0.5 * (words / sentences) - 21.43
        default: return nil
        }
    }
}
