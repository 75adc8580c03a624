import Foundation

/// The JSON reader's working stacks: the members and items of the containers still open. When a
/// container closes, its elements are moved (not copied) into it, so building a record's dozen
/// objects and arrays costs no retain and release per member. One per reader or `JSONParser`,
/// used by one thread at a time; manual memory, freed in `deinit`.
/// Used by one thread at a time: its hot stored properties are `@exclusivity(unchecked)` (the
/// dynamic checks cost ~1–10% of a render; the library products carry no unsafe build flags).
final class JSONStacks {
    @exclusivity(unchecked) private var keys: UnsafeMutablePointer<String>
    @exclusivity(unchecked) private var hashes: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var memberCapacity: Int
    @exclusivity(unchecked) private var values: UnsafeMutablePointer<Value>
    @exclusivity(unchecked) private var valueCapacity: Int
    /// Members (key, hash and a value each) pushed and not yet taken.
    @exclusivity(unchecked) private(set) var memberCount = 0
    /// Values (of members and of array items) pushed and not yet taken.
    @exclusivity(unchecked) private(set) var valueCount = 0
    /// Repeated string values (a `JSONParser`'s; nil for a one-off document).
    let strings: JSONStringCache?

    init(capacity: Int = 32, cachingStrings: Bool = false) {
        strings = cachingStrings ? JSONStringCache() : nil
        memberCapacity = capacity
        valueCapacity = capacity
        keys = .allocate(capacity: capacity)
        hashes = .allocate(capacity: capacity)
        values = .allocate(capacity: capacity)
    }

    deinit {
        clear()
        keys.deallocate()
        hashes.deallocate()
        values.deallocate()
    }

    /// Drops whatever a failed parse left behind.
    func clear() {
        keys.deinitialize(count: memberCount)
        values.deinitialize(count: valueCount)
        memberCount = 0
        valueCount = 0
    }

    func pushMember(_ key: String, _ hash: Int, _ value: Value) {
        if memberCount == memberCapacity { growMembers() }
        (keys + memberCount).initialize(to: key)
        hashes[memberCount] = hash
        memberCount += 1
        pushValue(value)
    }

    func pushValue(_ value: Value) {
        if valueCount == valueCapacity { growValues() }
        (values + valueCount).initialize(to: value)
        valueCount += 1
    }

    /// The members pushed since `memberBase`, moved into an object (later duplicates win).
    func takeObject(from memberBase: Int) -> LiquidObject {
        let n = memberCount - memberBase
        let valueBase = valueCount - n
        let object = LiquidObject(moving: keys + memberBase, hashes: hashes + memberBase, values: values + valueBase, count: n)
        memberCount = memberBase
        valueCount = valueBase
        return object
    }

    /// The values pushed since `valueBase`, moved into an array.
    func takeArray(from valueBase: Int) -> [Value] {
        let n = valueCount - valueBase
        let items = [Value](unsafeUninitializedCapacity: n) { buffer, count in
            buffer.baseAddress!.moveInitialize(from: values + valueBase, count: n)
            count = n
        }
        valueCount = valueBase
        return items
    }

    private func growMembers() {
        let capacity = memberCapacity * 2
        let newKeys = UnsafeMutablePointer<String>.allocate(capacity: capacity)
        let newHashes = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        newKeys.moveInitialize(from: keys, count: memberCount)
        newHashes.moveInitialize(from: hashes, count: memberCount)
        keys.deallocate()
        hashes.deallocate()
        (keys, hashes, memberCapacity) = (newKeys, newHashes, capacity)
    }

    private func growValues() {
        let capacity = valueCapacity * 2
        let newValues = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
        newValues.moveInitialize(from: values, count: valueCount)
        values.deallocate()
        (values, valueCapacity) = (newValues, capacity)
    }
}

/// String values seen before, for a `JSONParser` reading many records: records repeat most of
/// their longer strings (product names, URLs, image links), and a hit is a retain instead of an
/// allocation, a UTF-8 check and, later, a free. Direct-mapped by a hash of the length and the
/// first and last eight bytes; a hit is confirmed by comparing every byte.
final class JSONStringCache {
    /// Shorter strings are stored inline in the String (no allocation to save); longer ones
    /// rarely repeat.
    static let lengths = 16...128
    @exclusivity(unchecked) private var slots = [(key: UInt64, string: String)?](repeating: nil, count: 1024)

    /// The string of `count` bytes at `start` (valid UTF-8 or not: a repaired string never
    /// matches its input bytes, so it is decoded again).
    func string(_ start: UnsafePointer<UInt8>, count n: Int) -> String {
        let raw = UnsafeRawPointer(start)
        let head = raw.loadUnaligned(as: UInt64.self)
        let tail = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        let key = (head &* 0x9E37_79B9_7F4A_7C15) ^ ((tail &+ UInt64(n)) &* 0xC2B2_AE3D_27D4_EB4F)
        let slot = Int(truncatingIfNeeded: key >> 54)
        if let e = slots[slot], e.key == key, e.string.utf8.count == n,
            e.string.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, start, n) == 0 }) == true
        {
            return e.string
        }
        let s = String(decoding: UnsafeBufferPointer(start: start, count: n), as: UTF8.self)
        slots[slot] = (key, s)
        return s
    }
}
