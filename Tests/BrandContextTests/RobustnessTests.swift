import Foundation
import Testing

@testable import BrandContext

/// Bad input never crashes the loader: seeded random damage to the shipped files must give
/// located errors (or a valid brand), never a trap.
@Suite struct RobustnessTests {
    /// A small deterministic generator (no dependency on the system's random source).
    struct LCG {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let junk = [
        "  - id: x", "foo: [", "  bar: 1", ": :", "- ", "\"", "\t", "valid_from: 2020-13-01",
        "disclaimers: 5", "  - {id: }", "---", "when: {any: [{not: {}}]}", "extends: [a]",
    ]

    @Test(arguments: 0..<24)
    func damagedBrandNeverCrashes(seed: Int) throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        var rng = LCG(state: UInt64(seed) &+ 1)
        let files = ["brand.yaml", "claims.yaml", "guardrails.yaml", "voice/Larchwood/Terms.yml", "voice/Larchwood/Exclamation.yml"]
        let file = files[rng.next(files.count)]
        var lines = try fixture.text(file).components(separatedBy: "\n")
        for _ in 0...rng.next(4) {
            let k = rng.next(lines.count)
            switch rng.next(4) {
            case 0: lines.remove(at: k)
            case 1: lines.insert(Self.junk[rng.next(Self.junk.count)], at: k)
            case 2: lines[k] = lines[k].replacingOccurrences(of: ":", with: "")
            default: lines[k] = " " + lines[k]
            }
        }
        try fixture.write(file, lines.joined(separator: "\n"))
        let result = fixture.load()
        if result.brand == nil {
            #expect(!result.errors.isEmpty)
            #expect(result.errors.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 && !$0.message.isEmpty })
        }
    }
}
