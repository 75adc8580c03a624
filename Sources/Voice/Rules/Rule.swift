import Foundation

/// What a rule found in one block: the matched range (UTF-16, in the block's text; nil for a
/// whole-file finding placed at 1:1) and the formatted message.
struct RuleMatch {
    var range: NSRange?
    var match: String
    var message: String
    var description: String
    var action: AlertAction?
}

/// Per-file state shared by rules that look across blocks (consistency, conditional) and the
/// counters a metric formula reads.
final class FileState {
    var sequences: [String] = []
    var sequenceSet: Set<String> = []
    var metrics: [String: Int] = [:]
    var summary = ""
    /// Blocks a conditional rule has not needed to read yet (see `ConditionalRule`).
    var pending: [ObjectIdentifier: [[UInt16]]] = [:]

    func addSequence(_ s: String) { sequences.append(s); sequenceSet.insert(s) }
}

/// One rule type (Vale's `check.Rule`): built once per run, then run over each block its scope
/// selects.
protocol ValeRule: AnyObject {
    var def: RuleDefinition { get }
    /// Lower-cased words of which a block must contain at least one for the rule to match
    /// (nil: no such prefilter). Like Vale's literal prefilter, this skips most rules per block.
    var triggers: [String]? { get }
    func run(_ block: TextBlock, _ state: FileState) throws -> [RuleMatch]
}

enum Triggers {
    /// The first word of each alternative, when every alternative is a plain word or phrase.
    static func firstWords(_ alternatives: [String]) -> [String]? {
        guard !alternatives.isEmpty else { return nil }
        var out: [String] = []
        for a in alternatives {
            var t = a
            if t.hasPrefix("(?i)") { t.removeFirst(4) }
            guard !t.isEmpty,
                t.unicodeScalars.allSatisfy({
                    $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == " " || $0 == "-" || $0 == "'" || $0 == "\u{2019}"
                }),
                let first = t.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).first
            else { return nil }
            out.append(first.lowercased())
        }
        return out
    }
}

extension ValeRule {
    var triggers: [String]? { nil }

    /// Builds a finding with Vale's message arguments: `(match)` or, with an action, `(match, fix)`.
    func finding(_ range: NSRange?, _ match: String) throws -> RuleMatch {
        if var action = def.action, !action.name.isEmpty {
            if def.matchcase && action.name == "replace" { action.params = action.params.map { CaseMatch.recase($0, like: match) } }
            let fixed = try Actions.fix(action, match: match, rule: def)
            let repl = fixed.isEmpty ? match : (fixed.count == 1 ? fixed[0] : Actions.toSentence(fixed, "or"))
            return RuleMatch(
                range: range, match: match,
                message: GoFormat.message(def.message, [.string(match), .string(repl)]),
                description: GoFormat.message(def.description, [.string(match), .string(repl)]),
                action: action)
        }
        return RuleMatch(
            range: range, match: match,
            message: GoFormat.message(def.message, [.string(match)]),
            description: GoFormat.message(def.description, [.string(match)]), action: nil)
    }

    func finding(_ range: NSRange?, match: String, args: [FormatArg], action: AlertAction? = nil) -> RuleMatch {
        RuleMatch(
            range: range, match: match, message: GoFormat.message(def.message, args),
            description: GoFormat.message(def.description, args), action: action ?? def.action)
    }
}

/// Vale's actions (`check/action.go`): what `fix` would suggest, also used as a message argument.
enum Actions {
    static func fix(_ a: AlertAction, match: String, rule: RuleDefinition) throws -> [String] {
        switch a.name {
        case "replace": return a.params
        case "remove": return [""]
        case "suggest": return []
        case "convert":
            switch a.params.first {
            case "simple": return [match.lowercased()]
            default: return [match]
            }
        case "edit":
            guard let op = a.params.first else { throw VoiceError(path: rule.path, "action 'edit' needs params") }
            let p = Array(a.params.dropFirst())
            var out = match
            switch op {
            case "regex":
                guard p.count >= 2, let re = try? Pattern(p[0]) else {
                    throw VoiceError(path: rule.path, "action 'edit regex' needs a pattern and a replacement")
                }
                out = try re.replacingMatches(
                    in: match, withTemplate: p[1].replacingOccurrences(of: "${", with: "$").replacingOccurrences(of: "}", with: ""))
            case "trim_right": out = trimRight(match, p.first ?? "")
            case "trim_left": out = trimLeft(match, p.first ?? "")
            case "trim": out = trimLeft(trimRight(match, p.first ?? ""), p.first ?? "")
            case "truncate":
                let sep = p.first ?? " "
                out = sep.isEmpty ? match : String(match.components(separatedBy: sep).first ?? match)
            case "split":
                let parts = match.components(separatedBy: p.first ?? " ")
                let i = Int(p.count > 1 ? p[1] : "0") ?? 0
                out = i < parts.count ? parts[i] : match
            default: throw VoiceError(path: rule.path, "unknown 'edit' operation '\(op)'")
            }
            return [out.trimmingCharacters(in: .whitespacesAndNewlines)]
        default:
            throw VoiceError(path: rule.path, "unknown action '\(a.name)'")
        }
    }

