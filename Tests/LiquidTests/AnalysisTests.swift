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
        let a = try analyze(
            """
            {% if recipient.segments contains "vip" and recipient.profile.tier == "gold" %}x{% endif %}\
            {% case decision.offer.kind %}{% when "a" %}{{ items[0].title }}{% endcase %}{{ map[key] }}
            """)
        #expect(a.paths == ["recipient.segments", "recipient.profile.tier", "decision.offer.kind", "items[0].title", "key", "map[]"])
    }

    @Test func assignsAreLocalOrAliases() throws {
        let a = try analyze(
            """
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

/// `Analysis.printed`: which data paths reach the output, through whatever carries them.
@Suite struct PrintedPathTests {
    func printed(_ source: String, partials: [String: String] = [:]) throws -> [String] {
        var env = Environment()
        if !partials.isEmpty { env.loader = DictionaryLoader(partials) }
        return try env.parse(source).analyze().printed.map(\.path)
    }

    @Test func assignWithFiltersCarriesItsSource() throws {
        #expect(try printed(#"{% assign v = r.events | where: "type", "view" | first %}{{ v.sku }}"#) == ["r.events[].sku"])
        #expect(try printed(#"{% assign names = r.events | map: "sku" | join: ", " %}{{ names }}"#) == ["r.events[].sku"])
        #expect(try printed(#"{% assign n = r.events | size %}{{ n }}"#) == [])
        #expect(try printed(#"{% assign s = "Saw " | append: r.last_view | upcase %}{{ s }}"#) == ["r.last_view"])
    }

    @Test func readsThroughAssignWithFiltersAreDataPaths() throws {
        let a = try Environment().parse(#"{% assign v = r.events | sort: "at" | last %}{% if v.sku %}x{% endif %}"#).analyze()
        #expect(a.paths.contains("r.events[].sku"))
    }

    @Test func captureCycleAndTablerow() throws {
        #expect(try printed("{% capture c %}Hi {{ r.last_view }}{% endcapture %}text {{ c }}") == ["r.last_view"])
        #expect(try printed("{% capture c %}{{ r.last_view }}{% endcapture %}") == [])
        #expect(try printed("{% cycle r.a, 'x' %}") == ["r.a"])
        #expect(try printed("{% tablerow e in r.events %}{{ e.sku }}{% endtablerow %}") == ["r.events[].sku"])
    }

    @Test func renderAndIncludeArgumentsAreFollowedIntoThePartial() throws {
        let partials = ["card": "<b>{{ item.sku }}</b>{{ label }}", "line": "{{ product }}"]
        #expect(try printed("{% render 'card', item: r.events[0], label: 'x' %}", partials: partials) == ["r.events[0].sku"])
        // `include` shares the caller's scope: an unbound name in the partial is data of the caller.
        #expect(try printed("{% include 'card' item: r.last %}", partials: partials) == ["r.last.sku", "label"])
        #expect(try printed("{% render 'line' for r.events as product %}", partials: partials) == ["r.events[]"])
        #expect(try printed("{% render 'card' %}", partials: ["card": "{% render 'card' %}{{ x }}"]) == ["x"])
    }

    @Test func unknownFiltersAreListedWithTheirPlace() throws {
        let a = try Environment().parse("{{ name | defualt: 'friend' | upcase }}").analyze()
        #expect(a.unknownFilters.map(\.name) == ["defualt"])
        #expect(a.unknownFilters.first?.offset == 10)
    }
}
