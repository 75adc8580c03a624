import Foundation

/// Whether output goes to a person at a terminal, and the colours used there. Colour only on a
/// terminal (never in a pipe or a file), and never when NO_COLOR is set to anything non-empty
/// (https://no-color.org) or the terminal says it is dumb.
enum Terminal {
    static let standardOutputColours = colours(STDOUT_FILENO)
    static let standardErrorColours = colours(STDERR_FILENO)

    static func colours(_ fd: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard isatty(fd) != 0 else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

    /// "error:" in bold red, "warning:" in yellow, "note:" in blue: at the start of the line,
    /// or after a FILE:LINE:COL location ("brand/claims.yaml:3:5: error: …").
    static func highlightSeverity(_ line: String) -> String {
        for (word, code) in [("error:", "1;31"), ("warning:", "33"), ("note:", "34")] {
            if line.hasPrefix(word) { return "\u{1B}[\(code)m\(word)\u{1B}[0m" + line.dropFirst(word.count) }
            if let r = line.range(of: ": \(word) "), !line[..<r.lowerBound].contains(" ") {
                return line[..<r.lowerBound] + ": \u{1B}[\(code)m\(word)\u{1B}[0m " + line[r.upperBound...]
            }
        }
        return line
    }
}
