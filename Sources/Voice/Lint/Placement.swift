import Foundation

/// Where an alert lands: the source line and rune column of a finding, the way Vale places it
/// (precise offsets where the match is in the source verbatim, its last-line search for
/// structural blocks, its sentence guess when the match spans markup), plus its duplicate and
/// `limit` rules.
extension FileRun {
    /// Vale's `assignLoc` for a structural block: the match is searched in the block's last
    /// source line, word-bounded occurrences first, skipping ones next to a backtick or a dash.
    /// The line's occurrences of a match text are found once per block (`LastLineSearch`), so
    /// many alerts on one long line cost one scan per distinct match, not one per alert.
    func searchLastLine(_ match: String, of b: TextBlock, check: ObjectIdentifier) -> (Int, Int)? {
        if lastLine == nil {
            guard let lastOff = b.map.last(where: { $0 >= 0 }) else { return nil }
            let li = source.lineIndex(of: lastOff)
            let start = source.lineStarts[li]
            let end = li + 1 < source.lineStarts.count ? source.lineStarts[li + 1] : source.utf16.count
            lastLine = LastLineSearch(index: li, start: start, units: source.utf16[start..<end])
        }
        guard let p = lastLine!.pick(match, check: check) else { return nil }
        let line = lastLine!
        return (line.index + 1, source.runes(from: line.start, to: line.start + p) + 1)
    }

    /// Whether the source holds `match` verbatim at `off` (ASCII quotes match curly ones).
    func literal(_ match: String, at off: Int) -> Bool {
        let m = Array(match.utf16)
        guard off + m.count <= source.utf16.count else { return false }
        for (k, u) in m.enumerated() {
            let s = source.utf16[off + k]
            if s == u { continue }
            if u == 39 && (s == 0x2018 || s == 0x2019) { continue }
            if u == 34 && (s == 0x201C || s == 0x201D) { continue }
            return false
        }
        return true
    }

    /// Remembered per block and match (`guesses`): each guess reads the whole file.
    func guessLine(_ match: String, in b: TextBlock, from line: Int) -> Int? {
        let key = GuessKey(match: match, from: line)
        if let known = guesses[key] { return known }
        let guess = computeGuessLine(match, in: b, from: line)
        guesses[key] = guess
        return guess
    }

    private func computeGuessLine(_ match: String, in b: TextBlock, from line: Int) -> Int? {
        var target: String?
        if blockSentences == nil { blockSentences = Sentences.split(b.text) }
        for s in blockSentences! {
            if s == match { target = s } else if let r = s.range(of: match), r.lowerBound > s.startIndex { target = s }
        }
        guard let target else { return nil }
        let tokens = target.split(whereSeparator: { $0.isWhitespace }).map {
            $0.trimmingCharacters(in: CharacterSet.punctuationCharacters.union(.symbols))
        }.filter { !$0.isEmpty }
        let first = b.map.first(where: { $0 >= 0 }).map { source.position(of: $0).line } ?? 1
        for (i, l) in sourceLines.enumerated() where i + 1 >= first {
            if tokens.allSatisfy({ l.contains($0) }) { return i + 1 }
        }
        return nil
    }

    func place(_ f: RuleMatch, in b: TextBlock, rule: ValeRule, level: Severity) {
        var line = 1, col = 1, end = 1
        if let r = f.range, !f.match.isEmpty {
            guard let off = b.sourceOffset(at: r.location, limit: NSMaxRange(r)) else { return }
            let pos = source.position(of: off)
            line = pos.line; col = pos.column
            if !b.lookup, let (l, c) = searchLastLine(f.match, of: b, check: ObjectIdentifier(rule)) {
                line = l; col = c
            } else if b.scope.kind != .raw && !literal(f.match, at: off) {
                // Vale finds a match by searching its text in the source; when the text is not
                // there as such (it spans markup or an entity), it settles on the start of the
                // first line holding every word of the match's sentence, or drops the alert.
                guard let l = guessLine(f.match, in: b, from: line) else { return }
                line = l; col = 1
            }
            end = col + f.match.unicodeScalars.count - 1
            let extent = source.lineLength(line - 1)
            if end > extent { end = extent } else if end <= 0 { end = 1 }
        }
        guard col > 0 else { return }
        let key = SeenKey(line: line, col: col, rule: ObjectIdentifier(rule))
        guard !seen.contains(key) else { return }
        let limit = rule.def.limit
        if limit > 0 && limits[rule.def.name, default: 0] >= limit { return }
        seen.insert(key)
        if limit > 0 { limits[rule.def.name, default: 0] += 1 }
        alerts.append(
            Alert(
                path: path, line: line, span: (col, end), check: rule.def.name, message: f.message,
                description: f.description, link: rule.def.link, severity: level, action: f.action, match: f.match))
    }
}

