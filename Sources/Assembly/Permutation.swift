import Catalog
import Foundation
import Liquid

/// One template + chosen blocks, compiled once into a single Liquid template, with the skeletons
/// seen for it (memoised by the skeleton bytes: hash, then byte comparison on a hit).
final class Permutation {
    let template: Liquid.Template
    let blocks: [BlockDefinition]
    /// Personal signal classes the permutation reads (template and blocks), sorted.
    let signals: [String]
    /// Set when MJML computed something from a value: skeletons are then keyed by the fully
    /// rendered MJML (values inline), which is still correct and still cached.
    var valueStructural = false
    private var skeletons: [UInt64: [(key: [UInt8], skeleton: Skeleton)]] = [:]
    private var entries = 0
    /// Bounds memory when values vary the structure (e.g. one skeleton per recipient).
    static let maxEntries = 512

    init(template: Liquid.Template, blocks: [BlockDefinition], signals: [String]) {
        self.template = template
        self.blocks = blocks
        self.signals = signals
    }

    func skeleton(for key: [UInt8], hash: UInt64) -> Skeleton? {
        guard let bucket = skeletons[hash] else { return nil }
        for e in bucket where e.key == key { return e.skeleton }
        return nil
    }

    func store(_ skeleton: Skeleton, key: [UInt8], hash: UInt64) {
        if entries >= Self.maxEntries { skeletons.removeAll(keepingCapacity: true); entries = 0 }
        skeletons[hash, default: []].append((key, skeleton))
        entries += 1
    }
}

/// A fast 64-bit hash of a byte buffer, 8 bytes a step (skeletons are ~10–30 KB: FNV-1a byte by
/// byte would cost more than the rest of the fill). Collisions are ruled out by comparing bytes.
enum BufferHash {
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { raw -> UInt64 in
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
            var i = 0
            let n = raw.count
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
                i += 8
            }
            while i < n { h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3; i += 1 }
            h ^= h >> 29
            return h &* 0xC4CE_B9FE_1A85_EC53
        }
    }
}
