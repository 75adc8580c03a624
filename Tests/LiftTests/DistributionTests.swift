import Foundation
import Lift
import Testing

/// The distributions against values known independently (closed forms and tables).
@Suite struct DistributionTests {
    static func close(_ a: Double, _ b: Double, _ rel: Double = 1e-12) -> Bool { abs(a - b) <= rel * max(abs(a), abs(b)) }

    @Test func studentTMatchesClosedForms() {
        // dof 1 is Cauchy: P(T > t) = ½ − atan(t)/π; dof 2: P(T > t) = ½ − t / (2 √(2 + t²)).
        for t in [0.1, 1, 3, 40] {
            #expect(Self.close(StudentT(dof: 1).survival(t), 0.5 - atan(t) / Double.pi))
            #expect(Self.close(StudentT(dof: 2).survival(t), 0.5 - t / (2 * (2 + t * t).squareRoot())))
        }
        // Large dof tends to the normal: at 1e16 the normal tail itself.
        #expect(Self.close(StudentT(dof: 1e16).twoSidedTail(1.959963984540054), 0.05, 1e-12))
    }

    @Test func quantileInvertsTheCdf() {
        for dof in [1.0, 2.5, 9.3, 120, 4_000.7, 3_000_000] {
            for p in [0.5000001, 0.9, 0.975, 0.995, 0.9999999] {
                let t = StudentT(dof: dof)
                #expect(Self.close(t.cdf(t.quantile(p)), p, 1e-14), "dof \(dof) p \(p)")
            }
        }
        #expect(Self.close(StudentT(dof: 1).quantile(0.975), tan(Double.pi * 0.475)))
    }

    @Test func chiSquareMatchesClosedForms() {
        // dof 1: P(X > x) = erfc(√(x/2)); dof 2: e^(−x/2).
        for x in [0.01, 1, 7.5, 360] {
            #expect(Self.close(ChiSquare(dof: 1).survival(x), erfc((x / 2).squareRoot()), 1e-12))
            #expect(Self.close(ChiSquare(dof: 2).survival(x), exp(-x / 2), 1e-12))
        }
    }

    @Test func benjaminiHochbergStepsUp() {
        // m = 4: 0.01·4/1 = 0.04; 0.02·4/2 = 0.04; 0.03·4/3 = 0.04; 0.5·4/4 = 0.5.
        let adjusted = BenjaminiHochberg.adjust([0.5, 0.03, 0.01, 0.02])
        #expect(zip(adjusted, [0.5, 0.04, 0.04, 0.04]).allSatisfy { Self.close($0, $1) })
        #expect(BenjaminiHochberg.adjust([]) == [])
    }
}
