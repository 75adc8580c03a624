/// A node's resolved attributes: a tiny open-addressing table with an FNV-1a hash.
/// Rendering reads ~30 attributes per component; Swift's Dictionary (SipHash) made those
/// lookups a fifth of render time, this makes them a few nanoseconds each.
struct AttributeTable: Sendable {
    private var keys: [String] = []
    private var values: [String] = []
    private var hashes: [UInt32] = []
    /// Slot → index + 1 into keys/values; 0 means empty.
    private var slots: [UInt16] = []
    private var mask = 0

    init() {}

    init(_ dict: [String: String]) {
        // Sorted for deterministic layout.
        for key in dict.keys.sorted() {
            keys.append(key)
            values.append(dict[key]!)
        }
        rebuild()
    }

    private mutating func rebuild() {
        var size = 16
        while size < keys.count * 3 { size <<= 1 }
        mask = size - 1
        slots = [UInt16](repeating: 0, count: size)
        hashes = keys.map(AttributeTable.hash)
        for (i, h) in hashes.enumerated() {
            var s = Int(h) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = UInt16(i + 1)
        }
    }

    @inline(__always) static func hash(_ key: String) -> UInt32 {
        if let h = key.utf8.withContiguousStorageIfAvailable({ p -> UInt32 in
            var h: UInt32 = 2_166_136_261
            for b in p { h = (h ^ UInt32(b)) &* 16_777_619 }
            return h
        }) { return h }
        var h: UInt32 = 2_166_136_261
        for b in key.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    subscript(key: String) -> String? {
        get {
            guard mask != 0 else { return nil }
            let h = AttributeTable.hash(key)
            var s = Int(h) & mask
            while true {
                let i = Int(slots[s])
                if i == 0 { return nil }
                if hashes[i - 1] == h && keys[i - 1] == key { return values[i - 1] }
                s = (s + 1) & mask
            }
        }
        set {
            if let i = keys.firstIndex(of: key) {
                if let newValue { values[i] = newValue } else { keys.remove(at: i); values.remove(at: i) }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
            rebuild()
        }
    }

    var isEmpty: Bool { keys.isEmpty }
}
