import Foundation

/// A file's content with line starts, so a UTF-16 offset maps to (line, rune column).
struct SourceLines: Sendable {
    let content: String
    let utf16: [UInt16]
    /// UTF-16 offset where each line starts (line 1 at index 0).
    let lineStarts: [Int]
    /// Runes before every `checkpointStride`-th UTF-16 offset: a column costs at most one
    /// stride of counting, however long its line (20,000 alerts on one 200 KB line would
    /// otherwise each count from the line's start).
    private let runeCheckpoints: [Int]
    private static let checkpointStride = 64

    init(_ content: String) {
        self.content = content
        utf16 = Array(content.utf16)
        var starts = [0]
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(utf16.count / Self.checkpointStride + 1)
        var runes = 0
        for (i, u) in utf16.enumerated() {
            if i % Self.checkpointStride == 0 { checkpoints.append(runes) }
            if u == 10 { starts.append(i + 1) }
            if !UTF16.isTrailSurrogate(u) { runes += 1 }
        }
        if utf16.count % Self.checkpointStride == 0 { checkpoints.append(runes) }
        lineStarts = starts
        runeCheckpoints = checkpoints
    }

    /// 0-based line index containing `offset`.
    func lineIndex(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Runes between two UTF-16 offsets (low surrogates are not counted).
    func runes(from a: Int, to b: Int) -> Int {
        let end = min(b, utf16.count)
        guard a < end else { return 0 }
        return runesBefore(end) - runesBefore(a)
    }

    /// Runes in `utf16[0..<offset]` (`offset` ≤ the length).
    private func runesBefore(_ offset: Int) -> Int {
        let k = offset / Self.checkpointStride
        var n = runeCheckpoints[k]
        var i = k * Self.checkpointStride
        while i < offset {
            if !UTF16.isTrailSurrogate(utf16[i]) { n += 1 }
            i += 1
        }
        return n
    }

    /// 1-based line and rune column of a UTF-16 offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        let li = lineIndex(of: offset)
        return (li + 1, runes(from: lineStarts[li], to: offset) + 1)
    }

    /// Length in runes of the 0-based line, its newline included (Vale's span clipping).
    func lineLength(_ li: Int) -> Int {
        let start = lineStarts[li]
        let end = li + 1 < lineStarts.count ? lineStarts[li + 1] : utf16.count
        return runes(from: start, to: end)
    }
}

/// A piece of text to lint, with the source offset (UTF-16) of each of its UTF-16 units, or -1
/// where the text has something the source does not (a space standing for markup).
struct TextBlock {
    let text: String
    var map: [Int]
    var scope: BlockScope
    /// Per UTF-16 unit: was the text read while a `vale off` comment was in force? (empty: unknown)
    var off: [Bool] = []
    /// False for structural blocks (list items, headings, cells, quotes, attributes), which Vale
    /// places by searching the block's last line first (its `assignLoc`); true for prose.
    var lookup = true

    init(units: [UInt16], map: [Int], scope: String, off: [Bool] = []) {
        self.units = units; self.length = units.count
        self.text = String(decoding: units, as: UTF16.self)
        self.map = map; self.scope = BlockScope(scope); self.off = off
    }

    init(text: String, map: [Int], scope: String, off: [Bool] = []) {
        self.text = text; self.map = map; self.scope = BlockScope(scope); self.off = off
        units = Array(text.utf16)
        length = units.count
    }

    /// The text as Foundation sees it, made once per block (rules share it).
    /// Length in UTF-16 units.
    let length: Int
    let units: [UInt16]

    /// Hashes of the lower-cased words of the block (letter/digit runs), for the rules' literal
    /// prefilter. A hash collision only lets a rule run that could not match.
    func wordHashes() -> [UInt64] {
        var out: [UInt64] = []
        var h: UInt64 = WordHash.seed
        var raw: [UInt16] = []
        var ascii = true
        func end() {
            if !raw.isEmpty { out.append(ascii ? h : WordHash.of(String(decoding: raw, as: UTF16.self).lowercased())) }
            raw.removeAll(keepingCapacity: true); ascii = true; h = WordHash.seed
        }
        for u in units {
            var c = u
            if u < 128 {
                if u >= 65 && u <= 90 { c = u | 32 } else if !((u >= 97 && u <= 122) || (u >= 48 && u <= 57)) { end(); continue }
            } else if UTF16.isLeadSurrogate(u) || UTF16.isTrailSurrogate(u) {
                ascii = false
            } else if let s = Unicode.Scalar(u), s.properties.isAlphabetic || s.properties.numericType != nil {
                ascii = false
            } else {
                end(); continue
            }
            raw.append(u)
            h = WordHash.step(h, c)
        }
        end()
        return out
    }

