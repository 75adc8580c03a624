/// A document's lines, for converting between the places Tessera reports (1-based line,
/// 1-based column in Unicode scalars, as Vale and libyaml count) and LSP positions (0-based
/// line, 0-based character in UTF-16 code units). An emoji is one scalar and two UTF-16 units;
/// an accented letter written as `e` + combining accent is two scalars and two units.
package struct LineIndex: Sendable {
    /// The text as UTF-16 code units (what LSP positions count).
    package let units: [UInt16]
    /// UTF-16 offset where each line starts.
    let lineStarts: [Int]

    package init(_ text: String) {
        units = Array(text.utf16)
        var starts = [0]
        for (i, u) in units.enumerated() where u == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    package var lineCount: Int { lineStarts.count }

    /// UTF-16 offset just past the last character of a 0-based line (before its `\r\n` or `\n`).
    func lineEnd(_ line: Int) -> Int {
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : units.count
        if end > lineStarts[line], units[end - 1] == 0x0D, line + 1 < lineStarts.count { end -= 1 }
        return end
    }

    /// The LSP position of a 1-based line and 1-based scalar column; past the end of a line it
    /// is the line's end, past the last line the document's end.
    package func position(line: Int, column: Int) -> Position {
        guard line >= 1 else { return Position(line: 0, character: 0) }
        guard line <= lineStarts.count else { return position(offset: units.count) }
        let start = lineStarts[line - 1], end = lineEnd(line - 1)
        var i = start, scalars = 1
        while scalars < column, i < end {
            i += UTF16.isLeadSurrogate(units[i]) && i + 1 < end ? 2 : 1
            scalars += 1
        }
        return Position(line: line - 1, character: i - start)
    }

    /// The UTF-16 offset of an LSP position, clamped to its line and never inside a surrogate pair.
    package func offset(_ p: Position) -> Int {
        guard p.line >= 0 else { return 0 }
        guard p.line < lineStarts.count else { return units.count }
        let start = lineStarts[p.line]
        var o = min(start + max(0, p.character), lineEnd(p.line))
        if o > start, o < units.count, UTF16.isTrailSurrogate(units[o]) { o -= 1 }
        return o
    }

    /// The LSP position of a UTF-16 offset.
    package func position(offset: Int) -> Position {
        let o = min(max(0, offset), units.count)
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= o { lo = mid } else { hi = mid - 1 }
        }
        return Position(line: lo, character: o - lineStarts[lo])
    }

    /// The text of a UTF-16 range.
    package func text(_ range: Range<Int>) -> String {
        let r = max(0, range.lowerBound)..<min(units.count, max(range.lowerBound, range.upperBound))
        return String(decoding: units[r], as: UTF16.self)
    }

    /// The text of a 0-based line, without its line break.
    package func line(_ n: Int) -> String {
        guard n >= 0, n < lineStarts.count else { return "" }
        return text(lineStarts[n]..<lineEnd(n))
    }
}

/// An LSP position: 0-based line, 0-based UTF-16 code unit in the line.
package struct Position: Sendable, Hashable, Comparable {
    package var line: Int
    package var character: Int
    package init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }
    package static func < (a: Position, b: Position) -> Bool { (a.line, a.character) < (b.line, b.character) }

    package var json: JSON { ["line": .int(line), "character": .int(character)] }
    package init?(_ json: JSON?) {
        guard let line = json?["line"]?.int, let character = json?["character"]?.int else { return nil }
        self.init(line: line, character: character)
    }
}

/// An LSP range: `start` inclusive, `end` exclusive.
package struct TextRange: Sendable, Hashable {
    package var start: Position
    package var end: Position
    package init(_ start: Position, _ end: Position) {
        self.start = start
        self.end = end
    }
    package var json: JSON { ["start": start.json, "end": end.json] }
    package init?(_ json: JSON?) {
        guard let s = Position(json?["start"]), let e = Position(json?["end"]) else { return nil }
        self.init(s, e)
    }
    /// Whether two ranges share a place (touching counts, so a cursor at a word's end finds it).
    package func touches(_ other: TextRange) -> Bool { !(end < other.start || other.end < start) }
}
