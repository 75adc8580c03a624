import Catalog
import Foundation

/// `cta.count` (buttons per block and per message) and `cta.text` (banned or badly sized text).
struct CTALintRules: LintRule {
    let ids = ["cta.count", "cta.text"]

    func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        let rules = context.brand.facts.cta
        var out: [Finding] = []
        let buttons = file.tags.filter { $0.name == "mj-button" && !$0.selfClosing }
        if buttons.count > rules.maxPerMessage {
            out.append(
                file.finding(
                    "cta.count", .error, at: buttons[rules.maxPerMessage].offset,
                    "\(buttons.count) buttons in one file: the brand allows at most \(rules.maxPerMessage) per message"))
        } else if let t = file.template {
            let most = Self.mostButtons(t, own: buttons.count, context)
            if most > rules.maxPerMessage {
                out.append(
                    file.fileFinding(
                        "cta.count", .error,
                        "template '\(t.id)' can carry \(most) buttons in one message: the brand allows at most \(rules.maxPerMessage)"))
            }
        }
        for (text, offset) in buttons.flatMap({ Markup.alternatives(of: $0, in: file.source) }) {
            let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !words.isEmpty else { continue }
            let lead = text.utf16.count - text.drop { $0.isWhitespace }.utf16.count
            let at = offset + lead
            if rules.bannedText.contains(words.lowercased()) {
                out.append(
                    file.finding(
                        "cta.text", .error, at: at,
                        "button text '\(words)' is banned: say what happens (\(rules.preferredVerbs.prefix(4).joined(separator: ", "))…)"))
            } else if let max = rules.maxLength, words.count > max {
                out.append(file.finding("cta.text", .warning, at: at, "button text '\(words)' is \(words.count) characters: at most \(max)"))
            } else if let min = rules.minLength, words.count < min {
                out.append(file.finding("cta.text", .warning, at: at, "button text '\(words)' is \(words.count) characters: at least \(min)"))
            }
        }
        return out
    }

    /// The most buttons one message of the template can hold: its own plus, per slot, the
    /// `max` blocks with the most buttons.
    static func mostButtons(_ t: TemplateDefinition, own: Int, _ context: LintContext) -> Int {
        var total = max(buttons(in: t.bodySource), own)
        for s in t.slots {
            var counts = context.catalog.candidates(for: s).map { buttons(in: $0.bodySource) }
            if let f = s.fallback, let b = context.catalog.block(f) { counts.append(buttons(in: b.bodySource)) }
            total += counts.sorted(by: >).prefix(s.max).reduce(0, +)
        }
        return total
    }

    static let button = CompiledRegex(#"<mj-button\b[^>]*[^/]>"#)
    static let attributesBlock = CompiledRegex(#"<mj-attributes\b[\s\S]*?</mj-attributes>"#)

    /// Buttons (not `<mj-button …/>` defaults inside `<mj-attributes>`) in a source.
    static func buttons(in source: String) -> Int {
        let ns = NSMutableString(string: source)
        for m in attributesBlock.matches(source).reversed() { ns.replaceCharacters(in: m.range, with: "") }
        return button.matches(ns as String).count
    }
}

/// `legal.unsubscribe`, `legal.address`: what every email must carry by law.
struct LegalLintRules: LintRule {
    let ids = ["legal.unsubscribe", "legal.address"]

    func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        guard let t = file.template, t.channel == "email" else { return [] }
        let facts = context.brand.facts
        var out: [Finding] = []
        let unsubscribe = facts.legal.unsubscribeURL ?? "unsubscribe"
        if facts.legal.unsubscribeRequired, !t.bodySource.contains(unsubscribe) {
            out.append(
                file.fileFinding("legal.unsubscribe", .error, "email template '\(t.id)' has no unsubscribe link (expected a link to \(unsubscribe))"))
        }
        if facts.legal.addressRequired {
            let missing = facts.postalAddresses.filter { a in !a.lines.allSatisfy { t.bodySource.contains($0) } }
            if !missing.isEmpty {
                out.append(
                    file.fileFinding(
                        "legal.address", .error,
                        "email template '\(t.id)' does not print the postal address for \(missing.map(\.market).joined(separator: ", "))"))
            }
        }
        return out
    }
}
