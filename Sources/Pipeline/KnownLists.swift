/// The `lists` ids a journal knows (lists repeat across recipients, so a run meets few), keyed
/// by the list's hash and confirmed by its text: a record's lists cost a hash lookup and, the
/// same worker's lists sharing one string, usually a pointer comparison, not the hashing of
/// their text (which was a tenth of a journaled PostgreSQL run's instructions). Lists whose
/// hashes collide are kept by text. Used by the SQLite and the PostgreSQL journal.
package struct KnownLists {
    private var byHash: [UInt64: (id: Int64, text: String)] = [:]
    private var collided: [String: Int64] = [:]

    package init() {}

    package func id(_ list: JournalList) -> Int64? {
        if let hit = byHash[list.hash], hit.text == list.text { return hit.id }
        return collided.isEmpty ? nil : collided[list.text]
    }

    package mutating func add(_ list: JournalList, id: Int64) {
        if let hit = byHash[list.hash] {
            if hit.text != list.text { collided[list.text] = id }
        } else {
            byHash[list.hash] = (id, list.text)
        }
    }
}
