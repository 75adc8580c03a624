import Liquid
import Testing

/// Hole mode: values become placeholders, structure is decided with real values.
@Suite struct HoleModeTests {
    func skeleton(_ source: String, _ data: Value, env: Environment = .html) throws -> (String, [Hole]) {
        let t = try env.parse(source)
        var bytes: [UInt8] = []
        var holes: [Hole] = []
        try t.render(data, into: &bytes, holes: &holes)
        return (String(decoding: bytes, as: UTF8.self), holes)
    }

    @Test func outputsBecomePlaceholders() throws {
        let (s, holes) = try skeleton(
            "<a href=\"{{ url }}\">{{ name }}</a>{{ html | raw }}{% echo n %}",
            ["url": "https://x/?a=1&b=2", "name": "Ann <3", "html": "<b>", "n": 7])
        #expect(s == "<a href=\"\u{E000}0\u{E001}\">\u{E000}1\u{E001}</a>\u{E000}2\u{E001}\u{E000}3\u{E001}")
        #expect(
            holes == [
                Hole(text: "https://x/?a=1&b=2", safe: false), Hole(text: "Ann <3", safe: false), Hole(text: "<b>", safe: true),
                Hole(text: "7", safe: false),
            ])
    }

    @Test func structureUsesRealValues() throws {
        let src = "{% if vip %}VIP {% endif %}{% for i in items %}[{{ i }}]{% endfor %}"
        let (a, ha) = try skeleton(src, ["vip": true, "items": [1, 2]])
        let (b, hb) = try skeleton(src, ["vip": true, "items": [5, 6]])
        let (c, _) = try skeleton(src, ["vip": false, "items": [5]])
        #expect(a == b)
        #expect(ha != hb)
        #expect(a != c)
        #expect(a == "VIP [\u{E000}0\u{E001}][\u{E000}1\u{E001}]")
    }

    @Test func capturedTextHoldsRealValues() throws {
        let (s, holes) = try skeleton("{% capture g %}Hi {{ n }}{% endcapture %}{{ g }}", ["n": "Bo"])
        #expect(s == "\u{E000}0\u{E001}")
        #expect(holes == [Hole(text: "Hi Bo", safe: true)])
    }

    /// `trace`: the same holes as hole mode, and a fingerprint that is equal exactly when the
    /// hole-mode output is (checked on every pair of a set of data sets).
    @Test func traceFingerprintsTheSkeleton() throws {
        let t = try Environment.html.parse(
            "<p>{% if vip %}VIP {% endif %}{% for i in items %}[{{ i }}]{% endfor %}{% capture g %}x{{ n }}{% endcapture %}{{ g }}</p>")
        let data: [Value] = [
            ["vip": true, "items": [1, 2], "n": 1], ["vip": true, "items": [5, 6], "n": 2], ["vip": false, "items": [5], "n": 1],
            ["vip": false, "items": [], "n": 1], ["vip": true, "items": [], "n": 3], ["vip": false, "items": [7], "n": 9],
        ]
        var runs: [(String, UInt64)] = []
        for d in data {
            var bytes: [UInt8] = [], holes: [Hole] = []
            try t.render(d, into: &bytes, holes: &holes)
            var traced: [UInt8] = [], tracedHoles: [Hole] = []
            let f = try t.trace(d, into: &traced, holes: &tracedHoles)
            #expect(tracedHoles == holes)
            #expect(traced.count < bytes.count)  // the template's own text is not written
            runs.append((String(decoding: bytes, as: UTF8.self), f))
        }
        for a in runs { for b in runs { #expect((a.0 == b.0) == (a.1 == b.1)) } }
        #expect(Set(runs.map(\.1)).count == 4)
    }

    @Test func normalRenderUnchanged() throws {
        let t = try Environment.html.parse("{{ a }}")
        #expect(try t.render(["a": "<x>"]) == "&lt;x&gt;")
    }
}
