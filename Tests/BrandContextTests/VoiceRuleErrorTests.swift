import Diagnostics
import Foundation
import Testing

@testable import BrandContext

/// Voice rules Vale would reject, each at its place.
@Suite struct VoiceRuleErrorTests {
    func load(rule: String) throws -> BrandLoadResult {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        try fixture.write("voice/Larchwood/Bad.yml", rule)
        return fixture.load()
    }

    func errors(_ result: BrandLoadResult) -> [Diagnostic] {
        result.errors.filter { $0.location.file == "brand/voice/Larchwood/Bad.yml" }
    }

    @Test func unknownExtends() throws {
        let result = try load(rule: "message: \"x\"\nextends: existance\ntokens: [a]\n")
        let error = try #require(errors(result).first)
        #expect(error.location.line == 2 && error.location.column == 10)
        #expect(error.message.contains("unknown rule type 'existance'") && error.message.contains("did you mean 'existence'"))
    }

    @Test func missingMessage() throws {
        let result = try load(rule: "extends: substitution\nswap:\n  a: b\n")
        #expect(errors(result).contains { $0.message.contains("missing required key 'message'") && $0.location.line == 1 })
    }

    @Test func missingTypeKeys() throws {
        let result = try load(rule: "extends: occurrence\nmessage: too many\n")
        #expect(errors(result).contains { $0.message.contains("missing required key 'token'") })
        #expect(errors(result).contains { $0.message.contains("needs 'max' or 'min'") })
    }

    @Test func regexThatDoesNotCompile() throws {
        let result = try load(rule: "extends: existence\nmessage: '%s'\ntokens:\n  - fine\n  - 'broken(['\n")
        let error = try #require(errors(result).first)
        #expect(error.location.line == 5 && error.location.column == 5)
        #expect(error.message.contains("does not compile"))
    }

    @Test func badLevel() throws {
        let result = try load(rule: "extends: existence\nmessage: '%s'\nlevel: fatal\ntokens: [a]\n")
        let error = try #require(errors(result).first)
        #expect(error.location.line == 3 && error.location.column == 8)
        #expect(error.message.contains("expected suggestion, warning or error"))
    }

    @Test func unknownKeyForType() throws {
        let result = try load(rule: "extends: substitution\nmessage: '%s'\nappend: true\nswap: {a: b}\n")
        let error = try #require(errors(result).first)
        #expect(error.location.line == 3 && error.location.column == 1)
        #expect(error.message.contains("unknown key 'append' for a substitution rule"))
    }

    @Test func scopeValeRejects() throws {
        let result = try load(rule: "extends: existence\nmessage: '%s'\nscope: [text, code]\ntokens: [a]\n")
        let error = try #require(errors(result).first)
        #expect(error.location.line == 3 && error.location.column == 15)
        #expect(error.message.contains("use 'raw'"))
    }

    @Test func consistencyIgnoresUnknownKeysLikeVale() throws {
        let result = try load(rule: "extends: consistency\nmessage: '%s'\nwhatever: 1\neither: {gray: grey}\n")
        #expect(errors(result).isEmpty)
    }

    @Test func yamlRuleFileIsIgnoredWithWarning() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        try fixture.write("voice/Larchwood/Extra.yaml", "extends: existence\nmessage: x\ntokens: [a]\n")
        let result = fixture.load()
        #expect(result.brand != nil)
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.location.file.hasSuffix("Extra.yaml") })
    }

    @Test func badVocabularyEntry() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        try fixture.write("voice/config/vocabularies/Larchwood/accept.txt", "Larchwood\n(unclosed\n")
        let result = fixture.load()
        #expect(result.errors.contains { $0.location.file.hasSuffix("accept.txt") && $0.location.line == 2 })
    }
}
