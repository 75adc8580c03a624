import Foundation
import Testing

@testable import BrandContext

/// Claim queries through the SQLite store, checked against the shipped brand's data and
/// against the typed model's own filter (both must agree).
@Suite(.serialized) struct ClaimQueryTests {
    static let fixture = try! BrandFixture(name: "tessera-claim-query-tests-\(getuid())")
    static let store = try! ContextStore.open(brand: fixture.brand, database: fixture.database)
    static let brand = BrandLoader.load(directory: fixture.brand).brand!

    let day = CalendarDate(year: 2026, month: 11, day: 23)

    func ids(_ query: ClaimQuery) throws -> [String] { try Self.store.claims(query).map(\.id) }

    /// Outside the holiday window, where no claim of the shipped brand replaces another.
    let ordinaryDay = CalendarDate(year: 2026, month: 10, day: 5)

    @Test func market() throws {
        let us = try ids(ClaimQuery(market: "US", on: ordinaryDay))
        let ca = try ids(ClaimQuery(market: "CA", on: ordinaryDay))
        #expect(us.contains("free-shipping-us-75") && !us.contains("free-shipping-ca-99"))
        #expect(ca.contains("free-shipping-ca-99") && !ca.contains("free-shipping-us-75"))
        #expect(ca.contains("bc-founded") && !us.contains("bc-founded"))
        #expect(us.contains("returns-60-days") && ca.contains("returns-60-days"), "no markets listed = every market")
    }

    @Test func channel() throws {
        let sms = try ids(ClaimQuery(channel: "sms", on: ordinaryDay))
        #expect(sms.contains("free-shipping-us-75"))
        #expect(!sms.contains("stormline-waterproof-20k"))
        #expect(sms.contains("returns-60-days"), "no channels listed = every channel")
    }

    @Test func locale() throws {
        let fr = try Self.store.claims(ClaimQuery(market: "CA", locale: "fr-CA", on: day))
        #expect(fr.first { $0.id == "free-shipping-ca-99" }?.text == "Livraison gratuite sur les commandes de 99 $ ou plus.")
        #expect(fr.first { $0.id == "free-shipping-ca-99" }?.disclaimers.first?.text.hasPrefix("Livraison standard gratuite") == true)
        #expect(!fr.contains { $0.id == "free-shipping-us-75" }, "no French text: not usable in fr-CA")
        let enCA = try Self.store.claims(ClaimQuery(locale: "en-CA", on: day))
        #expect(enCA.first { $0.id == "ridgeback-warmth-rating" }?.text.contains("-32°C") == true)
        #expect(enCA.first { $0.id == "returns-60-days" }?.locale == "en-US", "en-CA falls back to the en-US text")
    }

    @Test func date() throws {
        #expect(try ids(ClaimQuery(on: CalendarDate("2025-10-05"))).contains("fall-outerwear-sale-2025"))
        #expect(try ids(ClaimQuery(on: CalendarDate("2025-10-14"))).contains("fall-outerwear-sale-2025"), "valid_until is inclusive")
        #expect(!(try ids(ClaimQuery(on: CalendarDate("2025-10-15"))).contains("fall-outerwear-sale-2025")))
        #expect(!(try ids(ClaimQuery(on: day)).contains("stormline-pfas-free-2027")))
        #expect(try ids(ClaimQuery(on: CalendarDate("2027-03-01"))).contains("stormline-pfas-free-2027"), "valid_from is inclusive")
        #expect(!(try ids(ClaimQuery(on: day)).contains("cinder-mulesing-free")))
    }

    @Test func product() throws {
        let stormline = try ids(ClaimQuery(product: "stormline-jacket", on: day))
        #expect(stormline.contains("stormline-waterproof-20k"))
        #expect(!stormline.contains("scree-grip"))
        #expect(stormline.contains("returns-60-days"), "brand-wide claims fit any product")
    }

    @Test func search() throws {
        let waterproof = try ids(ClaimQuery(on: day, search: "waterproof"))
        #expect(waterproof == ["kindling-kids-waterproof", "stormline-waterproof-20k", "talus-waterproof-membrane"])
        #expect(try ids(ClaimQuery(on: day, search: "recycl nylon")) == ["stormline-recycled-shell"], "every word, prefix match")
        let fr = try ids(ClaimQuery(locale: "fr-CA", on: day, search: "impermeabilite"))
        #expect(fr.contains("stormline-waterproof-20k"), "accents ignored, searched in the French text")
        #expect(try ids(ClaimQuery(locale: "en-US", on: day, search: "imperméable")).isEmpty)
        #expect(try ids(ClaimQuery(search: "\"*)( ^:")).isEmpty, "FTS syntax in user text is harmless")
        #expect(try ids(ClaimQuery(on: day, search: "(waterproof AND")) == ["stormline-waterproof-20k"], "operators are plain words")
    }

