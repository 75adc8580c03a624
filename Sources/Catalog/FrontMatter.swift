import Foundation

/// A content file split at its `---` fences: YAML front matter and the body below it.
/// Line numbers are kept so YAML, Liquid and MJML errors point into the file itself.
public struct FrontMatter: Sendable {
    /// The YAML between the fences.
    public var yaml: String
    /// The body after the closing fence.
    public var body: String
    /// 1-based line of the first YAML line (2 when the file starts with `---`).
    public var yamlLine: Int
    /// 1-based line of the first body line.
    public var bodyLine: Int

    /// Splits `text`; nil when the file does not start with a `---` line or the fence is never
    /// closed (the caller reports where).
    public static func split(_ text: String) -> FrontMatter? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else { return nil }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else { return nil }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return FrontMatter(yaml: yaml, body: body, yamlLine: 2, bodyLine: close + 2)
    }

    static func isFence(_ line: Substring) -> Bool {
        line.trimmingCharacters(in: .whitespaces) == "---"
    }

    /// `text` preceded by `line - 1` newlines, so a parser's line numbers are the file's.
    static func padded(_ text: String, toLine line: Int) -> String {
        String(repeating: "\n", count: max(0, line - 1)) + text
    }
}
