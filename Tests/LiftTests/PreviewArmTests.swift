import BrandContext
import Catalog
import Foundation
import Preview
import Testing

/// `tessera preview` of a template with an experiment enumerates every arm: each permutation's
/// representative names its arms, and in arm `classic` the hero is always the classic block.
@Suite struct PreviewArmTests {
    @Test func previewEnumeratesThePermutationsOfEachArm() throws {
        let f = try LiftFixture()
        defer { f.remove() }
        let brand = try #require(BrandLoader.load(directory: f.project.appendingPathComponent("brand")).brand)
        let catalog = try #require(CatalogLoader.load(project: f.project, brand: brand).catalog)
        let now = try #require(ISO8601DateFormatter().date(from: LiftFixture.now))
        let r = try PreviewBuilder.build(
            PreviewOptions(template: "welcome", segments: ["vip"], now: now, recipients: [], recipientsSource: "none", lint: []),
            brand: brand, catalog: catalog)
        let personalized = r.permutations.filter { $0.personalized.contains(true) }
        let classic = personalized.filter { $0.representativeCases.contains("hero-test=classic") }
        let member = personalized.filter { $0.representativeCases.contains("hero-test=member") }
        #expect(!classic.isEmpty && !member.isEmpty, "permutations by arm: classic \(classic.count), member \(member.count)")
        for p in classic { #expect(p.blocks.first == "hero-welcome", "\(p.id) in arm classic: \(p.blocks)") }
        #expect(member.contains { $0.blocks.contains("hero-welcome-member") }, "no member permutation shows the member hero")
    }
}