    @Test func disclaimersFollowTheLocaleAsked() throws {
        for locale in ["en-US", "en-CA", "fr-CA"] {
            for claim in try Self.store.claims(ClaimQuery(locale: locale, on: day)) {
                for fine in claim.disclaimers {
                    let model = try #require(Self.brand.disclaimer(fine.id))
                    #expect(fine.text == model.text(for: locale, defaultLocale: "en-US"), "\(claim.id) \(fine.id) \(locale)")
                }
            }
        }
    }

    @Test func storeAndTypedModelAgree() throws {
        let queries = [
            ClaimQuery(on: day), ClaimQuery(market: "CA", locale: "fr-CA", on: day),
            ClaimQuery(market: "US", channel: "sms", on: CalendarDate("2025-10-05")),
            ClaimQuery(channel: "push", product: "scree-trail-runner", on: CalendarDate("2027-06-01")),
            ClaimQuery(), ClaimQuery(locale: "en-CA"),
            ClaimQuery(market: "US", on: CalendarDate("2026-12-01")), ClaimQuery(market: "US", channel: "push", on: CalendarDate("2026-12-01")),
        ]
        for query in queries {
            #expect(try ids(query) == Self.brand.claims(usableIn: query).map(\.id), "\(query)")
        }
    }

    @Test func unusableReasons() throws {
        let sale = try #require(Self.brand.claim("fall-outerwear-sale-2025"))
        #expect(sale.unusable(in: ClaimQuery(on: day), defaultLocale: "en-US") == .expired)
        let pfas = try #require(Self.brand.claim("stormline-pfas-free-2027"))
        #expect(pfas.unusable(in: ClaimQuery(on: day), defaultLocale: "en-US") == .notYetValid)
        let ship = try #require(Self.brand.claim("free-shipping-us-75"))
        #expect(ship.unusable(in: ClaimQuery(market: "CA"), defaultLocale: "en-US") == .market)
        #expect(ship.unusable(in: ClaimQuery(locale: "fr-CA"), defaultLocale: "en-US") == .locale)
    }

    @Test func aSupersedingClaimReplacesTheOtherWhileItIsUsable() throws {
        let holiday = CalendarDate("2026-12-01")!
        let during = try Self.store.claims(ClaimQuery(market: "US", channel: "email", on: holiday))
        #expect(during.contains { $0.id == "free-shipping-us-50-holiday" && $0.supersedes == "free-shipping-us-75" })
        #expect(!during.contains { $0.id == "free-shipping-us-75" }, "replaced while the holiday claim is usable")
        // Push is not a channel of the holiday claim: there the ordinary one still holds.
        #expect(try ids(ClaimQuery(market: "US", channel: "push", on: holiday)).contains("free-shipping-us-75"))
        #expect(try ids(ClaimQuery(market: "US", channel: "email", on: CalendarDate("2026-12-25"))).contains("free-shipping-us-75"))
        // A search that only the replaced claim matches still does not bring it back.
        #expect(try ids(ClaimQuery(market: "US", channel: "email", on: holiday, search: "75")) == [])
        let ship = try #require(Self.brand.claim("free-shipping-us-75"))
        let query = ClaimQuery(market: "US", channel: "email", on: holiday)
        #expect(Self.brand.unusable(ship, in: query) == .superseded)
        #expect(Self.brand.replacement(of: ship, in: query)?.id == "free-shipping-us-50-holiday")
        #expect(Self.brand.unusable(ship, in: ClaimQuery(market: "US", channel: "email")) == nil, "no day: nothing is replaced")
    }

    @Test func theHolidayClaimCitesFinePrintWithItsOwnThreshold() throws {
        let holiday = try #require(Self.brand.claim("free-shipping-us-50-holiday"))
        let fine = holiday.disclaimers.compactMap { Self.brand.disclaimer($0)?.text }
        #expect(fine.count == 1 && fine[0].contains("$50") && !fine[0].contains("$75"), "\(fine)")
    }
}
