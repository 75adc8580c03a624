/// The stable hashes of the pipeline. Both are documented in docs/pipeline.md: shards and
/// journals written by one version must be read the same way by the next.
public enum PipelineHash {
    /// FNV-1a 64 of the id's UTF-8 bytes: shard assignment (`hash % N + 1`), duplicate
    /// detection and the journal's `id_hash` (frequency caps). Ids are short, so a byte loop is fine.
    @inline(__always)
    public static func id(_ id: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// 1-based shard of an id among `count` shards.
    public static func shard(of id: String, count: Int) -> Int { Int(Self.id(id) % UInt64(count)) + 1 }

    /// A fast 64-bit hash of a byte range (four independent multiply lanes over 32-byte
    /// stripes, so a 25 KB output record hashes in about a microsecond): content hashes of
    /// output records and the input hash chain. Not cryptographic.
    public static func bytes(_ p: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        @inline(__always) func round(_ acc: UInt64, _ w: UInt64) -> UInt64 {
            ((acc &+ w &* p2) << 31 | (acc &+ w &* p2) >> 33) &* p1
        }
        let n = p.count
        guard let base = p.baseAddress else { return mix(seed ^ 0x27D4_EB2F_1656_67C5) }
        var i = 0
        var h: UInt64
        if n >= 32 {
            var a = seed &+ p1 &+ p2, b = seed &+ p2, c = seed, d = seed &- p1
            while i + 32 <= n {
                a = round(a, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                b = round(b, base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                c = round(c, base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
                d = round(d, base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                i += 32
            }
            h = (a << 1 | a >> 63) &+ (b << 7 | b >> 57) &+ (c << 12 | c >> 52) &+ (d << 18 | d >> 46)
        } else {
            h = seed &+ 0x1656_67B1_9E37_79F9
        }
        h = h &+ UInt64(n)
        while i + 8 <= n {
            h ^= round(0, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = (h << 27 | h >> 37) &* p1 &+ 0x85EB_CA77_C2B2_AE63
            i += 8
        }
        while i < n {
            h ^= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) &* 0x27D4_EB2F_1656_67C5
            h = (h << 11 | h >> 53) &* p1
            i += 1
        }
        return mix(h)
    }

    public static func bytes(_ a: [UInt8], _ range: Range<Int>, seed: UInt64 = 0) -> UInt64 {
        a.withUnsafeBytes { bytes(UnsafeRawBufferPointer(rebasing: $0[range]), seed: seed) }
    }

    /// Folds one line's hash into the input chain (order matters: the chain says "these lines, in this order").
    @inline(__always)
    public static func chain(_ h: UInt64, _ line: UInt64) -> UInt64 { mix(h ^ line) &+ 0x9E37_79B9_7F4A_7C15 }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// 16 lowercase hex digits.
    public static func hex(_ h: UInt64) -> String {
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
