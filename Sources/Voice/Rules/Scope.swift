import Foundation

/// A rule's `scope` (Vale's `check/scope.go`): a list of alternatives (ORed); each alternative is
/// `&`-separated parts (ANDed); a part is a dotted set of sections that must all be present in
/// the block's scope, or, with a leading `~`, must not be.
struct RuleScope: Sendable {
    struct Part: Sendable {
        var sections: Set<String>
        var negated: Bool
    }
    let alternatives: [[Part]]
    let raw: [String]

    init(_ values: [String]) {
        raw = values
        alternatives = values.map { value in
            value.split(separator: "&", omittingEmptySubsequences: false).map { part in
                var s = part.trimmingCharacters(in: .whitespaces)
                var neg = false
                if s.hasPrefix("~") { neg = true; s.removeFirst() }
                return Part(sections: Set(s.split(separator: ".").map { String($0).trimmingCharacters(in: .whitespaces) }), negated: neg)
            }
        }
    }

    /// Whether any alternative names the given section (used to decide which NLP blocks to build).
    func mentions(_ section: String) -> Bool {
        alternatives.contains { alt in alt.contains { !$0.negated && $0.sections.contains(section) } }
    }

    func matches(_ block: BlockScope) -> Bool {
        for alt in alternatives {
            // Sentence and paragraph fragments are seen only by rules that ask for them.
            if block.kind == .sentence && !alt.contains(where: { !$0.negated && $0.sections.contains("sentence") }) { continue }
            if block.kind == .paragraph && !alt.contains(where: { !$0.negated && $0.sections.contains("paragraph") }) { continue }
            if partsMatch(alt, block) { return true }
        }
        return false
    }

    private func partsMatch(_ parts: [Part], _ block: BlockScope) -> Bool {
        let sections = block.sections
        for p in parts {
            let has = p.sections.isSubset(of: sections)
            if p.negated {
                if sections.contains("raw") || sections.contains("summary") { return false }
                if has { return false }
            } else if !has {
                return false
            }
        }
        return true
    }
}

/// The scope of one extracted block, e.g. `text.heading.h2.md` or `sentence.text.md`.
struct BlockScope: Sendable {
    enum Kind: Sendable { case text, sentence, paragraph, summary, raw }
    let name: String
    let kind: Kind
    /// The dotted sections as a set; computed on demand (rule/scope matches are cached per name).
    var sections: Set<String> { Set(name.split(separator: ".").map(String.init)) }

    init(_ name: String) {
        self.name = name
        if name.hasPrefix("sentence.") {
            kind = .sentence
        } else if name.hasPrefix("paragraph.") {
            kind = .paragraph
        } else if name.hasPrefix("summary") {
            kind = .summary
        } else if name.hasPrefix("raw") {
            kind = .raw
        } else {
            kind = .text
        }
    }
}
