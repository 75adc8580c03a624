import BrandContext
import Catalog
import Foundation
import Liquid
import Voice

/// What every lint against one brand shares and is costly to build: the voice rules compiled
/// (every rule's regexes), the `claims_policy` patterns, the signal index and the Liquid
/// environment a proposed file is compiled with. Nothing here depends on the file linted, the
/// catalog or the day, so one value serves every lint of a loaded brand (a server, an editor,
/// `DraftLinter`) and a change to a file costs the rules' work on that file only. The one place
/// these are built. Immutable, thread-safe.
package final class BrandLintRules: Sendable {
    package let brand: Brand
    /// The brand's voice rules, or nil when it has no `voice/` folder (or they do not compile).
    let voice: VoiceLinter?
    /// Why the brand's voice rules do not compile, or nil. A lint then cannot run (exit 2),
    /// rather than run without the voice rules and report a clean file.
    package let voiceError: String?
    let support: ClientSupportTable?
    let signals: SignalIndex
    /// `claims_policy`: regulated words (whole words, any case) and patterns, compiled.
    let claimPatterns: [(String, CompiledRegex)]
    /// As `tessera lint` compiles content: unknown claim ids are findings (`claims.unknown`)
    /// where they are written, not compile errors.
    let environment: Environment

    package init(brand: Brand) {
        self.brand = brand
        do {
            (voice, voiceError) = (try Self.voiceLinter(for: brand), nil)
        } catch {
            (voice, voiceError) = (nil, String(describing: error))
        }
        support = ClientSupportTable.bundled
        signals = SignalIndex(guardrails: brand.guardrails)
        let words = brand.facts.claimsPolicy.regulatedWords.map { w in
            (
                "regulated word '\(w)'",
                CompiledRegex(#"(?<![\p{L}\p{N}])"# + NSRegularExpression.escapedPattern(for: w) + #"(?![\p{L}\p{N}])"#, caseInsensitive: true)
            )
        }
        let patterns = brand.facts.claimsPolicy.patterns.compactMap { p in CompiledRegex(checked: p).map { ("pattern \(p)", $0) } }
        claimPatterns = words + patterns
        environment = ContentEnvironment.make(brand: brand, checkClaims: false)
    }

    /// The brand's voice rules compiled, or nil when the brand has no `voice/` folder.
    static func voiceLinter(for brand: Brand) throws -> VoiceLinter? {
        guard FileManager.default.fileExists(atPath: brand.voiceDirectory.path) else { return nil }
        return try VoiceLinter(config: VoiceConfig.styles(folder: brand.voiceDirectory))
    }
}
