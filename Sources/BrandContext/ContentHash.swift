import Foundation

/// A stable fingerprint of a brand folder: every input file's path and bytes, plus the schema
/// version. Unchanged fingerprint = the compiled database is current and is not rebuilt.
/// FNV-1a (64-bit, run twice with different seeds -> 128 bits): no crypto library needed,
/// and fast enough that checking is a small part of the 10 ms budget.
public enum ContentHash {
    public static func of(brand directory: URL, schemaVersion: Int = ContextSchema.version) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for byte in bytes {
                a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                b = b &+ (b >> 29)
            }
        }
        mix("tessera-brand-context/\(schemaVersion)\0".utf8)
        for relative in inputFiles(of: directory) {
            mix("\(relative)\0".utf8)
            if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(relative).path) {
                mix("\(data.count)\0".utf8)
                data.withUnsafeBytes { mix($0) }
            } else {
                mix("missing\0".utf8)
            }
        }
        return String(format: "%016llx%016llx", a, b)
    }

    /// The files that make up a brand, relative and sorted: the three YAML files and voice/**.
    static func inputFiles(of directory: URL) -> [String] {
        BrandLoader.requiredFiles + VoiceFolderLoader.files(under: directory.appendingPathComponent("voice")).map { "voice/\($0)" }
    }
}
