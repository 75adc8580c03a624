import Foundation

/// Gives a substitution's suggestion the case of the text it replaces (a rule's `matchcase`):
/// `are not: aren't` suggests `Aren't` for `Are not` and `AREN'T` for `ARE NOT`.
///
/// Only uniform casing is carried over (lower, upper, capitalized); a spelling of its own
/// (`iPhone`, `McDonald`) says nothing about how another word should look, so it is kept.
enum CaseMatch {
    enum Casing { case none, lower, upper, title }

    static func recase(_ replacement: String, like observed: String) -> String {
        let (rw, seps) = words(replacement)
        let (ow, _) = words(observed)
        guard !rw.isEmpty, !ow.isEmpty else { return apply(casing(of: observed), to: replacement) }
        // Words the rule keeps at either end line the two up; the middle is the rewrite.
        var head = 0
        while head < rw.count, head < ow.count, rw[head].lowercased() == ow[head].lowercased() { head += 1 }
        var tail = 0
        while tail < rw.count - head, tail < ow.count - head,
            rw[rw.count - 1 - tail].lowercased() == ow[ow.count - 1 - tail].lowercased()
        { tail += 1 }
        let middle = Array(ow[head..<(ow.count - tail)])
        var mid = casing(of: middle.joined(separator: " "))
        if middle.isEmpty {
            // An inserted word takes the case of the word it goes before (or after, at the end):
            // a capital on the word before may only mean a sentence starts there.
            if tail > 0 { mid = casing(of: ow[ow.count - tail]) } else if head > 0 { mid = casing(of: ow[head - 1]) }
        }
        // A capitalized phrase capitalizes its first word only, unless every word was capitalized.
        let everyWord = middle.count >= 2 && middle.allSatisfy { casing(of: $0) == .title }
        if everyWord { mid = .title }
        var out = ""
        var firstInMiddle = true
        for (i, w) in rw.enumerated() {
            out += seps[i]
            let inMiddle = i >= head && i < rw.count - tail
            var c = mid
            if i < head { c = casing(of: ow[i]) } else if i >= rw.count - tail { c = casing(of: ow[ow.count - (rw.count - i)]) }
            if c == .title && inMiddle && !everyWord && !firstInMiddle { c = .lower }
            if inMiddle { firstInMiddle = false }
            out += apply(c, to: w)
        }
        return out + seps[rw.count]
    }

    static func apply(_ c: Casing, to s: String) -> String {
        switch c {
        case .lower: return s.lowercased()
        case .upper: return s.uppercased()
        case .title: return SubstitutionRule.capFirst(s.lowercased())
        case .none: return s
        }
    }

    /// Lower, upper (two letters or more), capitalized (one capital, first), or none of these.
    static func casing(of s: String) -> Casing {
        var letters = 0, upper = 0, lower = 0
        var firstUpper = false
        for ch in s where ch.isLetter {
            if ch.isUppercase { upper += 1; if letters == 0 { firstUpper = true } } else if ch.isLowercase { lower += 1 }
            letters += 1
        }
        if letters == 0 { return .none }
        if upper == 0 { return .lower }
        if lower == 0 { return letters == 1 ? .title : .upper }
        return firstUpper && upper == 1 ? .title : .none
    }

    /// Runs of letters (an apostrophe between two letters belongs to the word) and the text
    /// around them: `seps` has one more entry than `words`.
    static func words(_ s: String) -> ([String], [String]) {
        let chars = Array(s)
        var words: [String] = [], seps: [String] = []
        var word = "", sep = ""
        for (i, ch) in chars.enumerated() {
            let apostrophe = (ch == "'" || ch == "\u{2019}") && i > 0 && i + 1 < chars.count && chars[i - 1].isLetter && chars[i + 1].isLetter
            if ch.isLetter || apostrophe {
                if word.isEmpty { seps.append(sep); sep = "" }
                word.append(ch)
            } else {
                if !word.isEmpty { words.append(word); word = "" }
                sep.append(ch)
            }
        }
        if !word.isEmpty { words.append(word) }
        seps.append(sep)
        return (words, seps)
    }
}
