/// The stable hashes of the pipeline. Both are documented in docs/pipeline.md: shards and
/// journals written by one version must be read the same way by the next.
package enum PipelineHash {
    /// FNV-1a 64 of the id's UTF-8 bytes: shard assignment (`hash % N + 1`), duplicate
    /// detection and the journal's `id_hash` (frequency caps). Ids are short, so a byte loop is fine.
    @inline(__always)
    package static func id(_ id: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// 1-based shard of an id among `count` shards.
    package static func shard(of id: String, count: Int) -> Int { Int(Self.id(id) % UInt64(count)) + 1 }

    /// A fast 64-bit hash of a byte range: content hashes of output records and the input hash
    /// chain. Three independent lanes each fold 16 bytes per 64×64→128-bit multiply (the
    /// high and low halves xored), so a 24 KB output record costs ~1,500 multiplies. Not
    /// cryptographic. (Changed from a 4-lane 8-byte-step hash: journals written before cannot
    /// be resumed by this version, since the input chain differs.)
    package static func bytes(_ p: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let k0: UInt64 = 0xA076_1D64_78BD_642F, k1: UInt64 = 0xE703_7ED1_A0B4_28DB
        let k2: UInt64 = 0x8EBC_6AF0_9C88_C6E3, k3: UInt64 = 0x5899_65CC_7537_4CC3
        let n = p.count
        guard let base = p.baseAddress, n > 0 else { return fold(seed ^ k0, k1) }
        @inline(__always) func word(_ i: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) }
        var a = seed ^ k0, b = seed ^ k1, c = seed ^ k2
        var i = 0
        while i + 48 <= n {
            a = fold(word(i) ^ k1, word(i + 8) ^ a)
            b = fold(word(i + 16) ^ k2, word(i + 24) ^ b)
            c = fold(word(i + 32) ^ k3, word(i + 40) ^ c)
            i += 48
        }
        var h = a ^ b ^ c
        while i + 16 <= n {
            h = fold(word(i) ^ k1, word(i + 8) ^ h)
            i += 16
        }
        // The last 0–15 bytes, little-endian, without reading past the range.
        var t0: UInt64 = 0, t1: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            let byte = UInt64(base.load(fromByteOffset: i, as: UInt8.self))
            if shift < 64 { t0 |= byte << shift } else { t1 |= byte << (shift - 64) }
            shift += 8
            i += 1
        }
        return fold(k1 ^ UInt64(n), fold(t0 ^ k1, t1 ^ h ^ k3))
    }

    /// 64×64→128-bit multiply, halves xored: the mixing step of `bytes`.
    @inline(__always)
    static func fold(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let (high, low) = x.multipliedFullWidth(by: y)
        return high ^ low
    }

    package static func bytes(_ a: [UInt8], _ range: Range<Int>, seed: UInt64 = 0) -> UInt64 {
        a.withUnsafeBytes { bytes(UnsafeRawBufferPointer(rebasing: $0[range]), seed: seed) }
    }

    /// Folds one line's hash into the input chain (order matters: the chain says "these lines, in this order").
    @inline(__always)
    package static func chain(_ h: UInt64, _ line: UInt64) -> UInt64 { mix(h ^ line) &+ 0x9E37_79B9_7F4A_7C15 }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// 16 lowercase hex digits.
    package static func hex(_ h: UInt64) -> String {
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
