import Foundation

/// A stable fingerprint of a brand folder: every input file's path and bytes, plus the schema
/// version. Unchanged fingerprint = the compiled database is current and is not rebuilt.
/// Two 64-bit FNV-style lanes (128 bits) over 8-byte words, each chunk closed by its length:
/// not cryptographic (nothing here is adversarial), no crypto library needed, and fast enough
/// that checking is a small part of the 10 ms budget.
public enum ContentHash {
    public static func of(brand directory: URL, schemaVersion: Int = ContextSchema.version) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        let prime: UInt64 = 0x0000_0100_0000_01b3
        func step(_ word: UInt64) {
            a = (a ^ word) &* prime
            b = (b ^ word.byteSwapped) &* prime
            b ^= b >> 29
        }
        // Eight bytes a step (a word-wise FNV variant): the hash runs on every `claims` call.
        func mix(_ bytes: UnsafeRawBufferPointer) {
            var i = 0
            while i + 8 <= bytes.count {
                step(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            var tail: UInt64 = 0
            while i < bytes.count { tail = tail << 8 | UInt64(bytes[i]); i += 1 }
            step(tail ^ UInt64(bytes.count) << 56)
        }
        func mix(_ text: String) { Array(text.utf8).withUnsafeBytes { mix($0) } }
        mix("tessera-brand-context/\(schemaVersion)")
        for relative in inputFiles(of: directory) {
            mix(relative)
            if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(relative).path) {
                data.withUnsafeBytes { mix($0) }
            } else {
                mix("(missing)")
            }
        }
        return String(format: "%016llx%016llx", a, b)
    }

    /// The files that make up a brand, relative and sorted: the three YAML files and voice/**.
    static func inputFiles(of directory: URL) -> [String] {
        BrandLoader.requiredFiles + VoiceFolderLoader.files(under: directory.appendingPathComponent("voice")).map { "voice/\($0)" }
    }
}
