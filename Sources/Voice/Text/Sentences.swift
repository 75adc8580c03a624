import Foundation

/// A rule-based sentence segmenter standing in for prose's Punkt model: a sentence ends at
/// `.`, `!` or `?` (plus closing quotes/brackets) followed by space and a capital, digit or
/// opening quote, unless the word before the dot is a known abbreviation or an initial.
enum Sentences {
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "inc", "ltd", "co",
        "corp", "fig", "no", "vol", "approx", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "a.m", "p.m", "cf", "al", "ca", "op",
    ]

    /// UTF-16 ranges of the sentences in `units`, untrimmed, covering the text in order.
    static func ranges(_ units: [UInt16]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        var i = 0
        let n = units.count
        while i < n {
            let c = units[i]
            if c == 46 || c == 33 || c == 63 {  // . ! ?
                var j = i + 1
                while j < n, units[j] == 46 || units[j] == 33 || units[j] == 63 { j += 1 }
                while j < n, [34, 39, 41, 93, 0x201D, 0x2019, 0x00BB].contains(units[j]) { j += 1 }
                guard j < n, isSpace(units[j]) else { i = j; continue }
                var k = j
                while k < n, isSpace(units[k]) { k += 1 }
                guard k < n else { break }
                let next = units[k]
                let opens = isUpper(next) || isDigit(next) || [34, 39, 40, 91, 0x201C, 0x2018, 42, 95, 96].contains(next)
                if opens && (c != 46 || !isAbbreviation(units, dot: i)) {
                    out.append(start..<j)
                    start = j
                }
                i = k
                continue
            }
            i += 1
        }
        if start < n { out.append(start..<n) }
        return out
    }

    private static func isAbbreviation(_ u: [UInt16], dot: Int) -> Bool {
        var a = dot
        while a > 0, !isSpace(u[a - 1]), u[a - 1] != 40 { a -= 1 }
        let word = String(decoding: u[a..<dot], as: UTF16.self).lowercased()
        if word.isEmpty { return false }
        if abbreviations.contains(word) { return true }
        // A single letter ("J. Smith") or dotted initials ("U.S").
        if word.unicodeScalars.count == 1, word.unicodeScalars.first!.properties.isAlphabetic { return true }
        if word.contains(".") && word.split(separator: ".").allSatisfy({ $0.count == 1 }) { return true }
        return false
    }

    static func isSpace(_ u: UInt16) -> Bool { MappedText.isSpace(u) }
    static func isDigit(_ u: UInt16) -> Bool { u >= 48 && u <= 57 }
    static func isUpper(_ u: UInt16) -> Bool {
        if u >= 65 && u <= 90 { return true }
        if u < 128 { return false }
        guard let s = Unicode.Scalar(u) else { return false }
        return s.properties.isUppercase
    }

    /// The sentences of a string, trimmed (for rules that count or compare sentences).
    static func split(_ s: String) -> [String] {
        let u = Array(s.utf16)
        return ranges(u).map { String(decoding: u[$0], as: UTF16.self).trimmedSpace }
            .filter { !$0.isEmpty }
    }
}
