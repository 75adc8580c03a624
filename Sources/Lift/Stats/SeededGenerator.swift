import Foundation

/// A seeded pseudo-random generator (SplitMix64): the same seed gives the same sequence on every
/// machine, for `generate-conversions` and the statistical tests.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    package mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A standard normal draw (Box–Muller; one of the pair is discarded, which keeps the
    /// sequence a plain function of the draw count).
    package mutating func normal() -> Double {
        let u = 1 - unit(), v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