    /// The text of a UTF-16 range.
    func sub(_ r: NSRange) -> String { String(decoding: units[r.location..<NSMaxRange(r)], as: UTF16.self) }

    /// The source offset of the first mapped unit at or after `index` within `range`.
    func sourceOffset(at index: Int, limit: Int) -> Int? {
        var i = index
        while i < limit && i < map.count {
            if map[i] >= 0 { return map[i] }
            i += 1
        }
        // Nothing mapped inside the match: look before it.
        var j = min(index, map.count) - 1
        while j >= 0 {
            if map[j] >= 0 { return map[j] + 1 }
            j -= 1
        }
        return nil
    }
}

/// Builds a block's text and its source map together.
struct TextBuilder {
    var utf16: [UInt16] = []
    var map: [Int] = []
    var off: [Bool] = []
    /// Whether text appended now is under `vale off`.
    var offNow = false

    var isEmpty: Bool { utf16.isEmpty }

    mutating func append(_ s: String, at source: Int?) {
        var off = source ?? -1
        for u in s.utf16 {
            utf16.append(u); map.append(off); self.off.append(offNow)
            if off >= 0 { off += 1 }
        }
    }

    mutating func append(units: ArraySlice<UInt16>, map m: ArraySlice<Int>) {
        utf16.append(contentsOf: units); map.append(contentsOf: m)
        off.append(contentsOf: repeatElement(offNow, count: units.count))
    }

    mutating func appendUnit(_ u: UInt16, at source: Int) {
        utf16.append(u); map.append(source); off.append(offNow)
    }

    var string: String { String(decoding: utf16, as: UTF16.self) }

    func block(scope: String) -> TextBlock {
        TextBlock(units: utf16, map: map, scope: scope, off: off)
    }

    mutating func reset() { utf16.removeAll(keepingCapacity: true); map.removeAll(keepingCapacity: true); off.removeAll(keepingCapacity: true) }
}

/// A run of text with its source map, as handed from an extractor to the block builder.
struct MappedText {
    var units: [UInt16]
    var map: [Int]
    var string: String { String(decoding: units, as: UTF16.self) }

    init(units: [UInt16], map: [Int]) { self.units = units; self.map = map }
    init(_ s: String, at source: Int) {
        units = Array(s.utf16); map = Array(source..<(source + units.count))
    }

    /// Trims ASCII/Unicode whitespace at both ends, keeping the map aligned (Go's TrimSpace).
    func trimmed() -> MappedText {
        var a = 0, b = units.count
        while a < b, MappedText.isSpace(units[a]) { a += 1 }
        while b > a, MappedText.isSpace(units[b - 1]) { b -= 1 }
        return MappedText(units: Array(units[a..<b]), map: Array(map[a..<b]))
    }

    static func isSpace(_ u: UInt16) -> Bool {
        u == 32 || (u >= 9 && u <= 13) || u == 0x85 || u == 0xA0 || u == 0x2028 || u == 0x2029 || u == 0x3000 || (u >= 0x2000 && u <= 0x200A)
            || u == 0x1680 || u == 0x202F || u == 0x205F
    }
}

/// FNV-1a over lower-cased UTF-16 units: the literal prefilter's word key.
enum WordHash {
    static let seed: UInt64 = 0xcbf29ce484222325
    @inline(__always) static func step(_ h: UInt64, _ u: UInt16) -> UInt64 { (h ^ UInt64(u)) &* 0x100000001b3 }
    static func of(_ lowercased: String) -> UInt64 {
        var h = seed
        for u in lowercased.utf16 { h = step(h, u) }
        return h
    }
}
