import Foundation
import Testing

@testable import Liquid

/// Hostile values in data (NaN, infinities, huge and overflowing numbers) and absurd filter
/// arguments: each gives a defined result or a render error naming the filter and the variable
/// it read, never a trap (which would end the whole run) and never a stall.
@Suite struct HostileValueTests {
    static let data: Value = [
        "nan": .double(.nan), "inf": .double(.infinity), "ninf": .double(-.infinity), "huge": 1e300, "big": 1e19,
        "max": .int(Int.max), "min": .int(Int.min), "text": "abc",
        "item": ["price": .double(.nan)],
    ]

    func render(_ source: String, _ data: Value = Self.data, _ configure: (inout Environment) -> Void = { _ in }) -> Result<String, LiquidError> {
        var env = Environment()
        configure(&env)
        do {
            return .success(try env.parse(source, name: "hostile.liquid").render(data))
        } catch let e as LiquidError {
            return .failure(e)
        } catch {
            Issue.record("unexpected error \(error)")
            return .failure(LiquidError(.render, "\(error)"))
        }
    }

    func output(_ source: String, _ data: Value = Self.data) -> String? { try? render(source, data).get() }

    func error(_ source: String, _ data: Value = Self.data, _ configure: (inout Environment) -> Void = { _ in }) -> LiquidError? {
        if case .failure(let e) = render(source, data, configure) { return e }
        return nil
    }

    // MARK: math on values a Decimal cannot hold

    @Test func nonFiniteNumbersAreRenderErrorsNamingTheFilterAndPath() {
        for filter in [
            "plus: 1", "minus: 1", "times: 2", "divided_by: 3", "modulo: 3", "abs", "ceil", "floor", "round", "round: 2", "at_least: 1", "at_most: 1",
        ] {
            let e = error("{{ item.price | \(filter) }}")
            let name = String(filter.prefix { $0 != ":" })
            #expect(e?.kind == .render, "\(filter)")
            #expect(e?.message == "\(name): 'NaN' is not a finite number (reading 'item.price')", "\(filter)")
        }
        #expect(error("{{ 1 | plus: inf }}")?.message == "plus: 'Infinity' is not a finite number (reading 'inf')")
        #expect(error("{{ ninf | abs }}")?.message == "abs: '-Infinity' is not a finite number (reading 'ninf')")
        #expect(error("{{ huge | ceil }}")?.message == "ceil: 1.0e+300 is out of range (reading 'huge')")
        #expect(error("{% assign a = 'x' | split: 'y' %}{{ a | concat: a | sum }}") == nil)
    }

    @Test func integralResultsBeyondIntAreFloatsNotWrappedIntegers() {
        #expect(output("{{ big | ceil }}") == "1.0e+19")
        #expect(output("{{ big | floor }}") == "1.0e+19")
        #expect(output("{{ big | round }}") == "1.0e+19")
        #expect(output("{{ max | plus: 1 }}") == "9.223372036854776e+18")
        #expect(output("{{ '99999999999999999999' | plus: 1 }}") == "1.0e+20")
        #expect(output("{{ '-99999999999999999999' | minus: 1 }}") == "-1.0e+20")
    }

    @Test func overflowingDecimalResultsAreErrors() {
        let x = "{% assign x = '1' | append: '" + String(repeating: "0", count: 100) + ".5' %}"
        let e = error(x + "{{ x | times: x }}")
        #expect(e?.kind == .render)
        #expect(e?.message == "times: the result is out of range (reading 'x')")
    }

    @Test func sumOverflowsIntoADecimal() {
        #expect(output("{% assign a = '9223372036854775807,1' | split: ',' %}{{ a | sum }}") == "9.223372036854776e+18")
    }

    @Test func roundDigitsAtTheExtremesEndAtOnce() {
        #expect(output("{{ 5 | round: -9223372036854775808 }}") == "0")
        #expect(output("{{ 5.5 | round: -9223372036854775808 }}") == "0")
        #expect(output("{{ 123.456 | round: -1000000000 }}") == "0")
        #expect(output("{{ 123.456 | round: 9223372036854775807 }}") == "123.456")
        #expect(output("{{ 1234 | round: -2 }}") == "1200")
        #expect(output("{{ 1.255 | round: 2 }}") == "1.26")
        #expect(output("{{ 5 | round: min }}") == "0")
    }

