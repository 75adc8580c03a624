import Testing

@testable import Liquid

/// Strings are measured in code points, as Ruby does (Swift's Character is a grapheme cluster).
@Suite struct StringFilterTests {
    func render(_ source: String, _ data: Value = [:]) throws -> String { try Environment().parse(source).render(data) }

    @Test func codePointLengths() throws {
        let data: Value = ["s": "e\u{301}t\u{E9}", "thumb": "\u{1F44D}\u{1F3FD} ok"]
        #expect(
            try render("{{ s | size }} {{ s.size }} {{ s | slice: 0, 2 }} {{ thumb | truncate: 4, '' }}", data) == "4 4 e\u{301} \u{1F44D}\u{1F3FD} o"
        )
        #expect(try render("{{ s | split: '' | size }}", data) == "4")
    }

    @Test func rubyDecimalArithmetic() throws {
        #expect(
            try render("{{ 0.1 | plus: 0.2 }} {{ 10.1 | minus: 2.2 }} {{ 1.1 | times: 3 }} {{ 2.675 | round: 2 }} {{ 0.5 | round }}")
                == "0.3 7.9 3.3 2.68 1")
        #expect(
            try render("{{ -7 | divided_by: 2 }} {{ -7 | modulo: 3 }} {{ 7 | modulo: -3 }} {{ 1 | divided_by: 3.0 }}") == "-4 2 -2 0.3333333333333333"
        )
    }
}

/// Ruby Liquid's array filters read their input through `InputIterator`, which flattens nested arrays.
@Suite struct ArrayFlatteningTests {
    func render(_ source: String, _ data: Value = [:]) throws -> String { try Environment().parse(source).render(data) }

    @Test func reverseFlattensNestedArrays() throws {
        let data: Value = ["a": [[4], [2, 2, 0]]]
        #expect(try render("{{ a | reverse | size }}", data) == "4")
        #expect(try render("{{ a | reverse | join: ',' }}", data) == "0,2,2,4")
    }

    @Test func firstLastAndSizeSeeTheArrayAsItIs() throws {
        let data: Value = ["a": [[4], [2, 2, 0]]]
        #expect(try render("{{ a | size }} {{ a | first | size }} {{ a | last | size }}", data) == "2 1 3")
        #expect(try render("{{ a | sort | size }} {{ a | uniq | size }} {{ a | compact | size }}", data) == "4 3 4")
    }
}
