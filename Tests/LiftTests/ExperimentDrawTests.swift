import Assembly
import BrandContext
import Catalog
import Diagnostics
import Foundation
import Lift
import TestSupport
import Testing

/// The arm draw: deterministic, split as declared, independent of the holdout draw, and the
/// front matter that declares it is checked with file:line:col errors.
@Suite struct ExperimentDrawTests {
    static func experiment(_ id: String, weights: [Double]) -> ExperimentDefinition {
        ExperimentDefinition(
            id: id, slot: "hero", arms: weights.enumerated().map { ExperimentArm(name: "a\($0)", weight: $1, blocks: ["b"], tags: []) },
            location: SourceLocation(file: "t", line: 1, column: 1))
    }

    /// 2×2 table of 200,000 ids: holdout (5% of the welcome draw) against a 50/50 arm. Pearson's
    /// chi-square of independence (1 dof) must not reject at 0.001.
    @Test func armDrawIsIndependentOfTheHoldoutDraw() {
        let e = Self.experiment("hero-test", weights: [1, 1])
        var table = [[0, 0], [0, 0]]
        for i in 0..<200_000 {
            let id = "r\(i)"
            table[Holdout.isHeldOut(id: id, template: "welcome", percent: 5) ? 1 : 0][e.armIndex(recipient: id)] += 1
        }
        let n = 200_000.0
        var x = 0.0
        for r in 0..<2 {
            for c in 0..<2 {
                let expected = Double(table[r][0] + table[r][1]) * Double(table[0][c] + table[1][c]) / n
                x += (Double(table[r][c]) - expected) * (Double(table[r][c]) - expected) / expected
            }
        }
        let p = ChiSquare(dof: 1).survival(x)
        #expect(p > 0.001, "holdout × arm: \(table), chi-square p = \(p)")
        #expect(table[1][0] + table[1][1] > 9_000, "the holdout holds ~5%: \(table)")
    }

    /// 300 experiments (ids exp-0…) × 3,000 recipients, arms 30/70 (and 150 with 1/1/1): the SRM test at
    /// the default threshold (0.001) and at 0.05 flags no more than the level plus three standard
    /// errors; the draw is deterministic.
    @Test func armSharesMatchTheWeightsWithFewFalseAlarms() {
        let ids = (0..<3_000).map { "r\($0)" }
        for weights in [[30.0, 70.0], [1.0, 1.0, 1.0]] {
            var pValues: [Double] = []
            for k in 0..<(weights.count == 2 ? 300 : 150) {
                let e = Self.experiment("exp-\(k)", weights: weights)
                var counts = [Int](repeating: 0, count: weights.count)
                for id in ids { counts[e.armIndex(recipient: id)] += 1 }
                pValues.append(SampleRatio.pValue(observed: counts, weights: weights))
            }
            for alpha in [0.05, SampleRatioCheck.defaultThreshold] {
                let rate = Double(pValues.filter { $0 < alpha }.count) / Double(pValues.count)
                #expect(
                    rate <= alpha + 3 * (alpha * (1 - alpha) / Double(pValues.count)).squareRoot(),
                    "weights \(weights): false alarms at \(alpha): \(rate)")
            }
        }
        let e = Self.experiment("sticky", weights: [1, 1])
        #expect((0..<100).map { e.armIndex(recipient: "r\($0)") } == (0..<100).map { e.armIndex(recipient: "r\($0)") })
        #expect(ExperimentDefinition.draw(experiment: "a", recipient: "r1") != ExperimentDefinition.draw(experiment: "b", recipient: "r1"))
    }

    @Test func experimentErrorsNameFileLineAndColumn() throws {
        let bad = """
            experiments:
              - id: holdout
                slot: hero
                arms: [{name: a, blocks: [hero-welcome]}, {name: b, tags: [loyalty]}]
              - id: one-arm
                slot: main
                arms: [{name: a, blocks: [service-repairs]}]
              - id: nowhere
                slot: sidebar
                arms: [{name: a, tags: [x]}, {name: b, tags: [y]}]
              - id: typo
                slot: hero
                arms: [{name: a, blocks: [hero-welcom]}, {name: b, weight: 0, tags: [loyalty]}]

            """
        let f = try LiftFixture(experiments: bad)
        defer { f.remove() }
        let brand = try #require(BrandLoader.load(directory: f.project.appendingPathComponent("brand")).brand)
        let result = CatalogLoader.load(project: f.project, brand: brand)
        #expect(result.catalog == nil)
        let messages = result.diagnostics.map { "\($0.location.file):\($0.location.line):\($0.location.column): \($0.message)" }
        let expected = [
            "templates/welcome.mjml:11:9: experiment id 'holdout' is reserved",
            "templates/welcome.mjml:14:5: experiment 'one-arm' needs at least 2 arms",
            "templates/welcome.mjml:18:11: experiment 'nowhere': slot 'sidebar' is not one of this template's slots",
            "experiment 'typo': arm 'b' needs a weight above 0",
        ]
        for e in expected {
            #expect(messages.contains { $0.contains(e) }, "no diagnostic containing \"\(e)\" in:\n\(messages.joined(separator: "\n"))")
        }
    }
}
