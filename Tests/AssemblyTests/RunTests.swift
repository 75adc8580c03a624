import AssemblyTestSupport
import Foundation
import TestSupport
import Testing

@testable import Assembly

@Suite struct RunTests {
    static func run(_ input: String, template: String? = "welcome") throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString).ndjson")
        try input.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forReadingFrom: url)
        var out: [UInt8] = []
        var run = RenderRun(assembler: Fixture.assembler(template: template))
        run.batchBytes = 64 << 10
        _ = run.run(input: handle, emit: { r, buf in NDJSONWriter.append(r, to: &buf) }, flush: { out += $0 })
        return out
    }

    @Test func oneLinePerInputLineInOrder() throws {
        let input = try String(contentsOf: Corpus.project("examples/recipients.ndjson"), encoding: .utf8)
        let inLines = input.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let out = try Self.run(input)
        let outLines = out.split(separator: 0x0A)
        #expect(outLines.count == inLines.count)
        var statuses = Set<String>()
        for (i, l) in outLines.enumerated() {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(l)) as? [String: Any])
            #expect(Array(obj.keys).count == 12)
            statuses.insert(obj["status"] as! String)
            if let id = obj["id"] as? String, let inObj = try? JSONSerialization.jsonObject(with: Data(inLines[i].utf8)) as? [String: Any] {
                #expect(inObj["id"] as? String == id)
            }
        }
        #expect(statuses == ["rendered", "suppressed", "held", "rejected"])
    }

    @Test func sameInputSameBytes() throws {
        let input = try String(contentsOf: Corpus.project("examples/recipients.ndjson"), encoding: .utf8)
        let a = try Self.run(input)
        let b = try Self.run(input)
        #expect(a == b)
        #expect(a.count > 1_000_000)
    }

    @Test func generatorIsDeterministicAndCoversBranches() throws {
        var g1 = RecipientGenerator(seed: 1, now: Fixture.now)
        var g2 = RecipientGenerator(seed: 1, now: Fixture.now)
        let a = (1...500).map { g1.line($0) }.joined(separator: "\n") + "\n"
        #expect(a == (1...500).map { g2.line($0) }.joined(separator: "\n") + "\n")
        // The shipped example is exactly this output.
        #expect(a == (try String(contentsOf: Corpus.project("examples/recipients.ndjson"), encoding: .utf8)))
        let out = String(decoding: try Self.run(a, template: nil), as: UTF8.self)
        for code in [
            "template.by-decision", "template.by-action", "template.none", "block.chosen", "block.ineligible", "block.locale",
            "block.outranked", "holdout.group", "consent.email", "consent.personalization",
            "record.invalid-json", "record.missing-id", "liquid.undefined",
        ] {
            #expect(out.contains("\"code\":\"\(code)\""), "no \(code) in the example run")
        }
    }
}

@Suite struct ExplainTests {
    @Test func explainListsEveryCandidatePerSlot() throws {
        let json = Fixture.welcome()
        guard case .success(let rec) = RecipientRecord.read(Array(json.utf8), line: 1) else { Issue.record("bad record"); return }
        let text = Explainer.explain(rec, assembler: Fixture.assembler())
        #expect(text.contains("template.by-action"))
        #expect(text.contains("template welcome (email); personalized: true"))
        #expect(text.contains("  slot hero (accepts welcome; min 1, max 1; fallback hero-welcome)"))
        let welcome = Fixture.catalog.template("welcome")!
        for slot in welcome.slots {
            for b in Fixture.catalog.candidates(for: slot) { #expect(text.contains(" \(b.id): "), "\(b.id) missing from explain") }
        }
        #expect(text.contains("block.ineligible"))
        #expect(text.contains("block.outranked"))
        #expect(text.contains("status: rendered"))
    }
}
