import Foundation

/// What rule construction needs from the configuration.
struct RuleContext {
    var wordTemplate: String?
    var accepted: [String]
    var rejected: [String]
    /// Where spelling rules look for `ignore` files and dictionaries.
    var stylesPaths: [URL] = []

    static let defaultWordTemplate = "(?m)\\b(?:%s)\\b"
    static let nonwordTemplate = "(?m)(?:%s)"

    func template(word: Bool, custom: Bool = true) -> String {
        word ? ((custom ? wordTemplate : nil) ?? RuleContext.defaultWordTemplate) : RuleContext.nonwordTemplate
    }

    /// Go's `fmt.Sprintf(template, x)` for the one `%s` templates carry.
    static func fill(_ template: String, _ s: String) -> String {
        guard let r = template.range(of: "%s") else { return template.replacingOccurrences(of: "%%", with: "%") }
        let before = String(template[..<r.lowerBound]).replacingOccurrences(of: "%%", with: "%")
        let after = String(template[r.upperBound...]).replacingOccurrences(of: "%%", with: "%")
        return before + s + after
    }
}
