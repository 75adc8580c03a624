import BrandContext
import Foundation

/// What a sentence of a draft claims: an approved claim written out word for word (whatever the
/// case and line breaks), or claim-like copy (`claims_policy` words and patterns, as
/// `claims.unapproved` reads them) that is not one.
package struct ClaimSentence: Sendable, Hashable {
    package enum Status: String, Sendable, Hashable, CaseIterable {
        case approved, unapproved, expired
        case notYetValid = "not-yet-valid", wrongMarket = "wrong-market", wrongChannel = "wrong-channel"
        /// Replaced here and now by a claim that `supersedes` it.
        case superseded
    }
    /// The sentence as written.
    package var text: String
    /// The approved claim it states (nil: claim-like copy that is none).
    package var claimID: String?
    package var status: Status
    /// The disclaimers the copy must then carry (in the locale asked, else the default wording).
    package var requiredDisclaimers: [(id: String, text: String)]
    /// What made it a claim: the claim's wording or the regulated word or pattern match.
    package var match: String
    /// Why it is a claim, for a person ("regulated word 'waterproof'", "claim 'x'").
    package var reason: String
    /// UTF-16 offset of `match` in the draft.
    package var offset: Int

    package static func == (a: ClaimSentence, b: ClaimSentence) -> Bool {
        a.text == b.text && a.claimID == b.claimID && a.status == b.status && a.offset == b.offset && a.match == b.match
    }
    package func hash(into h: inout Hasher) {
        h.combine(text); h.combine(claimID); h.combine(status); h.combine(offset)
    }
}

/// The context a draft runs in: each nil is "any" (the check is skipped).
package struct ClaimScope: Sendable {
    package var market: String?
    package var channel: String?
    package var locale: String?
    package var on: CalendarDate
    package init(market: String? = nil, channel: String? = nil, locale: String? = nil, on: CalendarDate) {
        self.market = market
        self.channel = channel
        self.locale = locale
        self.on = on
    }
}

/// Finds the claims a plain draft makes. Claims are recognised by their approved wording (any
/// locale's); what else reads as a claim is found with the lint's `claims_policy` patterns.
struct ClaimSentenceFinder {
    let brand: Brand
    let claimPatterns: [(String, CompiledRegex)]
    let wordings: ClaimWordings

    func sentences(in text: String, scope: ClaimScope) -> [ClaimSentence] {
        sentences(in: text, folded: FoldedText(text), scope: scope)
    }

    func sentences(in text: String, folded: FoldedText, scope: ClaimScope) -> [ClaimSentence] {
        let ns = text as NSString
        let bounds = Self.sentenceRanges(ns)
        func sentence(at offset: Int) -> String {
            let r = bounds.first { NSLocationInRange(offset, $0) } ?? NSRange(location: offset, length: 0)
            return ns.substring(with: r).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var out: [ClaimSentence] = []
        var covered: [NSRange] = []
        let query = ClaimQuery(market: scope.market, channel: scope.channel, locale: scope.locale, on: scope.on)
        let defaultLocale = brand.facts.defaultLocale
        for (claim, needles) in wordings.claims {
            for needle in needles {
                for r in folded.occurrences(ofFolded: needle) where !covered.contains(where: { NSIntersectionRange($0, r).length > 0 }) {
                    covered.append(r)
                    let status: ClaimSentence.Status =
                        switch brand.unusable(claim, in: query) {
                        case nil: .approved
                        case .expired: .expired
                        case .notYetValid: .notYetValid
                        case .market: .wrongMarket
                        case .channel: .wrongChannel
                        case .locale, .product: .unapproved
                        case .superseded: .superseded
                        }
                    let fine = claim.disclaimers.compactMap { id in brand.disclaimers.first { $0.id == id } }
                        .map { (id: $0.id, text: $0.text(for: scope.locale, defaultLocale: defaultLocale)) }
                    out.append(
                        ClaimSentence(
                            text: sentence(at: r.location), claimID: claim.id, status: status, requiredDisclaimers: fine,
                            match: ns.substring(with: r), reason: "claim '\(claim.id)'", offset: r.location))
                }
            }
        }
        // Disclaimers are approved fine print: their words and figures are not claims of their own.
        for (_, needles) in wordings.disclaimers {
            for needle in needles { covered += folded.occurrences(ofFolded: needle) }
        }
        for (label, pattern) in claimPatterns {
            for m in pattern.matches(text)
            where !covered.contains(where: { NSIntersectionRange($0, m.range).length > 0 || NSLocationInRange(m.range.location, $0) }) {
                out.append(
                    ClaimSentence(
                        text: sentence(at: m.range.location), claimID: nil, status: .unapproved, requiredDisclaimers: [],
                        match: ns.substring(with: m.range), reason: label, offset: m.range.location))
            }
        }
        return out.sorted { ($0.offset, $0.match) < ($1.offset, $1.match) }
    }

    /// Sentences end at `.`, `!` or `?` followed by white space, and at blank lines and line
    /// breaks (a heading or list item is a sentence of its own).
    static func sentenceRanges(_ ns: NSString) -> [NSRange] {
        var out: [NSRange] = []
        var start = 0
        var i = 0
        let n = ns.length
        while i < n {
            let c = ns.character(at: i)
            let next: unichar = i + 1 < n ? ns.character(at: i + 1) : 0x20
            let isEnd = c == 0x0A || ((c == 0x2E || c == 0x21 || c == 0x3F) && (next == 0x20 || next == 0x0A || next == 0x09 || next == 0x0D))
            if isEnd {
                out.append(NSRange(location: start, length: i + 1 - start))
                start = i + 1
            }
            i += 1
        }
        if start < n { out.append(NSRange(location: start, length: n - start)) }
        return out
    }
}

/// A text with runs of white space folded to one space and letters lower-cased, remembering
/// where each folded character came from, so a wording broken over lines or differently
/// capitalised is still found and reported at its place in the draft.
struct FoldedText {
    let folded: [UInt16]
    /// The original UTF-16 offset of each folded unit.
    let origin: [Int]
    let length: Int

