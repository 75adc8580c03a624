import Foundation
import Testing

@testable import BrandContext

/// Each kind of user error, reported at its file:line:col with what was expected.
@Suite struct ValidationErrorTests {
    /// Breaks the shipped brand in one place and returns the load result and the place.
    func breaking(_ file: String, _ old: String, with new: String, after anchor: String? = nil)
        throws -> (BrandLoadResult, line: Int, column: Int)
    {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        let (line, column) = try fixture.replace(file, old, with: new, after: anchor)
        let result = fixture.load()
        #expect(result.brand == nil, "a broken brand yields no Brand")
        return (result, line, column)
    }

    @Test func malformedYAML() throws {
        let (result, line, _) = try breaking("claims.yaml", "  - id: ember-packable\n", with: "  - id: ember-packable\n   bad: [unclosed\n")
        let error = try #require(result.errors.first)
        #expect(error.location.file == "brand/claims.yaml")
        #expect(error.location.line >= line + 1)
        #expect(error.message.hasPrefix("malformed YAML"))
    }

    @Test func unknownKeyWithDidYouMean() throws {
        let (result, line, column) = try breaking("claims.yaml", "valid_until: 2027-01-31", with: "valid_untill: 2027-01-31")
        let error = try #require(result.errors(at: "claims.yaml", line: line).first)
        #expect(error.location.column == column)
        #expect(error.description.hasPrefix("brand/claims.yaml:\(line):\(column): error: unknown key 'valid_untill'"))
        #expect(error.message.contains("(did you mean 'valid_until'?)"))
    }

    @Test func unknownKeyInBrandFile() throws {
        let (result, line, column) = try breaking("brand.yaml", "legal_name:", with: "legal_nme:")
        let error = try #require(result.errors(at: "brand.yaml", line: line).first)
        #expect(error.location.column == column)
        #expect(error.message.contains("did you mean 'legal_name'"))
    }

    @Test func wrongType() throws {
        let (result, line, column) = try breaking("brand.yaml", "max_per_message: 3", with: "max_per_message: plenty")
        let error = try #require(result.errors(at: "brand.yaml", line: line).first)
        #expect(error.location.column == column + "max_per_message: ".count)
        #expect(error.message.contains("expected a whole number"))
    }

