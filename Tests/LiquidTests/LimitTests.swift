import Foundation
import Testing

@testable import Liquid

/// Hostile templates end in a limit error, never a hang or an exhausted machine.
@Suite struct LimitTests {
    func limitError(_ source: String, partials: [String: String] = [:], configure: (inout Environment) -> Void = { _ in }) -> LiquidError? {
        var env = Environment()
        env.loader = DictionaryLoader(partials)
        configure(&env)
        do {
            _ = try env.parse(source, name: "hostile.liquid").render([:])
            return nil
        } catch let e as LiquidError {
            return e
        } catch {
            return nil
        }
    }

    @Test func loopIterations() {
        let e = limitError("{% for i in (1..1000) %}{% for j in (1..1000) %}{% endfor %}{% endfor %}") { $0.limits.loopIterations = 10_000 }
        #expect(e?.kind == .limit)
        #expect(e?.line == 1)
    }

    @Test func hugeRangeFailsBeforeAllocating() throws {
        #expect(limitError("{% for i in (1..1000000000000) %}{% endfor %}")?.kind == .limit)
        #expect(limitError("{{ (1..1000000000000) | join: ',' }}")?.kind == .limit)
        // A limit on a huge range only materializes the slice.
        var env = Environment()
        env.limits.loopIterations = 100
        #expect(try env.parse("{% for i in (1..1000000000000) limit: 3 %}{{ i }}{% endfor %}").render() == "123")
    }

    @Test func outputSize() {
        let e = limitError("{% for i in (1..100000) %}xxxxxxxxxx{% endfor %}") { $0.limits.outputBytes = 10_000 }
        #expect(e?.kind == .limit)
    }

    @Test func stringGrowthThroughFilters() {
        let e = limitError("{% assign s = 'ab' %}{% for i in (1..64) %}{% assign s = s | append: s %}{% endfor %}") {
            $0.limits.outputBytes = 1 << 20
        }
        #expect(e?.kind == .limit)
    }

    @Test func recursivePartials() {
        #expect(limitError("{% render 'loop' %}", partials: ["loop": "x{% render 'loop' %}"])?.kind == .limit)
        #expect(limitError("{% include 'loop' %}", partials: ["loop": "x{% include 'loop' %}"])?.kind == .limit)
    }

    @Test func nestingDepth() {
        let deep = String(repeating: "{% if true %}", count: 60) + String(repeating: "{% endif %}", count: 60)
        #expect(limitError(deep)?.kind == .limit)
    }

    @Test func missingPartialIsAnError() {
        let e = limitError("a\n{% render 'nope' %}")
        #expect(e?.kind == .partialNotFound)
        #expect(e?.description == "hostile.liquid:2:1: partial 'nope' not found")
    }
}

/// Extreme numbers and sizes in templates end in output or an error, never a trap.
@Suite struct EdgeInputTests {
    func render(_ source: String, _ data: Value = [:]) -> String {
        do { return try Environment().parse(source).render(data) } catch { return "error" }
    }

    @Test func extremeNumbers() {
        #expect(render("{{ -9223372036854775807 | minus: 10 }}") != "")
        #expect(render("{{ -9223372036854775807 | minus: 1 | divided_by: -1 }}") != "")
        #expect(render("{{ -9223372036854775807 | minus: 1 | modulo: -1 }}") == "0")
        #expect(render("{{ -9223372036854775807 | minus: 1 | abs }}") != "")
        #expect(render("{{ 'abcdef' | slice: 2, 9223372036854775807 }}") == "cdef")
        #expect(render("{{ 'abcdef' | truncate: -9223372036854775807 }}") == "...")
        #expect(render("{% for i in (1..3) limit: 99999999999999999999.0 %}{{ i }}{% endfor %}") == "123")
        #expect(render("{% for i in (1..3) limit: x %}{{ i }}{% endfor %}", ["x": .double(.infinity)]) == "123")
        #expect(
            render("{% for i in (9223372036854775805..9223372036854775807) %}{{ i }},{% endfor %}")
                == "9223372036854775805,9223372036854775806,9223372036854775807,")
    }

    @Test func hugeRangesInComparisons() {
        #expect(render("{% if (1..1000000000000) contains 5 %}y{% endif %}") == "y")
        #expect(render("{% assign a = '1,2' | split: ',' %}{% if a == (1..1000000000000) %}y{% else %}n{% endif %}") == "n")
        #expect(render("{% assign r = (1..1000000000000) %}{{ r[-1] }} {{ r.size }} {{ r.last }}") == "1000000000000 1000000000000 1000000000000")
    }

    @Test func malformedMarkupIsAnError() {
        for source in [
            "{{", "{% if", "{{ 'abc }}", "{% for %}{% endfor %}", "{{ a | }}", "{{ a[ }}", "{% assign = 1 %}",
            "{% cycle %}", "{% render %}", "{% tablerow x in %}{% endtablerow %}", "{% case %}{% endcase %}", "{{ (1.. }}",
        ] {
            #expect(render(source) == "error", "\(source)")
        }
    }
}

@Suite struct PathologicalMarkupTests {
    @Test func deepNestingIsAnErrorNotACrash() {
        let parens = "{{ " + String(repeating: "(", count: 100_000) + "1..2" + String(repeating: ")", count: 100_000) + " }}"
        #expect(throws: LiquidError.self) { try Environment().parse(parens) }
        let brackets = "{{ a" + String(repeating: "[a", count: 100_000) + String(repeating: "]", count: 100_000) + " }}"
        #expect(throws: LiquidError.self) { try Environment().parse(brackets) }
        let chain = "{% if " + Array(repeating: "true", count: 100_000).joined(separator: " and ") + " %}x{% endif %}"
        #expect(throws: LiquidError.self) { try Environment().parse(chain) }
    }

    @Test func longButReasonableConditionsWork() throws {
        let chain = "{% if " + Array(repeating: "true", count: 300).joined(separator: " and ") + " or false %}x{% endif %}"
        #expect(try Environment().parse(chain).render() == "x")
        #expect(try Environment().parse("{% if true and false and false or true %}x{% endif %}").render() == "")
    }
}

/// Secondary threads have 512 KB stacks: the default limits must end a hostile render there with an error.
@Suite struct SmallStackTests {
    @Test func recursivePartialsOnASmallStack() throws {
        var env = Environment()
        let nested = env.limits.nestingDepth - 1
        env.loader = DictionaryLoader([
            "deep": String(repeating: "{% if true %}", count: nested) + "x{% render 'deep' %}" + String(repeating: "{% endif %}", count: nested)
        ])
        let template = try env.parse("{% render 'deep' %}")
        final class Outcome: @unchecked Sendable { var error: LiquidError? }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do { _ = try template.render() } catch { outcome.error = error as? LiquidError }
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        #expect(outcome.error?.kind == .limit)
    }
}