    static func trimRight(_ s: String, _ cut: String) -> String {
        var s = s
        while let l = s.last, cut.contains(l) { s.removeLast() }
        return s
    }
    static func trimLeft(_ s: String, _ cut: String) -> String {
        var s = s
        while let f = s.first, cut.contains(f) { s.removeFirst() }
        return s
    }

    /// Go's `core.ToSentence`: `'a'`, `'a' or 'b'`, `'a', 'b', or 'c'`.
    static func toSentence(_ words: [String], _ andOr: String) -> String {
        let q = words.map { "'\($0)'" }
        switch q.count {
        case 0: return ""
        case 1: return q[0]
        case 2: return "\(q[0]) \(andOr) \(q[1])"
        default: return q.dropLast().joined(separator: ", ") + ", \(andOr) " + q.last!
        }
    }
}

/// A rule's exceptions (plus the accepted vocabulary when `vocab` is on): one word-bounded
/// alternation searched inside the matched text, and a phrase regex for multi-word entries.
struct Exceptions {
    let regex: Pattern?
    let phrases: Pattern?

    init(_ terms: [String], vocab: [String], useVocab: Bool) throws {
        var all = terms + (useVocab ? vocab : [])
        all = all.enumerated().sorted { a, b in
            a.element.utf8.count != b.element.utf8.count ? a.element.utf8.count > b.element.utf8.count : a.offset < b.offset
        }.map { $0.element }
        if all.isEmpty {
            regex = nil
        } else {
            let body = all.map { $0.hasPrefix("(?i)") ? $0 : "(?-i)" + $0 }.joined(separator: "|")
            regex = try PatternCache.shared.pattern("(?m)\\b(?:\(body))\\b")
        }
        let ph = all.filter { $0.contains(" ") || $0.contains("\t") || $0.contains("\\s") }
        phrases = ph.isEmpty ? nil : (try? PatternCache.shared.pattern("(?i)\\b(?:\(ph.joined(separator: "|")))\\b"))
    }

    func excludes(_ observed: String) throws -> Bool {
        guard let r = regex else { return false }
        return try r.searches(observed)
    }

    /// A scan of one block: its phrase matches are found once (on the first finding that asks),
    /// not once per finding.
    func scan(_ block: TextBlock) -> ExceptionScan { ExceptionScan(exceptions: self, block: block) }
}

/// Whether a rule's findings in one block fall under its exceptions.
struct ExceptionScan {
    let exceptions: Exceptions
    let block: TextBlock
    /// Phrase matches in the block, in order and not overlapping; nil until first needed.
    private var phraseRanges: [NSRange]?

    init(exceptions: Exceptions, block: TextBlock) {
        self.exceptions = exceptions
        self.block = block
    }

    /// True when `observed` is an exception, or `range` lies inside a phrase exception.
    mutating func skips(_ observed: String, _ range: NSRange) throws -> Bool {
        if try exceptions.excludes(observed) { return true }
        guard let p = exceptions.phrases else { return false }
        if phraseRanges == nil { phraseRanges = try p.ranges(in: block) }
        let ranges = phraseRanges!
        // The only phrase that can hold `range` is the last one starting at or before it.
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].location <= range.location { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return false }
        return NSMaxRange(range) <= NSMaxRange(ranges[lo - 1])
    }
}

extension String {
    /// Go's `strings.TrimSpace`, without Foundation's character-set machinery.
    var trimmedSpace: String {
        let u = utf16
        guard let f = u.first, let l = u.last, MappedText.isSpace(f) || MappedText.isSpace(l) else { return self }
        let scalars = unicodeScalars
        var a = scalars.startIndex, z = scalars.endIndex
        while a < z, scalars[a].properties.isWhitespace { a = scalars.index(after: a) }
        while z > a, scalars[scalars.index(before: z)].properties.isWhitespace { z = scalars.index(before: z) }
        return String(scalars[a..<z])
    }
}

extension NSString {
    func sub(_ r: NSRange) -> String { substring(with: r) }
}
