import Assembly

/// A journal list column (blocks, claims, signals, reason codes): its items joined by spaces,
/// with the hash the journal keys its `lists` table cache by.
package final class JournalList: Sendable {
    package let items: [String]
    package let text: String
    package let hash: UInt64

    init(_ items: [String]) {
        self.items = items
        var text = items.joined(separator: " ")
        self.hash = text.withUTF8 { PipelineHash.bytes(UnsafeRawBufferPointer($0)) }
        self.text = text
    }
}

/// Hands out one `JournalList` per distinct list, so a record's lists cost a lookup rather than
/// a joined string each: a run meets few distinct lists (the selection's permutations and
/// reason sets), and joining four lists per record was ~6% of a journaled run. One per thread.
struct JournalListInterner {
    private var known: [UInt64: [(items: [String], list: JournalList)]] = [:]
    private var scratch: [String] = []

    /// nil for an empty list (the journal stores NULL).
    mutating func list(_ items: [String]) -> JournalList? {
        if items.isEmpty { return nil }
        let key = Self.key(items)
        if let hit = known[key]?.first(where: { $0.items == items }) { return hit.list }
        let list = JournalList(items)
        known[key, default: []].append((items, list))
        return list
    }

    /// A record's assignments: the two holdout-only lists (the common case) are kept aside, so
    /// they cost no array; lists with experiment arms go through `list`.
    private var holdoutOnly: [JournalList?] = [nil, nil]

    mutating func assignments(_ a: Assignments) -> JournalList? {
        if a.arms.isEmpty, let h = a.heldOut {
            let i = h ? 1 : 0
            if let l = holdoutOnly[i] { return l }
            holdoutOnly[i] = list(a.items)
            return holdoutOnly[i]
        }
        return list(a.items)
    }

    /// Percent-encodes the characters a space-separated list cannot hold.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case " ": out += "%20"
            case "%": out += "%25"
            case "\n": out += "%0A"
            case "\t": out += "%09"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The reason codes of a record, without building an array unless the list is new.
    mutating func codes(_ reasons: [Reason]) -> JournalList? {
        if reasons.isEmpty { return nil }
        var key: UInt64 = 0xcbf2_9ce4_8422_2325
        for r in reasons { key = Self.fold(key, r.code) }
        if let hit = known[key]?.first(where: { Self.same($0.items, reasons) }) { return hit.list }
        scratch = reasons.map(\.code)
        return list(scratch)
    }

    private static func same(_ items: [String], _ reasons: [Reason]) -> Bool {
        guard items.count == reasons.count else { return false }
        for i in items.indices where items[i] != reasons[i].code { return false }
        return true
    }

    private static func key(_ items: [String]) -> UInt64 {
        var key: UInt64 = 0xcbf2_9ce4_8422_2325
        for s in items { key = fold(key, s) }
        return key
    }

    /// FNV-1a over the item's bytes and a separator (items are short ids and codes).
    @inline(__always)
    private static func fold(_ h: UInt64, _ s: String) -> UInt64 {
        var h = h
        let contiguous: Void? = s.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        if contiguous == nil { for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        return (h ^ 0x20) &* 0x100_0000_01b3
    }
}
