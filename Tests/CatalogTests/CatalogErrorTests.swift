import Catalog
import Testing

/// Each user error is reported at its file:line:col with what was expected; all are reported.
@Suite struct CatalogErrorTests {
    static let block = """
        ---
        id: test-block
        slot: main
        tags: [story]
        priority: 5
        ---
        <mj-section><mj-column><mj-text>Hi {{ recipient.profile.first_name }}</mj-text></mj-column></mj-section>
        """

    func messages(_ files: [String: String], removing: [String] = []) throws -> [String] {
        try CatalogFixture.load(files, removing: removing).diagnostics.map(\.description)
    }

    @Test func cleanExtraBlockLoads() throws {
        #expect(try messages(["blocks/test-block.mjml": Self.block]) == [])
    }

    @Test func unknownKeyWithDidYouMean() throws {
        let m = try messages(["blocks/test-block.mjml": Self.block.replacingOccurrences(of: "priority: 5", with: "priorty: 5")])
        #expect(m == ["blocks/test-block.mjml:5:1: error: unknown key 'priorty' in block (did you mean 'priority'?)"])
    }

    @Test func wrongTypeAndMissingKey() throws {
        let m = try messages([
            "blocks/test-block.mjml": Self.block.replacingOccurrences(of: "priority: 5", with: "priority: high")
                .replacingOccurrences(of: "slot: main\n", with: "")
        ])
        #expect(m.contains("blocks/test-block.mjml:4:11: error: expected a whole number for 'priority' in block, found 'high'"))
        #expect(m.contains { $0.hasPrefix("blocks/test-block.mjml:2:1: error: missing required key 'slot'") })
    }

    @Test func badWhenCondition() throws {
        let m = try messages([
            "blocks/test-block.mjml": Self.block.replacingOccurrences(of: "priority: 5", with: "when: 'recipient.market =! \"US\"'")
        ])
        #expect(m.count == 1)
        #expect(m[0].hasPrefix("blocks/test-block.mjml:5:"))
        #expect(m[0].contains("invalid 'when' condition"))
    }

    @Test func liquidErrorAtFileLine() throws {
        let m = try messages(["blocks/test-block.mjml": Self.block.replacingOccurrences(of: "{{ recipient.profile.first_name }}", with: "{% if x %}")]
        )
        #expect(m.count == 1)
        #expect(m[0].hasPrefix("blocks/test-block.mjml:7:"))
    }

    @Test func unknownClaimAndLocale() throws {
        let m = try messages([
            "blocks/test-block.mjml": Self.block.replacingOccurrences(of: "priority: 5", with: "claims: [lifetime-repair]\nlocales: [en-GB]")
        ])
        #expect(m.contains("blocks/test-block.mjml:1:1: error: unknown claim 'lifetime-repair' (did you mean 'lifetime-repairs'?)"))
        #expect(m.contains { $0.contains("unknown locale 'en-GB'") })
        let tag = try messages(["blocks/test-block.mjml": Self.block.replacingOccurrences(of: "Hi {{", with: "{% claim \"lifetime-repair\" %} {{")])
        #expect(tag.count == 1)
        #expect(tag[0].hasPrefix("blocks/test-block.mjml:7:"))
        #expect(tag[0].contains("unknown claim 'lifetime-repair' (did you mean 'lifetime-repairs'?)"))
    }

    @Test func undeclaredSlotAndMissingFallback() throws {
        let welcome = try String(contentsOf: CatalogFixture.project([:]).appendingPathComponent("templates/welcome.mjml"), encoding: .utf8)
        let broken = welcome.replacingOccurrences(of: "fallback: hero-welcome}", with: "fallback: hero-welcom}")
            .replacingOccurrences(of: "<mj-slot name=\"recommendations\" />", with: "<mj-slot name=\"recomendations\" />")
        let m = try messages(["templates/welcome.mjml": broken])
        #expect(
            m.contains {
                $0.hasPrefix(
                    "templates/welcome.mjml:11:3: error: fallback block 'hero-welcom' of slot 'hero' does not exist (did you mean 'hero-welcome'?)")
            })
        #expect(m.contains { $0.contains("<mj-slot name=\"recomendations\"> is not declared in 'slots' (did you mean 'recommendations'?)") })
    }

    @Test func blockForUnknownSlotAndNoFrontMatter() throws {
        let m = try messages([
            "blocks/test-block.mjml": Self.block.replacingOccurrences(of: "slot: main", with: "slot: mian"),
            "blocks/bare.mjml": "<mj-section></mj-section>",
        ])
        #expect(m.contains("blocks/bare.mjml:1:1: error: expected YAML front matter between '---' lines at the top of the file"))
        #expect(m.contains("blocks/test-block.mjml:1:1: error: block slot 'mian' is not declared by any template (did you mean 'main'?)"))
    }

    @Test func includeCannotLeaveProject() throws {
        let r = try CatalogFixture.load(["blocks/test-block.mjml": Self.block + "\n<mj-include path=\"../../../etc/passwd\" />"])
        #expect(r.catalog == nil)
        #expect(r.diagnostics.map(\.description).contains { $0.contains("leaves the project folder") })
    }

    @Test func malformedYAML() throws {
        let m = try messages(["blocks/test-block.mjml": Self.block.replacingOccurrences(of: "tags: [story]", with: "tags: [story")])
        #expect(m.count == 1)
        #expect(m[0].contains("malformed YAML"))
    }
}
