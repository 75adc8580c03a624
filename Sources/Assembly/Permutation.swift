import Catalog
import Foundation
import Liquid

/// One template + chosen blocks, compiled once into a single Liquid template, with the skeletons
/// seen for it (memoised by the skeleton bytes: hash, then byte comparison on a hit).
/// Used by one thread at a time: its hot stored properties are `@exclusivity(unchecked)` (the
/// dynamic checks cost ~1–10% of a render; the library products carry no unsafe build flags).
final class Permutation {
    let template: Liquid.Template
    let blocks: [BlockDefinition]
    /// Personal signal classes the permutation reads (template and blocks), sorted.
    let signals: [String]
    /// Where each part of the composed source came from (template, partial or block file).
    let origins: SourceOrigins
    /// Set when MJML computed something from a value: skeletons are then keyed by the fully
    /// rendered MJML (values inline), which is still correct and still cached.
    @exclusivity(unchecked) var valueStructural = false
    @exclusivity(unchecked) private var skeletons: [UInt64: [(key: [UInt8], skeleton: Skeleton)]] = [:]
    /// The same skeletons by their `Template.trace` fingerprint (with their source's hash): found
    /// without rendering the template's text into bytes.
    @exclusivity(unchecked) private var traced: [UInt64: (skeleton: Skeleton, source: UInt64)] = [:]
    @exclusivity(unchecked) private var entries = 0
    /// Bounds memory when values vary the structure (e.g. one skeleton per recipient).
    static let maxEntries = 512

    init(template: Liquid.Template, blocks: [BlockDefinition], signals: [String], origins: SourceOrigins) {
        self.origins = origins
        self.template = template
        self.blocks = blocks
        self.signals = signals
    }

    /// An error of the composed template, placed in the file and line it came from.
    func placed(_ e: LiquidError) -> LiquidError {
        guard e.template == template.name, let offset = e.sourceOffset,
            let place = origins.place(ofUTF8: offset, in: template.source.text)
        else { return e }
        return e.placed(in: place.file, line: place.line, column: place.column)
    }

    func skeleton(for key: [UInt8], hash: UInt64) -> Skeleton? {
        guard let bucket = skeletons[hash] else { return nil }
        for e in bucket where Self.equal(e.key, key) { return e.skeleton }
        return nil
    }

    /// Byte equality with memcmp: skeletons are ~20 KB and compared once per recipient.
    private static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0 } }
    }

    func skeleton(traced fingerprint: UInt64) -> (Skeleton, UInt64)? {
        traced[fingerprint].map { ($0.skeleton, $0.source) }
    }

    func store(_ skeleton: Skeleton, source: UInt64, traced fingerprint: UInt64) {
        if traced.count >= Self.maxEntries { traced.removeAll(keepingCapacity: true) }
        traced[fingerprint] = (skeleton, source)
    }

    func store(_ skeleton: Skeleton, key: [UInt8], hash: UInt64) {
        if entries >= Self.maxEntries { skeletons.removeAll(keepingCapacity: true); entries = 0 }
        skeletons[hash, default: []].append((key, skeleton))
        entries += 1
    }
}

/// A fast 64-bit hash of a byte buffer (skeletons are ~10–30 KB, hashed once per recipient).
/// Four independent lanes of 8 bytes each: one multiply chain would wait on its own latency for
/// every word. Collisions are ruled out by comparing bytes.
enum BufferHash {
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// The hash of a string's UTF-8 bytes, `seed` folded in (chains several strings into one digest).
    static func hash(_ s: String, seed: UInt64) -> UInt64 {
        if let h = s.utf8.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0), seed: seed) }) { return h }
        return Array(s.utf8).withUnsafeBytes { hash($0, seed: seed) }
    }

    static func hash(_ raw: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let n = raw.count
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (
            0x9E37_79B9_7F4A_7C15 ^ UInt64(n) ^ seed, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63
        )
        var i = 0
        while i + 32 <= n {
            lanes.0 = mix(lanes.0, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            lanes.1 = mix(lanes.1, raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        var h = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
        while i + 8 <= n { h = mix(h, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)); i += 8 }
        while i < n { h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3; i += 1 }
        h ^= h >> 29
        return h &* 0xC4CE_B9FE_1A85_EC53
    }

    @inline(__always) private static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let m = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
        return m ^ (m >> 32)
    }
}
