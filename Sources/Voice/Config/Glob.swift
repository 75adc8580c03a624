import Foundation

/// A section glob of `.vale.ini` (gobwas/glob without separators: `*` and `**` match any run of
/// characters, `?` one, `{a,b}` alternatives, `[...]` a class, a leading `!` negates).
struct Glob: Sendable {
    let source: String
    let negated: Bool
    let regex: NSRegularExpression

    init(_ pattern: String) throws {
        source = pattern
        var p = pattern
        negated = p.hasPrefix("!")
        if negated { p.removeFirst() }
        var out = "^"
        var depth = 0
        var chars = Array(p)[...]
        while let c = chars.popFirst() {
            switch c {
            case "*": out += ".*"; while chars.first == "*" { chars.removeFirst() }
            case "?": out += "."
            case "{": out += "(?:"; depth += 1
            case "}" where depth > 0: out += ")"; depth -= 1
            case "," where depth > 0: out += "|"
            case "[":
                out += "["
                if chars.first == "!" { chars.removeFirst(); out += "^" }
                while let d = chars.popFirst(), d != "]" { out += d == "\\" ? "\\\\" : String(d) }
                out += "]"
            case "\\": if let d = chars.popFirst() { out += NSRegularExpression.escapedPattern(for: String(d)) }
            default: out += NSRegularExpression.escapedPattern(for: String(c))
            }
        }
        out += "$"
        do { regex = try NSRegularExpression(pattern: out) } catch { throw VoiceError(path: "", "invalid glob '\(pattern)'") }
    }

    func matches(_ path: String) -> Bool {
        let hit = regex.firstMatch(in: path, range: NSRange(location: 0, length: (path as NSString).length)) != nil
        return negated ? !hit : hit
    }
}
