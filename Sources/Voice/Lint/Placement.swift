import Foundation

/// Where an alert lands: the source line and rune column of a finding, the way Vale places it
/// (precise offsets where the match is in the source verbatim, its last-line search for
/// structural blocks, its sentence guess when the match spans markup), plus its duplicate and
/// `limit` rules.
extension FileRun {
    /// Vale's `assignLoc` for a structural block: the match is searched in the block's last
    /// source line, word-bounded occurrences first, skipping ones next to a backtick or a dash.
    func searchLastLine(_ match: String, of b: TextBlock, check: ObjectIdentifier) -> (Int, Int)? {
        guard let lastOff = b.map.last(where: { $0 >= 0 }) else { return nil }
        let li = source.lineIndex(of: lastOff)
        let start = source.lineStarts[li]
        let end = li + 1 < source.lineStarts.count ? source.lineStarts[li + 1] : source.utf16.count
        let line = Array(source.utf16[start..<end])
        let m = Array(match.utf16)
        guard !m.isEmpty, m.count <= line.count else { return nil }
        let taken = lastLineTaken[check] ?? []
        func isWord(_ u: UInt16) -> Bool {
            (u >= 48 && u <= 57) || (u >= 65 && u <= 90) || (u >= 97 && u <= 122) || u == 95 || (u >= 128 && (Unicode.Scalar(u)?.properties.isAlphabetic ?? true))
        }
        var plain: Int? = nil
        var bounded: [Int] = []
        for i in 0...(line.count - m.count) where !taken.contains(i) {
            var same = true
            for k in 0..<m.count {
                let s = line[i + k], u = m[k]
                if s == u || (u == 39 && (s == 0x2018 || s == 0x2019)) || (u == 34 && (s == 0x201C || s == 0x201D)) { continue }
                same = false; break
            }
            guard same else { continue }
            if plain == nil { plain = i }
            let before: UInt16? = i > 0 ? line[i - 1] : nil, after: UInt16? = i + m.count < line.count ? line[i + m.count] : nil
            let leftOK = before == nil || before == 95 || isWord(before!) != isWord(m[0])
            let rightOK = after == nil || after == 10 || after == 95 || isWord(after!) != isWord(m[m.count - 1])
            if leftOK && rightOK { bounded.append(i) }
        }
        let pick = bounded.first(where: { i in
            !(i > 0 && (line[i - 1] == 96 || line[i - 1] == 45)) && !(i + m.count < line.count && (line[i + m.count] == 96 || line[i + m.count] == 45))
        }) ?? bounded.first ?? plain
        guard let p = pick else { return nil }
        lastLineTaken[check, default: []].insert(p)
        return (li + 1, source.runes(from: start, to: start + p) + 1)
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

    func guessLine(_ match: String, in b: TextBlock, from line: Int) -> Int? {
        var target: String?
        for s in Sentences.split(b.text) {
            if s == match { target = s } else if let r = s.range(of: match), r.lowerBound > s.startIndex { target = s }
        }
        guard let target else { return nil }
        let tokens = target.split(whereSeparator: { $0.isWhitespace }).map {
            $0.trimmingCharacters(in: CharacterSet.punctuationCharacters.union(.symbols))
        }.filter { !$0.isEmpty }
        let first = b.map.first(where: { $0 >= 0 }).map { source.position(of: $0).line } ?? 1
        let lines = source.content.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, l) in lines.enumerated() where i + 1 >= first {
            if tokens.allSatisfy({ l.contains($0) }) { return i + 1 }
        }
        return nil
    }

    func place(_ f: Finding, in b: TextBlock, rule: VoiceRule, level: Severity) {
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
        alerts.append(Alert(path: path, line: line, span: (col, end), check: rule.def.name, message: f.message,
                            description: f.description, link: rule.def.link, severity: level, action: f.action, match: f.match))
    }
}