/// The occurrences of match texts in one block's last source line, and which of them each
/// check has already reported (Vale masks a reported match before placing the next one).
struct LastLineSearch {
    /// 0-based line index and UTF-16 offset of its start.
    let index: Int
    let start: Int
    let units: ArraySlice<UInt16>

    /// A match text's occurrences (offsets in the line) in Vale's order of preference: word-bounded
    /// and not next to a backtick or dash, word-bounded, any.
    private struct Occurrences {
        var ranked: [[Int]]
        /// Per rank, how far the occurrences already taken by this check reach.
        var cursors: [Int]
    }

    private var found: [Key: Occurrences] = [:]
    private var taken: [ObjectIdentifier: Set<Int>] = [:]

    private struct Key: Hashable { let match: String; let check: ObjectIdentifier }

    init(index: Int, start: Int, units: ArraySlice<UInt16>) {
        self.index = index
        self.start = start
        self.units = units
    }

    /// The offset in the line where `check`'s next alert on `match` goes, or nil.
    mutating func pick(_ match: String, check: ObjectIdentifier) -> Int? {
        let key = Key(match: match, check: check)
        if found[key] == nil {
            let ranked = rank(Array(match.utf16))
            found[key] = Occurrences(ranked: ranked, cursors: Array(repeating: 0, count: ranked.count))
        }
        var chosen: Int?
        for r in 0..<3 where chosen == nil {
            // Taken offsets stay taken for the block, so a cursor only moves forward.
            var c = found[key]!.cursors[r]
            let list = found[key]!.ranked[r]
            while c < list.count, taken[check]?.contains(list[c]) == true { c += 1 }
            found[key]!.cursors[r] = c
            if c < list.count { chosen = list[c] }
        }
        if let chosen { taken[check, default: []].insert(chosen) }
        return chosen
    }

    private func rank(_ m: [UInt16]) -> [[Int]] {
        var good: [Int] = [], bounded: [Int] = [], plain: [Int] = []
        let line = units
        let base = line.startIndex
        guard let first = m.first, m.count <= line.count else { return [good, bounded, plain] }
        func isWord(_ u: UInt16) -> Bool {
            (u >= 48 && u <= 57) || (u >= 65 && u <= 90) || (u >= 97 && u <= 122) || u == 95
                || (u >= 128 && (Unicode.Scalar(u)?.properties.isAlphabetic ?? true))
        }
        func same(_ s: UInt16, _ u: UInt16) -> Bool {
            s == u || (u == 39 && (s == 0x2018 || s == 0x2019)) || (u == 34 && (s == 0x201C || s == 0x201D))
        }
        for i in 0...(line.count - m.count) where same(line[base + i], first) {
            var all = true
            for k in 1..<m.count where !same(line[base + i + k], m[k]) { all = false; break }
            guard all else { continue }
            plain.append(i)
            let before: UInt16? = i > 0 ? line[base + i - 1] : nil
            let after: UInt16? = i + m.count < line.count ? line[base + i + m.count] : nil
            let leftOK = before == nil || before == 95 || isWord(before!) != isWord(m[0])
            let rightOK = after == nil || after == 10 || after == 95 || isWord(after!) != isWord(m[m.count - 1])
            guard leftOK && rightOK else { continue }
            bounded.append(i)
            if !(before == 96 || before == 45) && !(after == 96 || after == 45) { good.append(i) }
        }
        return [good, bounded, plain]
    }
}