    init(_ text: String) {
        let (units, map) = Self.fold(text)
        folded = units
        origin = map
        length = (text as NSString).length
    }

    static func fold(_ text: String) -> ([UInt16], [Int]) {
        var units: [UInt16] = []
        var map: [Int] = []
        var offset = 0
        var lastSpace = true
        for scalar in text.unicodeScalars {
            let width = scalar.utf16.count
            defer { offset += width }
            if scalar.properties.isWhitespace {
                if !lastSpace { units.append(0x20); map.append(offset) }
                lastSpace = true
                continue
            }
            lastSpace = false
            // A scalar lower-cases to one scalar in the scripts brands write in; one that does
            // not is compared as written, so offsets stay the draft's.
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            let folded = lower.count == 1 ? lower.first! : scalar
            for u in folded.utf16 { units.append(u); map.append(offset) }
        }
        return (units, map)
    }

    /// Ranges (in the original text) where `wording` occurs, its final full stop optional.
    func occurrences(of wording: String) -> [NSRange] {
        occurrences(ofFolded: Self.needle(wording))
    }

    /// A wording folded for `occurrences(ofFolded:)`: no space around it, no final full stop.
    static func needle(_ wording: String) -> [UInt16] {
        var needle = fold(wording).0
        while let last = needle.last, last == 0x20 || last == 0x2E { needle.removeLast() }
        while let first = needle.first, first == 0x20 { needle.removeFirst() }
        return needle
    }

    func occurrences(ofFolded needle: [UInt16]) -> [NSRange] {
        guard !needle.isEmpty, needle.count <= folded.count else { return [] }
        var out: [NSRange] = []
        var i = 0
        let first = needle[0]
        while i + needle.count <= folded.count {
            if folded[i] == first && folded[i..<(i + needle.count)].elementsEqual(needle) {
                let start = origin[i]
                let end = origin[i + needle.count - 1] + 1
                out.append(NSRange(location: start, length: min(end, length) - start))
                i += needle.count
            } else {
                i += 1
            }
        }
        return out
    }
}

/// Every approved wording of the brand's claims and disclaimers, folded once (a draft is
/// checked against all of them).
struct ClaimWordings: Sendable {
    let claims: [(Claim, [[UInt16]])]
    let disclaimers: [(Disclaimer, [[UInt16]])]

    init(_ brand: Brand) {
        claims = brand.claims.map { c in (c, Set([c.text] + c.variants.values).sorted().map(FoldedText.needle)) }
        disclaimers = brand.disclaimers.map { d in (d, Set([d.text] + d.variants.values).sorted().map(FoldedText.needle)) }
    }
}