    @Test func listWhereStringExpected() throws {
        let (result, line, _) = try breaking(
            "claims.yaml", "substantiation: Product spec PS-EMB-2024 (design sign-off)",
            with: "substantiation: [a, b]")
        #expect(
            result.errors(at: "claims.yaml", line: line).contains { $0.message.contains("expected a string") && $0.message.contains("found a list") })
    }

    @Test func duplicateClaimID() throws {
        let (result, line, column) = try breaking("claims.yaml", "- id: scree-weight", with: "- id: scree-grip")
        let error = try #require(result.errors(at: "claims.yaml", line: line).first)
        #expect(error.location.column == column + 2)
        #expect(error.message.contains("duplicate claim id 'scree-grip'"))
    }

    @Test func duplicateMarketAndUnknownAddressMarket() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        let duplicate = try fixture.replace("brand.yaml", "- id: CA", with: "- id: US")
        let address = try fixture.replace("brand.yaml", "- market: CA", with: "- market: CAN")
        let result = fixture.load()
        let error = try #require(result.errors(at: "brand.yaml", line: duplicate.line).first)
        #expect(error.location.column == duplicate.column + "- id: ".count)
        #expect(error.message.contains("duplicate market id 'US'"))
        #expect(result.errors(at: "brand.yaml", line: address.line).contains { $0.message.contains("unknown market 'CAN'") })
    }

    @Test func duplicateSignalPathAndBadMarketDefault() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        let path = try fixture.replace("guardrails.yaml", "{path: recipient.profile.gender,", with: "{path: recipient.profile.age,")
        let locale = try fixture.replace("brand.yaml", "default_locale: en-CA", with: "default_locale: en-US")
        let result = fixture.load()
        let error = try #require(result.errors(at: "guardrails.yaml", line: path.line).first)
        #expect(error.message.contains("duplicate signal path 'recipient.profile.age' (first defined at line \(path.line - 1))"))
        #expect(error.location.column == path.column + "{path: ".count)
        let market = try #require(result.errors(at: "brand.yaml", line: locale.line).first)
        #expect(market.message.contains("market 'CA' has default_locale 'en-US', which is not one of its locales"))
    }

    @Test func unknownDisclaimerReference() throws {
        let (result, line, column) = try breaking("claims.yaml", "disclaimers: [upf-rating]", with: "disclaimers: [upf-ratng]")
        let error = try #require(result.errors(at: "claims.yaml", line: line).first)
        #expect(error.location.column == column + "disclaimers: [".count)
        #expect(error.message.contains("unknown disclaimer 'upf-ratng' (did you mean 'upf-rating'?)"))
    }

    @Test func unknownClaimReference() throws {
        let (result, line, column) = try breaking("claims.yaml", "supersedes: free-shipping-us-75", with: "supersedes: free-shipping-us-57")
        let error = try #require(result.errors(at: "claims.yaml", line: line).first)
        #expect(error.location.column == column + "supersedes: ".count)
        #expect(error.message.contains("unknown claim 'free-shipping-us-57'"))
    }

    @Test func unknownMarketChannelAndLocale() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        let market = try fixture.replace("claims.yaml", "markets: [US]", with: "markets: [UK]")
        let channel = try fixture.replace("claims.yaml", "channels: [email]", with: "channels: [fax]")
        let locale = try fixture.replace("claims.yaml", "fr-CA: Le Stormline respire", with: "fr-FR: Le Stormline respire")
        let result = fixture.load()
        #expect(result.errors(at: "claims.yaml", line: market.line).contains { $0.message.contains("unknown market 'UK'") })
        #expect(result.errors(at: "claims.yaml", line: channel.line).contains { $0.message.contains("unknown channel 'fax'") })
        #expect(
            result.errors(at: "claims.yaml", line: locale.line).contains {
                $0.message.contains("unknown locale 'fr-FR'") && $0.location.column == locale.column
            })
    }

    @Test func invalidColour() throws {
        let (result, line, column) = try breaking("brand.yaml", "hex: \"#D9622B\"", with: "hex: \"#D9622G\"")
        let error = try #require(result.errors(at: "brand.yaml", line: line).first)
        #expect(error.location.column == column + "hex: ".count)
        #expect(error.message.contains("invalid colour '#D9622G'"))
        #expect(error.message.contains("#RRGGBB"))
    }

    /// A sender address goes into `From:` and `Reply-To:` of every message: one address, no more.
    @Test func senderAddressesAreOneAddressEach() throws {
        let (result, line, column) = try breaking(
            "brand.yaml", "reply_to: help@larchwood.com", with: "reply_to: \"help@larchwood.com, spam@example.com\"")
        let error = try #require(result.errors(at: "brand.yaml", line: line).first)
        #expect(error.location.column == column + "reply_to: ".count)
        #expect(error.message.contains("invalid email address 'help@larchwood.com, spam@example.com'"))
    }

    @Test func invalidDate() throws {
        let (result, line, column) = try breaking("claims.yaml", "valid_from: 2025-04-01", with: "valid_from: 2025-02-30")
        let error = try #require(result.errors(at: "claims.yaml", line: line).first)
        #expect(error.location.column == column + "valid_from: ".count)
        #expect(error.message.contains("invalid date '2025-02-30'"))
        #expect(error.message.contains("YYYY-MM-DD"))
    }

    @Test func validUntilBeforeValidFrom() throws {
        let (result, line, column) = try breaking("claims.yaml", "valid_until: 2025-10-14", with: "valid_until: 2025-09-14")
        let error = try #require(result.errors(at: "claims.yaml", line: line).first)
        #expect(error.location.column == column + "valid_until: ".count)
        #expect(error.message.contains("valid_until 2025-09-14 is before valid_from 2025-10-01"))
    }

    @Test func missingRequiredKey() throws {
        let (result, _, _) = try breaking("claims.yaml", "    substantiation: Company history (corporate records, incorporation 2009)\n", with: "")
        #expect(result.errors.contains { $0.message.contains("missing required key 'substantiation' in claim 'bc-founded'") })
    }

    @Test func unknownSignalClassInGuardrails() throws {
        let (result, line, column) = try breaking(
            "guardrails.yaml", "{path: recipient.profile.age, class: demographics}",
            with: "{path: recipient.profile.age, class: demographic}")
        let error = try #require(result.errors(at: "guardrails.yaml", line: line).first)
        #expect(error.location.column == column + "{path: recipient.profile.age, class: ".count)
        #expect(error.message.contains("did you mean 'demographics'"))
    }

    @Test func guardrailRuleWithUnknownAction() throws {
        let (result, line, _) = try breaking("guardrails.yaml", "drop_blocks_tagged: [loyalty_upgrade]", with: "drop_block_tagged: [loyalty_upgrade]")
        #expect(result.errors(at: "guardrails.yaml", line: line).contains { $0.message.contains("did you mean 'drop_blocks_tagged'") })
    }

    @Test func missingFile() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        try FileManager.default.removeItem(at: fixture.brand.appendingPathComponent("guardrails.yaml"))
        let result = fixture.load()
        #expect(result.errors.contains { $0.location.file == "brand/guardrails.yaml" && $0.message.contains("missing file") })
    }

    @Test func missingBrandFolder() {
        let result = BrandLoader.load(directory: URL(fileURLWithPath: "/nonexistent/brand"), displayPrefix: "brand")
        #expect(
            result.errors.map(\.description) == [
                "brand:1:1: error: brand folder not found: expected a folder with brand.yaml, claims.yaml, guardrails.yaml and voice/"
            ])
    }

    /// Every problem in one run, not only the first, in file order.
    @Test func reportsAllErrorsNotJustTheFirst() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        try fixture.replace("brand.yaml", "hex: \"#3C4043\"", with: "hex: grey")
        try fixture.replace("claims.yaml", "valid_until: 2027-01-31", with: "valid_untill: 2027-01-31")
        try fixture.replace("claims.yaml", "disclaimers: [upf-rating]", with: "disclaimers: [nope]")
        try fixture.replace("guardrails.yaml", "sensitivity: high", with: "sensitivity: extreme")
        try fixture.write("voice/Larchwood/Broken.yml", "extends: existance\nmessage: x\n")
        let result = fixture.load()
        let files = Set(result.errors.map(\.location.file))
        #expect(result.errors.count >= 5)
        #expect(files == ["brand/brand.yaml", "brand/claims.yaml", "brand/guardrails.yaml", "brand/voice/Larchwood/Broken.yml"])
        let places = result.diagnostics.map(\.location)
        #expect(places == places.sorted(), "diagnostics come in file order")
    }

    @Test func aBrokenListDoesNotCascade() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        let text = try fixture.text("brand.yaml")
        let start = try #require(text.range(of: "markets:\n"))
        let end = try #require(text.range(of: "channels:\n"))
        try fixture.write("brand.yaml", text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "markets: US and CA\n\n"))
        let result = fixture.load()
        #expect(result.errors.contains { $0.message.contains("expected a list for 'markets'") })
        #expect(!result.errors.contains { $0.message.contains("unknown market") }, "no error per claim for a list that failed")
    }

    @Test func garbageNeverCrashes() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        try fixture.write("brand.yaml", "- just\n- a list\n")
        try fixture.write("claims.yaml", "")
        try fixture.write("guardrails.yaml", "rules: {a: [1, {b: }]}\nsignals: 7\n")
        let result = fixture.load()
        #expect(result.brand == nil)
        #expect(result.errors.contains { $0.location.file == "brand/brand.yaml" && $0.message.contains("expected brand.yaml to be a mapping") })
        #expect(result.errors.contains { $0.location.file == "brand/claims.yaml" && $0.message.contains("empty file") })
        #expect(result.errors.contains { $0.location.file == "brand/guardrails.yaml" && $0.message.contains("expected a list") })
    }
}
