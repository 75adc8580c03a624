import Catalog
import Foundation
import Testing

/// `mj-include` in templates and blocks: errors at the include's real place, and a bound on
/// what includes may add.
@Suite struct CatalogIncludeTests {
    static func block(_ body: String) -> String {
        CatalogErrorTests.block.replacingOccurrences(
            of: "<mj-section><mj-column><mj-text>Hi {{ recipient.profile.first_name }}</mj-text></mj-column></mj-section>",
            with: body)
    }

    func messages(_ files: [String: String]) throws -> [String] {
        try CatalogFixture.load(files).diagnostics.map(\.description)
    }

    /// Lines count from the top of the file (the front matter is lines 1–6), columns from the `<`.
    @Test func includeErrorsPointIntoTheIncludingFile() throws {
        let m = try messages(["blocks/test-block.mjml": Self.block("<mj-section>\n  <mj-include path=\"parts/missing\" />\n</mj-section>")])
        #expect(m.contains("blocks/test-block.mjml:8:3: error: mj-include: cannot read 'parts/missing'"))
    }

    /// A partial's own errors point into the partial, counted from its first line (blank lines
    /// and `<mjml><mj-body>` wrappers included).
    @Test func includeErrorsInsideAPartialPointIntoThePartial() throws {
        let m = try messages([
            "blocks/test-block.mjml": Self.block("<mj-section><mj-include path=\"parts/outer\" /></mj-section>"),
            "blocks/parts/outer.mjml": "\n\n<mjml>\n  <mj-body>\n    <mj-text>x</mj-text> <mj-include path=\"gone\" />\n  </mj-body>\n</mjml>\n",
        ])
        #expect(m.contains("blocks/parts/outer.mjml:5:26: error: mj-include: cannot read 'gone'"))
    }

    /// Ten levels of ten includes (10^10 partials if expanded) stop at the size limit.
    @Test func includeFanOutStopsAtTheSizeLimit() throws {
        var files = [
            "blocks/test-block.mjml": Self.block("<mj-section><mj-include path=\"parts/l0\" /></mj-section>"),
            "blocks/parts/l10.mjml": "<mj-text>leaf</mj-text>",
        ]
        for level in 0..<10 {
            files["blocks/parts/l\(level).mjml"] = String(repeating: "<mj-include path=\"l\(level + 1)\" />\n", count: 10)
        }
        let m = try messages(files)
        let limit = m.filter { $0.contains("includes expand to more than 8388608 bytes (the include size limit)") }
        #expect(limit.count == 1)
        #expect(limit.first?.hasPrefix("blocks/parts/l") == true)  // at the include that crossed it

        // `CatalogLoader.load(maxIncludeBytes:)` sets the limit.
        let small = CatalogLoader.load(project: try CatalogFixture.project(files), brand: CatalogFixture.brand, maxIncludeBytes: 500)
        #expect(small.diagnostics.contains { $0.message.contains("more than 500 bytes") })
    }
}