    // MARK: dates

    @Test func datesBeyondTheCalendarComeBackUnchanged() {
        #expect(output("{{ max | date: '%Y' }}") == "9223372036854775807")
        #expect(output("{{ min | date: '%Y' }}") == "-9223372036854775808")
        #expect(output("{{ inf | date: '%Y' }}") == "Infinity")
        #expect(output("{{ nan | date: '%Y' }}") == "NaN")
        #expect(output("{{ huge | date: '%Y' }}") == "1.0e+300")
        #expect(output("{{ '99999999999999' | date: '%Y' }}") == "3170843")
        #expect(output("{{ 0 | date: '%Y-%m-%d' }}") == "1970-01-01")
    }

    // MARK: loops and ranges at Int's edges

    @Test func rangesSpanningAllOfIntHaveASizeAndHitTheLimits() {
        #expect(output("{% assign r = (min..max) %}{{ r.size }}") == "9223372036854775807")
        #expect(error("{% for i in (min..max) %}{% endfor %}")?.kind == .limit)
        #expect(error("{{ (min..max) | join: ',' }}")?.message.contains("limits.arrayItems") == true)
        #expect(output("{% assign a = 'a' | split: ',' %}{% if a == (min..max) %}y{% else %}n{% endif %}") == "n")
    }

    @Test func loopLimitsNearIntMaxMeanEveryItem() {
        #expect(output("{% for i in (1..3) offset: 1 limit: 9223372036854775807 %}{{ i }}{% endfor %}") == "23")
        #expect(output("{% for i in (1..3) offset: 1 limit: max %}{{ i }}{% endfor %}") == "23")
        #expect(output("{% for i in (1..3) offset: -5 limit: min %}{{ i }}{% endfor %}") == "")
    }
}

/// What a template builds (arrays, strings, output) meets a limit that names its setting, and
/// is refused before it is built when it would be far larger than the limit.
@Suite struct BuiltValueLimitTests {
    func error(_ source: String, _ data: Value = [:], _ configure: (inout Environment) -> Void = { _ in }) -> LiquidError? {
        var env = Environment()
        configure(&env)
        do {
            _ = try env.parse(source, name: "hostile.liquid").render(data)
            return nil
        } catch let e as LiquidError {
            return e
        } catch {
            return LiquidError(.render, "\(error)")
        }
    }

    @Test func defaultsAreGenerousForRealTemplates() {
        let limits = Limits()
        #expect(limits.outputBytes == 16 * 1024 * 1024)
        #expect(limits.arrayItems == 1_000_000)
        #expect(limits.loopIterations == 1_000_000)
    }

    @Test func concatDoublingStopsAtTheArrayLimit() {
        let e = error("{% assign a = 'x' | split: ',' %}{% for i in (1..40) %}{% assign a = a | concat: a %}{% endfor %}")
        #expect(e?.kind == .limit)
        #expect(e?.message == "concat: array of 1048576 items exceeds the limit of 1000000 (limits.arrayItems) (reading 'a')")
        #expect(e?.line == 1)
        let small = error("{% assign a = 'x' | split: ',' %}{% for i in (1..10) %}{% assign a = a | concat: a %}{% endfor %}") {
            $0.limits.arrayItems = 100
        }
        #expect(small?.message == "concat: array of 128 items exceeds the limit of 100 (limits.arrayItems) (reading 'a')")
    }

