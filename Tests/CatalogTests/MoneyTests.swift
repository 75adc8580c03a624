import Liquid
import Testing

@testable import Catalog

/// `money` formats every amount an Int of cents holds exactly, and turns the rest into a render
/// error naming the value (the recipient is held) instead of a trap.
@Suite struct MoneyTests {
    func format(_ v: Value, _ currency: String? = nil) -> String {
        do { return try Money.format(v, currency: currency) } catch { return "error: \((error as? LiquidError)?.message ?? "\(error)")" }
    }

    @Test func ordinaryAmounts() {
        #expect(format(1234.5) == "$1,234.50")
        #expect(format(189) == "$189.00")
        #expect(format("12.5") == "$12.50")
        #expect(format(-3.5, "EUR") == "-EUR 3.50")
        #expect(format("not a price") == "not a price")
        #expect(format(.null) == "")
    }

    @Test func negativeZeroAndTinyNegativesPrintAsZero() {
        #expect(format(.double(-0.0)) == "$0.00")
        #expect(format("-0") == "$0.00")
        #expect(format(-0.001) == "$0.00")
    }

    @Test func nonFiniteAmountsAreErrors() {
        #expect(format("nan") == "error: 'nan' is not a finite amount")
        #expect(format("inf") == "error: 'inf' is not a finite amount")
        #expect(format("-Infinity") == "error: '-Infinity' is not a finite amount")
        #expect(format(.double(.nan)) == "error: 'nan' is not a finite amount")
        #expect(format(.double(.infinity)) == "error: 'inf' is not a finite amount")
    }

    @Test func amountsUpToIntCentsAreExact() {
        #expect(format("92233720368547758.07") == "$92,233,720,368,547,758.07")
        #expect(format("-92233720368547758.08") == "-$92,233,720,368,547,758.08")
        #expect(format(92_233_720_368_547_758) == "$92,233,720,368,547,758.00")
        #expect(format(.int(-92_233_720_368_547_758)) == "-$92,233,720,368,547,758.00")
        #expect(format(1e15) == "$1,000,000,000,000,000.00")
    }

    @Test func largerAmountsAreErrors() {
        let beyond = "is beyond the largest amount money formats (92,233,720,368,547,758.07)"
        #expect(format("92233720368547758.08") == "error: 92233720368547758.08 \(beyond)")
        #expect(format(1e17) == "error: 1e+17 \(beyond)")
        #expect(format("1e17") == "error: 1e17 \(beyond)")
        #expect(format(.int(Int.max)) == "error: 9223372036854775807 \(beyond)")
        #expect(format(.int(Int.min)) == "error: -9223372036854775808 \(beyond)")
    }
}
