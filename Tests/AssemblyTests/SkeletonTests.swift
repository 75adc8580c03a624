import Catalog
import Foundation
import Liquid
import MJML
import Testing

@testable import Assembly

/// The skeleton design must be invisible: filling a cached skeleton gives exactly what rendering
/// the MJML with the values inline gives.
@Suite struct SkeletonTests {
    static func records(_ count: Int, seed: UInt64) -> [String] {
        var g = RecipientGenerator(seed: seed, now: Fixture.now)
        return (1...count).map { g.line($0) }
    }

    /// Renders a recipient the slow way: Liquid with values inline, then MJML.
    static func inline(_ record: RecipientRecord, _ a: Assembler) throws -> (html: String, text: String)? {
        var out = RenderedRecipient(line: record.line, id: record.id, status: .held, template: nil, personalized: false)
        guard let sel = a.select(record, into: &out) else { return nil }
        let t = sel.template
        let base: [(String, Value)] = [("recipient", sel.recipient), ("template", ["id": .string(t.id), "channel": .string(t.channel)])]
        let subject = try t.subject.render(.object(LiquidObject(base)))
        let preheader = try t.preheader.render(.object(LiquidObject(base)))
        var chosen: [String: [BlockDefinition]] = [:]
        for b in sel.blocks { chosen[b.slot, default: []].append(b) }
        let tpl = try Fixture.catalog.environment.parse(Fixture.catalog.composeSource(t, blocks: chosen))
        var bytes: [UInt8] = []
        try tpl.render(
            .object(LiquidObject(base + [("subject", .string(subject)), ("preheader", .string(preheader))])), into: &bytes,
            registers: [ClaimState.register: ClaimState(locale: record.string("locale"))])
        let doc = MJML.parse(bytes: bytes, options: MJMLParseOptions(validation: .skip))
        return (MJML.render(doc), MJML.renderText(doc))
    }

    @Test func filledEqualsInlineOnGeneratedRecipients() throws {
        let a = Fixture.assembler(template: "welcome")
        var compared = 0
        for (i, line) in Self.records(600, seed: 11).enumerated() {
            let r = a.render(line: Array(line.utf8), number: i + 1)
            guard r.status == .rendered, case .success(let record) = RecipientRecord.read(Array(line.utf8), line: i + 1) else { continue }
            let expected = try #require(try Self.inline(record, Fixture.assembler(template: "welcome")))
            #expect(r.html == expected.html, "html differs for \(record.id)")
            if r.text != expected.text {
                let a = Array(r.text.utf8), b = Array(expected.text.utf8)
                let k = zip(a, b).prefix { $0 == $1 }.count
                Issue.record(
                    "text differs for \(record.id) at \(k): got '\(String(decoding: a[max(0, k - 40)..<min(a.count, k + 60)], as: UTF8.self))' expected '\(String(decoding: b[max(0, k - 40)..<min(b.count, k + 60)], as: UTF8.self))'"
                )
            }
            compared += 1
        }
        #expect(compared > 450)
        // Compile once, render many: far fewer MJML renders than messages.
        #expect(a.mjmlRenders * 2 < compared)
    }

    @Test func placeholdersCutAndValidated() {
        let ok = Array("a\u{E000}0\u{E001}b\u{E000}1\u{E001}".utf8)
        #expect(Skeleton.cut(ok, holeCount: 2, requireAll: true)?.holes == [0, 1, -1])
        #expect(Skeleton.cut(ok, holeCount: 3, requireAll: true) == nil)  // hole 2 dropped
        #expect(Skeleton.cut(ok, holeCount: 3, requireAll: false) != nil)
        #expect(Skeleton.cut(Array("a\u{E000}0b".utf8), holeCount: 1, requireAll: false) == nil)  // mangled
        #expect(Skeleton.cut(Array("a\u{E000}9\u{E001}".utf8), holeCount: 1, requireAll: false) == nil)  // no such hole
    }

    /// A value MJML computes with (a column width) makes the permutation value-structural: the
    /// output is still exactly the inline rendering.
    @Test func valueInComputedAttributeFallsBackToInline() throws {
        let env = Fixture.catalog.environment
        let src = #"<mjml><mj-body><mj-section><mj-column width="{{ w }}"><mj-text>{{ n }}</mj-text></mj-column></mj-section></mj-body></mjml>"#
        let tpl = try env.parse(src)
        var bytes: [UInt8] = []
        var holes: [Hole] = []
        try tpl.render(["w": "40%", "n": "x"], into: &bytes, holes: &holes)
        let built = Skeleton.build(mjml: bytes, holeCount: holes.count)
        if let built {
            var out: [UInt8] = []
            Fill.html(built.html, holes, json: false, into: &out)
            let inline = MJML.render(MJML.parse(try tpl.render(["w": "40%", "n": "x"])))
            #expect(String(decoding: out, as: UTF8.self) == inline)
        }
    }
}
