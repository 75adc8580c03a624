/// Deterministic holdout draw: FNV-1a (64-bit) of `id`, a NUL and the template id, so the same
/// recipient falls on the same side in every run and process (Swift's Hasher is seeded per process).
public enum Holdout {
    public static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x100_0000_01b3
        }
        return h
    }

    /// The draw in 0..<10_000 (hundredths of a percent).
    public static func draw(id: String, template: String) -> Int {
        Int(fnv1a(Array(id.utf8) + [0] + Array(template.utf8)) % 10_000)
    }

    /// True when the recipient is in the template's holdout of `percent` (0…100).
    public static func isHeldOut(id: String, template: String, percent: Double) -> Bool {
        Double(draw(id: id, template: template)) < percent * 100
    }
}