    @Test func concatDoublingOfALargeStringStopsAtTheOutputLimit() {
        // 16 copies of 1 MiB: few items, but text past the limit the moment it is printed or joined.
        let data: Value = ["big": .string(String(repeating: "x", count: 1 << 20))]
        let e = error("{% assign a = big | split: ',' %}{% for i in (1..30) %}{% assign a = a | concat: a %}{% endfor %}{{ a }}", data)
        #expect(e?.kind == .limit)
        #expect(
            e?.message == "concat: the text of an array of 32 items exceeds the output limit of 16777216 bytes (limits.outputBytes) (reading 'a')")
    }

    @Test func raisingTheArrayLimitAllowsMore() throws {
        let source = "{% assign a = 'x' | split: ',' %}{% for i in (1..10) %}{% assign a = a | concat: a %}{% endfor %}{{ a.size }}"
        var env = Environment()
        env.limits.arrayItems = 2000
        #expect(try env.parse(source).render() == "1024")
    }

    @Test func joinRefusesSeparatorsPastTheLimitBeforeJoining() {
        let data: Value = ["sep": .string(String(repeating: "-", count: 1 << 20))]
        let e = error("{{ (1..1000) | join: sep }}", data)
        #expect(e?.kind == .limit)
        #expect(
            e?.message
                == "join: joining 1000 items with a 1048576-byte separator exceeds the output limit of 16777216 bytes (limits.outputBytes) (reading 'sep')"
        )
        #expect(error("{{ (1..999999) | join: ',' }}") == nil)
    }

    @Test func replaceRefusesGrowthPastTheLimit() {
        let data: Value = ["with": .string(String(repeating: "y", count: 1 << 20)), "text": .string(String(repeating: "a", count: 100))]
        let e = error("{{ text | replace: '', with }}", data)
        #expect(e?.kind == .limit)
        #expect(e?.message.hasPrefix("replace: replacing between characters with 1048576 bytes exceeds the output limit") == true)
        #expect(error("{{ text | replace: 'a', with }}", data)?.kind == .limit)
        #expect(error("{{ text | replace: 'b', with }}", data) == nil)  // no match: no growth
        #expect(error("{{ 'abc' | replace: 'b', 'xyz' }}") == nil)
    }

    @Test func splitRefusesMorePiecesThanTheArrayLimit() {
        let data: Value = ["text": .string(String(repeating: "a,", count: 2000))]
        #expect(
            error("{{ text | split: ',' | size }}", data) { $0.limits.arrayItems = 1000 }?.message
                == "split: splitting into more than 1000 pieces exceeds the limit of 1000 items (limits.arrayItems) (reading 'text')")
        #expect(error("{{ text | split: '' | size }}", data) { $0.limits.arrayItems = 1000 }?.kind == .limit)
        #expect(error("{{ text | split: ',' | size }}", data) { $0.limits.arrayItems = 2001 } == nil)
    }

    @Test func appendInALoopStopsAtTheOutputLimit() {
        let e = error("{% assign s = 'ab' %}{% for i in (1..64) %}{% assign s = s | append: s %}{% endfor %}")
        #expect(e?.kind == .limit)
        #expect(e?.message.contains("(limits.outputBytes)") == true)
    }

    @Test func captureStopsAtTheOutputLimit() {
        let e = error("{% capture c %}{% for i in (1..100000) %}xxxxxxxxxx{% endfor %}{% endcapture %}") { $0.limits.outputBytes = 10_000 }
        #expect(e?.kind == .limit)
        #expect(e?.message == "output limit of 10000 bytes exceeded (limits.outputBytes)")
    }

    @Test func loopLimitNamesItsSetting() {
        let e = error("{% for i in (1..100) %}{% endfor %}") { $0.limits.loopIterations = 10 }
        #expect(e?.message == "loop iteration limit of 10 exceeded (limits.loopIterations)")
    }
}

/// Filters that were quadratic on long inputs, and must keep their results now that they are not.
@Suite struct LinearFilterTests {
    func render(_ source: String, _ data: Value = [:]) throws -> String { try Environment().parse(source).render(data) }

    @Test func stripHTMLKeepsItsMeaning() throws {
        #expect(try render("{{ '<p>a</p><script>x</script>b<!-- c -->d<style>e</style>f' | strip_html }}") == "abdf")
        #expect(try render("{{ 'a<script>b' | strip_html }}") == "ab")  // an unclosed script is still a tag
        #expect(try render("{{ 'a<!-- b' | strip_html }}") == "a<!-- b")
        #expect(try render("{{ '1 < 2 and 3 > 2' | strip_html }}") == "1  2")
        #expect(try render("{{ '<scrip<b>t>x</script>y' | strip_html }}") == "t>xy")
        #expect(try render("{{ 'x<script>a</script>y<script>b</script>z' | strip_html }}") == "xyz")
    }

