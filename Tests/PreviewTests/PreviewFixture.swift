import Assembly
import BrandContext
import Catalog
import Foundation
import Policy
import TestSupport

@testable import Preview

/// The shipped example (brand, catalog, sample recipients) and previews of it, built once.
enum PreviewFixture {
    static let now = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!
    static let root = Corpus.packageRoot
    static let brand: Brand = BrandLoader.load(directory: root.appendingPathComponent("brand")).brand!
    static let catalog: Catalog = CatalogLoader.load(project: root, brand: brand).catalog!
    nonisolated(unsafe) static let sample: [RecipientRecord] = try! SampleReader.read(root.appendingPathComponent("examples/recipients.ndjson"))
        .records
    static let lint: [Finding] = Linter.run(LintOptions(project: root, paths: [], now: CalendarDate("2026-11-23")!)).findings

    static func preview(
        _ template: String, segments: [String] = [], recipients: [RecipientRecord]? = nil,
        baseline: [BaselineEntry]? = nil
    ) throws -> PreviewResult {
        try PreviewBuilder.build(
            PreviewOptions(
                template: template, segments: segments, now: now, recipients: recipients ?? sample,
                recipientsSource: "examples/recipients.ndjson", baseline: baseline,
                baselineSource: baseline == nil ? nil : "baseline", lint: lint),
            brand: brand, catalog: catalog)
    }

    /// Previews of every shipped template, computed once for all tests (enumeration is the slow part).
    static let shipped: [String: PreviewResult] = {
        var out: [String: PreviewResult] = [:]
        for t in catalog.templates { out[t.id] = try! preview(t.id) }
        return out
    }()

    static func temporaryFolder(_ name: String) -> URL {
        // Unique per call: tests run in parallel, and two of them may ask for the same name.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tessera-preview-tests-\(ProcessInfo.processInfo.processIdentifier)-\(name)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.removeItem(at: url)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
