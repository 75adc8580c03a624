import BrandContext
import Foundation
import Policy
import Service
import TestSupport
import Testing

/// The Service operations behind `check_claims` and `lint_copy`, in process, on the shipped brand.
@Suite struct DraftCheckTests {
    static let project: Project = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("draft-check-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        switch Project.load(root: Corpus.packageRoot, database: dir.appendingPathComponent("context.sqlite")) {
        case .success(let p): return p
        case .failure(let f): fatalError("the shipped project does not load: \(f)")
        }
    }()
    static let day = CalendarDate("2026-11-23")!

    @Test func claimsOutOfTheirWindowOrMarketAreNamedSo() throws {
        let text = "Save 25% on all outerwear during the Fall Gear Up event.\nFree shipping on orders of $99 or more.\nThe best boots."
        let sentences = try Self.project.checkClaims(text, DraftScope(market: "US", channel: "email", on: Self.day))
        let statuses = sentences.map { "\($0.claimID ?? "-"):\($0.status.rawValue)" }
        #expect(statuses == ["fall-outerwear-sale-2025:expired", "free-shipping-ca-99:wrong-market", "-:unapproved"])
        #expect(sentences[1].requiredDisclaimers.map(\.id) == ["free-shipping-ca"])
    }

    @Test func aClaimReplacedHereAndNowIsSupersededNamingItsReplacement() throws {
        let text = "Free shipping on orders of $75 or more."
        let sentences = try Self.project.checkClaims(text, DraftScope(market: "US", channel: "email", on: Self.day))
        #expect(sentences.map { "\($0.claimID ?? "-"):\($0.status.rawValue)" } == ["free-shipping-us-75:superseded"])
        let lint = try Self.project.lintCopy(text + "\n", format: .text, scope: DraftScope(market: "US", channel: "email", on: Self.day))
        let f = lint.findings.first { $0.rule == "claims.superseded" }
        #expect(f?.message.contains("replaced by 'free-shipping-us-50-holiday'") == true, "\(lint.findings)")
        let after = try Self.project.checkClaims(text, DraftScope(market: "US", channel: "email", on: CalendarDate("2027-01-04")!))
        #expect(after.map(\.status) == [.approved])
    }

    @Test func approvedWordingIsFoundAcrossLineBreaksAndCase() throws {
        let text = "the stormline 3L rain jacket has a 20,000 mm\nwaterproof rating and fully taped seams"
        let sentences = try Self.project.checkClaims(text, DraftScope(market: "CA", channel: "page", on: Self.day))
        #expect(sentences.map(\.claimID) == ["stormline-waterproof-20k"])
        #expect(sentences.map(\.status) == [.approved])
    }

    @Test func markdownEmphasisDoesNotHideAClaim() throws {
        let result = try Self.project.lintCopy(
            "Get **free** shipping on everything.\n", format: .markdown, scope: DraftScope(market: "US", channel: "email"))
        let unapproved = result.findings.filter { $0.rule == "claims.unapproved" }
        #expect(unapproved.count == 1)
        #expect(unapproved.first?.line == 1)
        #expect(unapproved.first?.column == 7)
    }

    @Test func mjmlWithASlotIsLintedAsABlockWithTheCreepinessRules() throws {
        let mjml = "<mj-section><mj-column><mj-text>How is the knee, {{ recipient.profile.injury_flag }}?</mj-text></mj-column></mj-section>\n"
        let result = try Self.project.lintCopy(mjml, format: .mjml, scope: DraftScope(locale: "en-US"), slot: "hero")
        #expect(result.findings.contains { $0.rule == "creepy.sensitive-signal" && $0.line == 1 })
        #expect(throws: ServiceError.self) { try Self.project.lintCopy(mjml, format: .mjml, scope: DraftScope(), slot: "heroo") }
    }

    @Test func unknownContextIsAnErrorNamingTheArgument() {
        do {
            _ = try Self.project.checkClaims("x", DraftScope(market: "UK", channel: "email"))
            Issue.record("expected an error")
        } catch {
            #expect(error.location == "market")
            #expect(error.message.contains("unknown market 'UK'"))
        }
    }
}