    @Test func stripHTMLOnManyUnclosedTagsCompletes() throws {
        let data: Value = ["s": .string(String(repeating: "<script", count: 200_000))]
        // No closing '>' anywhere: nothing is removed (a regex searched to the end from each '<').
        let text = try render("{{ s | strip_html | size }}", data)
        #expect(text == String(7 * 200_000))
    }

    @Test func uniqKeepsLiquidEquality() throws {
        #expect(try render("{% assign a = '1,2,1,3,2' | split: ',' %}{{ a | uniq | join: ',' }}") == "1,2,3")
        let data: Value = ["a": [1, 1.0, "1", .null, .null, false, false, 9007199254740992, 9007199254740993, ["x"], ["x"]]]
        #expect(try render("{{ a | uniq | size }}", data) == "7")
        let objects: Value = ["a": [["id": 1, "n": "a"], ["id": 2, "n": "b"], ["id": 1, "n": "c"]]]
        #expect(try render("{{ a | uniq: 'id' | map: 'n' | join: ',' }}", objects) == "a,b")
    }

    @Test func sortNaturalIsCaseInsensitiveAndStable() throws {
        let data: Value = ["a": ["b", "A", "a", "C", "B"]]
        #expect(try render("{{ a | sort_natural | join: ',' }}", data) == "A,a,b,B,C")
        #expect(try render("{{ a | sort | join: ',' }}", data) == "A,B,C,a,b")
    }

    @Test func urlEncodeStillEncodes() throws {
        #expect(try render("{{ 'a b&c/é~' | url_encode }}") == "a+b%26c%2F%C3%A9~")
    }
}

/// Inputs the fuzz targets (Fuzz/, scripts/fuzz) found, kept as tests.
@Suite struct FuzzRegressionTests {
    /// FuzzJSON: a key with invalid UTF-8 was hashed from its raw bytes but stored repaired
    /// (U+FFFD), so the member could not be found by its own name and the object was not equal to
    /// itself.
    @Test func keysWithInvalidUTF8AreFoundByTheirRepairedName() throws {
        let bytes: [UInt8] = Array(#"{"a"#.utf8) + [0xFF] + Array(#"t":1,"b":{"x"#.utf8) + [0xC3] + Array(#"":2}}"#.utf8)
        for value in [try Value.parseJSON(bytes: bytes), try JSONParser().parse(bytes)] {
            guard case .object(let o) = value, case .object(let inner)? = o["b"] else {
                Issue.record("not an object: \(value)")
                continue
            }
            #expect(o["a\u{FFFD}t"]?.liquidEquals(1) == true)
            #expect(inner["x\u{FFFD}"]?.liquidEquals(2) == true)
            #expect(value.liquidEquals(value))
        }
        let reused = JSONParser()
        _ = try reused.parse(bytes)
        #expect(try reused.parse(bytes).liquidEquals(try Value.parseJSON(bytes: bytes)))
    }
}

/// FuzzJSON: a high surrogate escape followed by an escape that is not a low surrogate
/// (`"\ud83d\udAe0"`) overflowed UInt32 in the pair arithmetic and trapped: one record could end
/// the run. Lone halves are U+FFFD; the escape after one is read on its own.
@Suite struct SurrogateEscapeTests {
    func string(_ json: String) throws -> String? {
        let once = try Value.parseJSON(json)
        let reused = try JSONParser().parse(Array(json.utf8))
        #expect(once.liquidEquals(reused))
        if case .string(let s) = once { return s }
        return nil
    }

    @Test func unpairedSurrogatesAreReplacementCharacters() throws {
        #expect(try string(#""\ud83d\udAe0""#) == "\u{FFFD}\u{FFFD}")
        #expect(try string(#""\ud83d\u0041""#) == "\u{FFFD}A")
        #expect(try string(#""\ud83d\ud83d\ude00""#) == "\u{FFFD}\u{1F600}")
        #expect(try string(#""\ude00x""#) == "\u{FFFD}x")
        #expect(try string(#""\ud83dx""#) == "\u{FFFD}x")
        #expect(try string(#""\ud83d\ude00""#) == "\u{1F600}")
        let crash = #"{"a":[1,2.5,-0,1e400,"\u00e9\ud83d\udAe00"]}"#
        #expect(throws: Never.self) { try Value.parseJSON(crash) }
    }
}
