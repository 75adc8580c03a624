import Testing
@testable import Liquid

/// Which data paths a compiled template reads.
@Suite struct AnalysisTests {
    func analyze(_ source: String) throws -> Analysis { try Environment().parse(source).analyze() }

    @Test func outputsAndFilterArguments() throws {
        let a = try analyze("Hi {{ recipient.profile.first_name | default: recipient.email }} {{ brand.name | upcase }}")
        #expect(a.paths == ["recipient.profile.first_name", "recipient.email", "brand.name"])
        #expect(a.roots == ["recipient", "brand"])
    }

    @Test func loopItemsBecomeArrayPaths() throws {
        let a = try analyze("{% for e in recipient.events %}{{ e.sku }}{% for t in e.tags %}{{ t.name }}{% endfor %}{{ forloop.index }}{% endfor %}")
        #expect(a.paths == ["recipient.events", "recipient.events[].sku", "recipient.events[].tags", "recipient.events[].tags[].name"])
    }

    @Test func conditionsCaseAndIndexes() throws {
        let a = try analyze("""
        {% if recipient.segments contains "vip" and recipient.profile.tier == "gold" %}x{% endif %}\
        {% case decision.offer.kind %}{% when "a" %}{{ items[0].title }}{% endcase %}{{ map[key] }}
        """)
        #expect(a.paths == ["recipient.segments", "recipient.profile.tier", "decision.offer.kind", "items[0].title", "key", "map[]"])
    }

    @Test func assignsAreLocalOrAliases() throws {
        let a = try analyze("""
        {% assign p = recipient.profile %}{{ p.city }}{% assign n = recipient.name | upcase %}{{ n }}\
        {% capture c %}{{ offer.code }}{% endcapture %}{{ c }}{% increment k %}
        """)
        #expect(a.paths == ["recipient.profile", "recipient.profile.city", "recipient.name", "offer.code"])
        #expect(a.locals == ["n", "c", "k"])
    }

    @Test func readBeforeAssignIsData() throws {
        let a = try analyze("{{ title }}{% assign title = 'x' %}{{ title }}")
        #expect(a.paths == ["title"])
    }

    @Test func partialsAreNamed() throws {
        let a = try analyze("{% render 'footer', brand: brand %}{% include 'header' %}")
        #expect(a.partials == ["footer", "header"])
        #expect(a.paths == ["brand"])
    }

    @Test func predicatePaths() throws {
        let p = try Environment().compileCondition("recipient.segments contains 'vip' or recipient.profile.tier == 'gold'")
        #expect(p.analyze().paths == ["recipient.segments", "recipient.profile.tier"])
    }
}
