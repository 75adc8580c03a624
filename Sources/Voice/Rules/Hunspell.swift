import Foundation

/// A Hunspell dictionary (`.aff` + `.dic`), checking words the way Hunspell does for the subset
/// of the affix format that English dictionaries use: `PFX`/`SFX` with strip, conditions and
/// cross products (one prefix with one suffix), `FLAG` (single characters, `long`, `num`,
/// `UTF-8`), `ONLYINCOMPOUND`, `NEEDAFFIX`, `FORBIDDENWORD` and `ICONV`. Compound rules are not
/// run: the only words they build in `en_US` are ordinals (`21st`), which Vale's default filter
/// skips anyway (a token with a digit is not spell-checked).
final class Hunspell: @unchecked Sendable {
    struct Affix {
        let flag: String
        let cross: Bool
        let strip: String
        let affix: String
        let condition: [(set: Set<Character>, negated: Bool)]?  // nil: `.` (any)
    }

    private(set) var words: [String: Set<String>] = [:]
    private var prefixes: [Affix] = []
    private var suffixes: [Affix] = []
    private var onlyInCompound: String?, needAffix: String?, forbidden: String?
    private(set) var iconv: [(String, String)] = []
    private var flagMode = "char"

    struct LoadError: Error, CustomStringConvertible {
        let path: String, line: Int, message: String
        var description: String { "\(path):\(line): \(message)" }
    }

    init(aff: URL, dic: URL) throws {
        try readAffixes(try Hunspell.text(aff), path: aff.path)
        try readWords(try Hunspell.text(dic))
    }

