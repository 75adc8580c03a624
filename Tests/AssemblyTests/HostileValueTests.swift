import Foundation
import TestSupport
import Testing

@testable import Assembly

/// A recipient whose values cannot be formatted is held with a reason naming the value's path,
/// and the run goes on with the next record (a trap here used to end the whole run).
@Suite struct HostileValueTests {
    static func recommendation(price: String) -> String {
        #","recommendations":[{"sku":"x","name":"Boot","price":\#(price),"url":"https://www.larchwood.com/p/x","image":"https://www.larchwood.com/i/x.jpg"}]"#
    }

    @Test func unformattablePricesHoldTheRecipientNamingThePath() {
        let cases = [
            (#""nan""#, "money: 'nan' is not a finite amount (reading 'item.price')"),
            (#""inf""#, "money: 'inf' is not a finite amount (reading 'item.price')"),
            ("1e400", "money: 'inf' is not a finite amount (reading 'item.price')"),
            ("1e17", "money: 1e+17 is beyond the largest amount money formats (92,233,720,368,547,758.07) (reading 'item.price')"),
        ]
        for (price, detail) in cases {
            let r = Fixture.render(Fixture.welcome(Self.recommendation(price: price)))
            #expect(r.status == .held, "\(price)")
            #expect(r.has("liquid.error", detail), "\(price): \(r.reasons)")
            #expect(r.html.isEmpty)
        }
    }

    @Test func extremeButFormattablePricesRender() {
        for (price, shown) in [("-0.0", "$0.00"), (#""92233720368547758.07""#, "$92,233,720,368,547,758.07"), ("1e15", "$1,000,000,000,000,000.00")] {
            let r = Fixture.render(Fixture.welcome(Self.recommendation(price: price)))
            #expect(r.status == .rendered, "\(price): \(r.reasons)")
            #expect(r.html.contains(shown), "\(price)")
        }
    }

    @Test func theRunGoesOnAfterAHeldRecord() throws {
        let lines = [
            Fixture.welcome(Self.recommendation(price: #""nan""#), id: "h1"),
            Fixture.welcome(Self.recommendation(price: "1e17"), id: "h2"),
            Fixture.welcome(Self.recommendation(price: "12.5"), id: "ok"),
        ]
        let out = try RunTests.run(lines.joined(separator: "\n") + "\n")
        let records = try out.split(separator: 0x0A).map { try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) }
        #expect(records.map { $0["id"] as? String } == ["h1", "h2", "ok"])
        #expect(records.map { $0["status"] as? String } == ["held", "held", "rendered"])
    }
}
