import Foundation

/// Compiles rule regexes the way Vale's patterns read in ICU: Go's `(?P<name>` becomes
/// `(?<name>`; everything else (lookaround, `\\b`, inline flags) ICU takes as is.
enum ICURegex {
    static func compile(_ pattern: String) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: pattern.replacingOccurrences(of: "(?P<", with: "(?<"))
    }

    static func compiles(_ pattern: String) -> Bool { (try? compile(pattern)) != nil }
}
