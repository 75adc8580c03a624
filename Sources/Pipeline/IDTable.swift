/// Recipient id hash → the line it first appeared on, for exact duplicate detection in a run.
///
/// A Swift `Dictionary<UInt64, UInt32>` costs ~24 bytes an id and doubles (old and new storage
/// alive together) as it grows. This is open addressing with linear probing over two flat
/// arrays: 12 bytes a slot (an 8-byte key, a 4-byte line), at most 3/4 full, so 16 bytes an id
/// at best (~18 when sized from a file with headroom). Sized up front from the expected id
/// count, it never grows during a run; past that count it grows ×1.5 (the only time two tables
/// are alive at once).
package struct IDTable {
    /// Mixed hashes; `empty` marks a free slot.
    private var keys: [UInt64]
    private var lines: [UInt32]
    private(set) var count = 0

    private static let empty: UInt64 = 0
    /// Stands in for a hash that mixes to 0 (the empty mark). Two ids then share a key only if
    /// one mixes to 0 and the other to this constant: one more 2⁻⁶⁴ coincidence, the same odds
    /// as any other pair of ids colliding in 64 bits, which the table already accepts.
    private static let zeroStandIn: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let minimumCapacity = 16

    /// Room for `expected` ids without growing.
    init(expected: Int) {
        let capacity = Self.capacity(for: expected)
        keys = Array(repeating: Self.empty, count: capacity)
        lines = Array(repeating: 0, count: capacity)
    }

    var capacity: Int { keys.count }

    /// Memory held by the table's storage.
    var bytes: Int { keys.capacity * MemoryLayout<UInt64>.stride + lines.capacity * MemoryLayout<UInt32>.stride }

    /// The line `hash` first appeared on, if it did; otherwise records `line` for it and returns nil.
    package mutating func insertFirst(_ hash: UInt64, line: UInt32) -> UInt32? {
        let key = Self.mix(hash)
        var slot = Self.home(key, capacity: keys.count)
        while true {
            let k = keys[slot]
            if k == key { return lines[slot] }
            if k == Self.empty { break }
            slot += 1
            if slot == keys.count { slot = 0 }
        }
        if (count + 1) * 4 > keys.count * 3 {
            grow(to: Self.capacity(for: keys.count * 3 / 4 * 3 / 2))
            place(key, line)
        } else {
            keys[slot] = key
            lines[slot] = line
        }
        count += 1
        return nil
    }

    /// Forgets `hash` (a record that turned out not to be output: its write failed), so a later
    /// record with that id is a first occurrence again. Backward-shift deletion: the entries
    /// after the hole that may move into it do, so probing needs no tombstones.
    mutating func remove(_ hash: UInt64) {
        let key = Self.mix(hash)
        var slot = Self.home(key, capacity: keys.count)
        while keys[slot] != key {
            if keys[slot] == Self.empty { return }
            slot = slot + 1 == keys.count ? 0 : slot + 1
        }
        var hole = slot, next = slot
        while true {
            next = next + 1 == keys.count ? 0 : next + 1
            if keys[next] == Self.empty { break }
            let home = Self.home(keys[next], capacity: keys.count)
            // The entry stays when its home lies cyclically in (hole, next]: probing from its
            // home reaches it without crossing the hole.
            let stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next)
            if !stays {
                keys[hole] = keys[next]
                lines[hole] = lines[next]
                hole = next
            }
        }
        keys[hole] = Self.empty
        count -= 1
    }

    /// Makes room for `expected` ids in all (no-op when there already is).
    mutating func reserve(_ expected: Int) {
        let wanted = Self.capacity(for: expected)
        if wanted > keys.count { grow(to: wanted) }
    }

    // MARK: storage

    /// Slots for `ids` ids at a load of at most 3/4.
    private static func capacity(for ids: Int) -> Int {
        max(minimumCapacity, (max(ids, 0) * 4 + 2) / 3 + 1)
    }

    private mutating func grow(to capacity: Int) {
        let oldKeys = keys, oldLines = lines
        keys = Array(repeating: Self.empty, count: capacity)
        lines = Array(repeating: 0, count: capacity)
        for i in oldKeys.indices where oldKeys[i] != Self.empty { place(oldKeys[i], oldLines[i]) }
    }

    /// Puts a key known to be absent into its first free slot.
    private mutating func place(_ key: UInt64, _ line: UInt32) {
        var slot = Self.home(key, capacity: keys.count)
        while keys[slot] != Self.empty {
            slot += 1
            if slot == keys.count { slot = 0 }
        }
        keys[slot] = key
        lines[slot] = line
    }

    // MARK: hashing

    /// FNV-1a's high bits depend poorly on the id's last bytes (ids like r000001…r999999 differ
    /// only there), and the slot is taken from the high bits: the murmur3 finalizer spreads every
    /// input bit over the whole word. It is a bijection, so distinct hashes stay distinct keys.
    static func mix(_ hash: UInt64) -> UInt64 {
        var x = hash
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x == empty ? zeroStandIn : x
    }

    /// The key's first slot: the high word of key × capacity maps the key's range evenly onto
    /// 0..<capacity for any capacity (not only powers of two), without a division.
    static func home(_ key: UInt64, capacity: Int) -> Int {
        Int(key.multipliedFullWidth(by: UInt64(capacity)).high)
    }
}
