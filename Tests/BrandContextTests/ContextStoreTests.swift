import Foundation
import Testing

@testable import BrandContext

@Suite struct ContextStoreTests {
    @Test func cacheHitWhenUnchangedRebuildWhenChanged() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        guard case .built(let first, _) = try ContextStore.build(brand: fixture.brand, database: fixture.database) else {
            Issue.record("first build should build"); return
        }
        guard case .upToDate(let same) = try ContextStore.build(brand: fixture.brand, database: fixture.database) else {
            Issue.record("unchanged brand should not rebuild"); return
        }
        #expect(same == first)
        try fixture.replace("voice/Larchwood/Hedging.yml", "  - truly\n", with: "  - truly\n  - totally\n")
        guard case .built(let changed, _) = try ContextStore.build(brand: fixture.brand, database: fixture.database) else {
            Issue.record("a changed voice rule should rebuild"); return
        }
        #expect(changed != first)
        let store = try ContextStore.openExisting(database: fixture.database)
        #expect(store.contentHash == changed)
    }

    @Test func invalidBrandThrowsAllErrorsAndKeepsOldDatabase() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        try ContextStore.build(brand: fixture.brand, database: fixture.database)
        try fixture.replace("claims.yaml", "valid_until: 2027-01-31", with: "valid_untill: 2027-01-31")
        try fixture.replace("brand.yaml", "hex: \"#1F4D3A\"", with: "hex: \"#1F4D3\"")
        #expect(throws: ContextBuildError.self) { try ContextStore.build(brand: fixture.brand, database: fixture.database) }
        do {
            try ContextStore.build(brand: fixture.brand, database: fixture.database, displayPrefix: "brand")
        } catch let error as ContextBuildError {
            #expect(error.diagnostics.filter { $0.severity == .error }.count == 2)
        }
        #expect(try ContextStore.openExisting(database: fixture.database).claims(ClaimQuery()).count >= 30)
    }

    @Test func sqlIsReadOnly() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        let store = try ContextStore.open(brand: fixture.brand, database: fixture.database)
        let palette = try store.query(sql: "SELECT name, hex FROM palette ORDER BY position LIMIT 1")
        #expect(palette.columns == ["name", "hex"])
        #expect(palette.rows == [["spruce", "#1F4D3A"]])
        for write in [
            "DELETE FROM claims", "DROP TABLE claims", "INSERT INTO meta VALUES ('a', 'b')",
            "CREATE TABLE x(y)", "ATTACH DATABASE ':memory:' AS m",
        ] {
            #expect(throws: (any Error).self) { try store.query(sql: write) }
        }
        let count = try store.query(sql: "SELECT count(*) FROM claims").rows
        #expect(count == [[String(try store.claims(ClaimQuery()).count)]], "writes refused, rows intact")
    }

    @Test func schemaHoldsEveryPartOfTheBrand() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        let store = try ContextStore.open(brand: fixture.brand, database: fixture.database)
        for table in [
            "brand_facts", "locales", "markets", "market_locales", "channels", "products", "postal_addresses",
            "palette", "fonts", "link_domains", "utm_parameters", "regulated_words", "disclaimers",
            "disclaimer_variants", "claims", "claim_variants", "claim_markets", "claim_channels",
            "claim_products", "claim_disclaimers", "claims_fts", "voice_rules", "vocabulary",
            "signal_classes", "signals", "event_signals", "guardrail_rules", "frequency_caps",
        ] {
            let n = try store.query(sql: "SELECT count(*) FROM \(table)").rows.first?.first ?? nil
            #expect((Int(n ?? "0") ?? 0) > 0, "\(table) is empty")
        }
        let rule = try store.query(sql: "SELECT condition, action, action_args FROM guardrail_rules WHERE id = 'negative-support-no-upsell'")
        #expect(rule.rows.first?[0]?.contains("\"support_ticket\"") == true)
        #expect(rule.rows.first?[1] == "drop_blocks_tagged")
    }
}
