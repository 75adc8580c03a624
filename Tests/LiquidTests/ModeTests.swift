import Testing

@testable import Liquid

/// Strict variables, strict filters and HTML autoescape.
@Suite struct ModeTests {
    func render(_ source: String, _ data: Value = [:], name: String? = "t.liquid", configure: (inout Environment) -> Void = { _ in }) throws -> String
    {
        var env = Environment()
        configure(&env)
        return try env.parse(source, name: name).render(data)
    }

    func error(_ source: String, _ data: Value = [:], configure: (inout Environment) -> Void = { _ in }) -> LiquidError? {
        do {
            _ = try render(source, data, configure: configure)
            return nil
        } catch let e as LiquidError {
            return e
        } catch {
            return nil
        }
    }

    @Test func laxUndefinedRendersNothing() throws {
        #expect(try render("[{{ nope }}][{{ user.nope }}]", ["user": ["name": "Ada"]]) == "[][]")
    }

    @Test func strictUndefinedVariableNamesItWithLocation() throws {
        let e = error("Hello\n  {{ user.first_name }}", ["user": ["name": "Ada"]]) { $0.strictVariables = true }
        #expect(e?.kind == .undefinedVariable)
        #expect(e?.description == "t.liquid:2:6: undefined variable 'user.first_name'")
    }

    @Test func strictUndefinedInConditionAndLoop() throws {
        let e1 = error("{% if missing %}x{% endif %}") { $0.strictVariables = true }
        #expect(e1?.description == "t.liquid:1:7: undefined variable 'missing'")
        let e2 = error("{% for x in items %}{{ x.sku }}{% endfor %}", ["items": [["id": 1]]]) { $0.strictVariables = true }
        #expect(e2?.message == "undefined variable 'x.sku'")
    }

    @Test func strictDefinedVariablesRender() throws {
        let out = try render(
            "{% assign n = 2 %}{{ user.name }} {{ n }} {% for i in (1..2) %}{{ forloop.index }}{% endfor %}", ["user": ["name": "Ada"]]
        ) { $0.strictVariables = true }
        #expect(out == "Ada 2 12")
    }

    @Test func strictAllowsAnExplicitDefault() throws {
        let out = try render("Hi {{ user.nickname | default: user.name }}", ["user": ["name": "Ada"]]) { $0.strictVariables = true }
        #expect(out == "Hi Ada")
        let e = error("{{ user.nickname | upcase | default: 'x' }}", ["user": [:]]) { $0.strictVariables = true }
        #expect(e?.kind == .undefinedVariable)
    }

    @Test func strictFiltersRejectUnknownAtParse() throws {
        #expect(try render("{{ 'a' | nosuch }}") == "a")  // lax: passes the input through
        let e = error("ok\n{{ 'a' | upcase | nosuch }}") { $0.strictFilters = true }
        #expect(e?.kind == .undefinedFilter)
        #expect(e?.description == "t.liquid:2:19: unknown filter 'nosuch'")
    }

    @Test func autoescapeEscapesOutputs() throws {
        let data: Value = ["name": "<b>Tom & 'Jerry'</b>"]
        let on: (inout Environment) -> Void = { $0.autoescape = true }
        #expect(try render("{{ name }}", data, configure: on) == "&lt;b&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;")
        #expect(try render("{% echo name %}", data, configure: on) == "&lt;b&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;")
        #expect(try render("{{ name | upcase }}", data, configure: on) == "&lt;B&gt;TOM &amp; &#39;JERRY&#39;&lt;/B&gt;")
        #expect(try render("{{ name }}", data) == "<b>Tom & 'Jerry'</b>")  // off by default
        #expect(try Environment.html.parse("<p>{{ name }}</p>").render(data) == "<p>&lt;b&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;</p>")
    }

    @Test func autoescapeRespectsSafeAndEscapeFilters() throws {
        let data: Value = ["html": "<i>hi</i>", "amp": "a &amp; b"]
        let on: (inout Environment) -> Void = { $0.autoescape = true }
        #expect(try render("{{ html | raw }}", data, configure: on) == "<i>hi</i>")
        #expect(try render("{{ html | safe }}", data, configure: on) == "<i>hi</i>")
        #expect(try render("{{ html | escape }}", data, configure: on) == "&lt;i&gt;hi&lt;/i&gt;")
        #expect(try render("{{ amp | escape_once }}", data, configure: on) == "a &amp; b")
        // Template text is never escaped; captured output is not escaped twice.
        #expect(
            try render("<p>{% capture c %}<b>{{ html }}</b>{% endcapture %}{{ c }}</p>", data, configure: on) == "<p><b>&lt;i&gt;hi&lt;/i&gt;</b></p>"
        )
    }
}

/// `RenderErrorMode.inline`: Shopify's lax render writes `Liquid error …` where a node failed and goes on.
@Suite struct InlineErrorModeTests {
    func render(
        _ source: String, _ data: Value = [:], name: String? = "t.liquid", partials: [String: String] = [:],
        configure: (inout Environment) -> Void = { _ in }
    ) throws -> String {
        var env = Environment()
        env.renderErrors = .inline
        env.loader = DictionaryLoader(partials)
        configure(&env)
        return try env.parse(source, name: name).render(data)
    }

    @Test func aFailedOutputIsWrittenInlineAndTheRenderGoesOn() throws {
        let out = try render("a\n{{ 1 | divided_by: 0 }} b {{ 'x' | upcase }}")
        #expect(out.hasPrefix("a\nLiquid error (t.liquid line 2): divided_by:"), "\(out)")
        #expect(out.hasSuffix(" b X"), "\(out)")
    }

    @Test func withoutANameOnlyTheLine() throws {
        let out = try render("{{ 'a' | concat: 1 }}", name: nil)
        #expect(out.hasPrefix("Liquid error (line 1): concat:"), "\(out)")
    }

    @Test func anErrorInAPartialNamesThePartialAndItsLine() throws {
        let out = try render("top {% render 'card' %} end", partials: ["card": "ok\n{{ 2 | modulo: 0 }}"])
        #expect(out.hasPrefix("top ok\nLiquid error (card line 2): modulo:"), "\(out)")
        #expect(out.hasSuffix(" end"))
    }

    @Test func blankTagsAndStrictUndefinedLeaveNoText() throws {
        #expect(try render("[{% assign x = 1 | divided_by: 0 %}]") == "[]")
        #expect(try render("[{{ nope }}]") { $0.strictVariables = true } == "[]")
    }

    @Test func limitsStillEndTheRender() {
        #expect(throws: LiquidError.self) {
            try render("{% for i in (1..10) %}{{ i }}{% endfor %}") { $0.limits.loopIterations = 5 }
        }
    }

    @Test func theDefaultModeRaises() {
        var env = Environment()
        env.loader = nil
        #expect(throws: LiquidError.self) { try env.parse("{{ 1 | divided_by: 0 }}").render() }
    }
}