    private static func text(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LoadError(path: url.path, line: 0, message: "cannot read the dictionary file")
        }
        // `SET UTF-8` is what current dictionaries use; older ones are Latin-1.
        return String(data: data, encoding: .utf8) ?? String(decoding: data.map { UInt16($0) }, as: UTF16.self)
    }

    private func readAffixes(_ text: String, path: String) throws {
        var pending: [String: Int] = [:]  // affix header flag → entries still to read
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let f = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let key = f.first, !key.hasPrefix("#") else { continue }
            switch key {
            case "FLAG": flagMode = f.count > 1 ? f[1] : "char"
            case "ONLYINCOMPOUND": onlyInCompound = f.count > 1 ? f[1] : nil
            case "NEEDAFFIX", "PSEUDOROOT": needAffix = f.count > 1 ? f[1] : nil
            case "FORBIDDENWORD": forbidden = f.count > 1 ? f[1] : nil
            case "ICONV" where f.count >= 3: iconv.append((f[1], f[2]))
            case "PFX", "SFX":
                guard f.count >= 4 else { throw LoadError(path: path, line: i + 1, message: "expected '\(key) flag strip affix [condition]'") }
                let header = "\(key) \(f[1])"
                if pending[header] == nil, let n = Int(f[3]), f[2] == "Y" || f[2] == "N" {
                    pending[header] = n
                    crossOf[header] = f[2] == "Y"
                    continue
                }
                let affixField = f[3].split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
                let a = Affix(
                    flag: f[1], cross: crossOf[header] ?? false, strip: f[2] == "0" ? "" : f[2],
                    affix: affixField == "0" ? "" : affixField,
                    condition: Hunspell.condition(f.count > 4 ? f[4] : "."))
                if key == "PFX" { prefixes.append(a) } else { suffixes.append(a) }
            default: continue
            }
        }
    }
    private var crossOf: [String: Bool] = [:]

    /// A condition such as `[^aeiou]y` as one character set per position (nil for `.`).
    static func condition(_ c: String) -> [(set: Set<Character>, negated: Bool)]? {
        if c == "." { return nil }
        var out: [(Set<Character>, Bool)] = []
        var chars = Array(c)[...]
        while let ch = chars.popFirst() {
            if ch == "[" {
                var neg = false
                if chars.first == "^" { neg = true; chars.removeFirst() }
                var set = Set<Character>()
                while let x = chars.popFirst(), x != "]" { set.insert(x) }
                out.append((set, neg))
            } else if ch == "." {
                out.append(([], true))
            } else {
                out.append(([ch], false))
            }
        }
        return out
    }

    private func readWords(_ text: String) throws {
        var first = true
        for raw in text.split(separator: "\n") {
            var line = Substring(raw.trimmingCharacters(in: .whitespaces))
            if first { first = false; if Int(line) != nil { continue } }
            if line.isEmpty { continue }
            // Morphological fields follow a tab or a space; the word is before the flags' slash.
            if let sp = line.firstIndex(where: { $0 == "\t" || $0 == " " }) { line = line[..<sp] }
            var word = String(line), flags = ""
            if let slash = Hunspell.unescapedSlash(line) {
                word = String(line[..<slash]).replacingOccurrences(of: "\\/", with: "/")
                flags = String(line[line.index(after: slash)...])
            }
            words[word, default: []].formUnion(parseFlags(flags))
        }
    }

    private static func unescapedSlash(_ s: Substring) -> Substring.Index? {
        var prev: Character = " "
        for i in s.indices {
            if s[i] == "/" && prev != "\\" && i != s.startIndex { return i }
            prev = s[i]
        }
        return nil
    }

    private func parseFlags(_ s: String) -> Set<String> {
        switch flagMode {
        case "long":
            var out = Set<String>(), chars = Array(s), i = 0
            while i + 1 < chars.count { out.insert(String(chars[i...i + 1])); i += 2 }
            return out
        case "num": return Set(s.split(separator: ",").map { String($0) })
        default: return Set(s.map { String($0) })
        }
    }

    // MARK: - Checking

    /// The word with the `.aff` file's `ICONV` conversions applied.
    func convert(_ word: String) -> String {
        var w = word
        for (from, to) in iconv where w.contains(from) { w = w.replacingOccurrences(of: from, with: to) }
        return w
    }

    /// Whether the dictionary accepts `word`, trying its lower-case (and, for an all-caps word,
    /// capitalized) forms as Hunspell does.
    /// `extra` holds words accepted as they are (a rule's `ignore` files), cased as roots are.
    func check(_ word: String, extra: Set<String> = []) -> Bool {
        let w = convert(word)
        if Hunspell.isNumber(w) { return true }
        let accepts = { (x: String) in extra.contains(x) || self.accepts(x) }
        if accepts(w) { return true }
        let letters = w.filter(\.isLetter)
        guard !letters.isEmpty else { return false }
        if letters.allSatisfy(\.isUppercase) && letters.count > 1 {
            return accepts(w.lowercased()) || accepts(SubstitutionRule.capFirst(w.lowercased()))
        }
        if let f = w.first, f.isUppercase, w.dropFirst().allSatisfy({ !$0.isUppercase }) {
            return accepts(w.lowercased())
        }
        return false
    }

    /// Hunspell accepts numbers: digits with single `.`, `,` or `-` between them (`1,000`, `3.5`).
    static func isNumber(_ w: String) -> Bool {
        var prevDigit = false, any = false
        for u in w.unicodeScalars {
            if u.isASCII && u.properties.numericType == .decimal { prevDigit = true; any = true; continue }
            guard prevDigit, u == "." || u == "," || u == "-" else { return false }
            prevDigit = false
        }
        return any && prevDigit
    }

    /// The word as written: a root, or a root with one prefix and/or one suffix.
    private func accepts(_ w: String) -> Bool {
        if let f = words[w], rootAlone(f) { return true }
        for s in suffixes where w.count > s.affix.count && w.hasSuffix(s.affix) {
            let root = String(w.dropLast(s.affix.count)) + s.strip
            if Hunspell.endMatches(s.condition, root), let f = words[root], f.contains(s.flag), usable(f) { return true }
        }
        for p in prefixes where w.count > p.affix.count && w.hasPrefix(p.affix) {
            let rest = p.strip + String(w.dropFirst(p.affix.count))
            if Hunspell.startMatches(p.condition, rest), let f = words[rest], f.contains(p.flag), usable(f) { return true }
            guard p.cross else { continue }
            for s in suffixes where s.cross && rest.count > s.affix.count && rest.hasSuffix(s.affix) {
                let root = String(rest.dropLast(s.affix.count)) + s.strip
                if Hunspell.endMatches(s.condition, root), Hunspell.startMatches(p.condition, root),
                    let f = words[root], f.contains(s.flag), f.contains(p.flag), usable(f)
                {
                    return true
                }
            }
        }
        return false
    }

    private func usable(_ f: Set<String>) -> Bool {
        !(forbidden.map(f.contains) ?? false) && !(onlyInCompound.map(f.contains) ?? false)
    }

    private func rootAlone(_ f: Set<String>) -> Bool {
        usable(f) && !(needAffix.map(f.contains) ?? false)
    }

    static func endMatches(_ cond: [(set: Set<Character>, negated: Bool)]?, _ s: String) -> Bool {
        guard let cond else { return true }
        let chars = Array(s)
        guard chars.count >= cond.count else { return false }
        for (k, c) in cond.enumerated() where c.set.contains(chars[chars.count - cond.count + k]) == c.negated { return false }
        return true
    }

    static func startMatches(_ cond: [(set: Set<Character>, negated: Bool)]?, _ s: String) -> Bool {
        guard let cond else { return true }
        let chars = Array(s)
        guard chars.count >= cond.count else { return false }
        for (k, c) in cond.enumerated() where c.set.contains(chars[k]) == c.negated { return false }
        return true
    }
}

/// Where Hunspell dictionaries are looked for when a rule names no `dicpath`.
public enum HunspellDictionaries {
    /// Debian's `hunspell-en-us` and friends install here.
    public static let systemFolders = ["/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell"]

    /// The `.aff`/`.dic` pair of `name` in the first folder that has both.
    public static func find(_ name: String, in folders: [String]) -> (aff: URL, dic: URL)? {
        for folder in folders {
            let base = URL(fileURLWithPath: folder)
            let aff = base.appendingPathComponent("\(name).aff"), dic = base.appendingPathComponent("\(name).dic")
            if FileManager.default.fileExists(atPath: aff.path) && FileManager.default.fileExists(atPath: dic.path) { return (aff, dic) }
        }
        return nil
    }

    /// Dictionaries are large (en_US: 49,000 roots); each is read once per process.
    static func load(aff: URL, dic: URL) throws -> Hunspell {
        let key = aff.path + "\n" + dic.path
        lock.lock(); defer { lock.unlock() }
        if let hit = cache[key] { return hit }
        let h = try Hunspell(aff: aff, dic: dic)
        cache[key] = h
        return h
    }
    nonisolated(unsafe) private static var cache: [String: Hunspell] = [:]
    private static let lock = NSLock()
}
