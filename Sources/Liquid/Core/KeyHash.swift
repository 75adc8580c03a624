/// A cheap hash of an object key, compared before the key itself when scanning an object's
/// keys. Keys are short ("first_name") and hashed for every key the JSON reader sets and every
/// name a render looks up, so FNV-1a over the UTF-8 beats the seeded SipHash of `hashValue`.
/// In-process only: never persisted, so it may change freely.
enum KeyHash {
    @inline(__always) static func of(_ key: String) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        // In place (native strings are contiguous): a `var` copy for `withUTF8` costs a retain
        // and a release per lookup.
        let done: Void? = key.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        }
        if done == nil { for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 } }
        return Int(bitPattern: UInt(h))
    }
}
