import Foundation
import Voice

enum RegexSyntax {
    /// Voice rule and vocabulary regexes, checked with the engine that runs them (Vale's syntax
    /// translated for ICU, lookbehind of any length included): a brand is refused only for what
    /// Vale refuses.
    static func compiles(_ pattern: String) -> Bool { VoiceRegex.compiles(pattern) }

    /// Patterns Policy runs with NSRegularExpression as written (`claims_policy.patterns`).
    static func compilesAsWritten(_ pattern: String) -> Bool { (try? NSRegularExpression(pattern: pattern)) != nil }
}
