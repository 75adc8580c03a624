import Foundation

/// A JSON-like value that templates read and produce. Objects keep their key order
/// (Liquid iterates hashes in insertion order).
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([Value])
    case object(LiquidObject)
    /// An inclusive integer range `(a..b)`.
    case range(Int, Int)
    /// The `empty` and `blank` literals: special only in comparisons.
    case empty
    case blank
    /// A host object answering properties on demand (e.g. `forloop`).
    case drop(any LiquidDrop)
}

/// An object whose properties are computed when a template asks for them.
public protocol LiquidDrop: AnyObject, Sendable {
    func property(_ key: String) -> Value?
}

/// An insertion-ordered string-keyed dictionary with value semantics (copy on write).
/// Small objects (the usual case in templates) are searched linearly, which beats hashing short
/// keys; a hash index is built past 16 keys. One reference inside keeps copies cheap while rendering.
public struct LiquidObject: @unchecked Sendable {
    /// One member. Keys, their hashes and values live in one array: an object costs two
    /// allocations (this storage and its entries), which matters for the few objects of every
    /// recipient record the JSON reader builds.
    struct Entry {
        let key: String
        /// `KeyHash.of(key)`: scanning compares these before comparing strings.
        let hash: Int
        var value: Value
    }
    final class Storage {
        var entries: [Entry] = []
        var index: [String: Int]?
        init() {}
        init(_ other: Storage) { entries = other.entries; index = other.index }
    }
    private var storage = Storage()

    public init() {}
    public init(_ pairs: [(String, Value)]) {
        storage.entries.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public var keys: [String] { storage.entries.map(\.key) }
    public var values: [Value] { storage.entries.map(\.value) }
    public var count: Int { storage.entries.count }
    public var isEmpty: Bool { storage.entries.isEmpty }

    @inline(__always) func position(of key: String) -> Int? {
        if storage.index != nil { return storage.index![key] }
        return position(of: key, hash: KeyHash.of(key))
    }

    /// Lookup with a precomputed `KeyHash.of(key)` (template paths hash their names once, at parse time).
    @inline(__always) func position(of key: String, hash: Int) -> Int? {
        if storage.index != nil { return storage.index![key] }
        return storage.entries.withUnsafeBufferPointer { e in
            var i = 0
            while i < e.count {
                if e[i].hash == hash && e[i].key == key { return i }
                i += 1
            }
            return nil
        }
    }

    @inline(__always) func value(at i: Int) -> Value { storage.entries[i].value }

    public subscript(key: String) -> Value? {
        @inline(__always) get {
            guard let i = position(of: key) else { return nil }
            return storage.entries[i].value
        }
        set {
            if let newValue { set(key, newValue); return }
            guard let i = position(of: key) else { return }
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage) }
            storage.entries.remove(at: i)
            rebuildIndex()
        }
    }

    /// `self[key] = value` hashing the key once.
    mutating func set(_ key: String, _ value: Value) {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage) }
        let s = storage
        let hash = KeyHash.of(key)
        if let i = position(of: key, hash: hash) { s.entries[i].value = value; return }
        s.entries.append(Entry(key: key, hash: hash, value: value))
        if s.index != nil { s.index![key] = s.entries.count - 1 } else if s.entries.count > 16 { rebuildIndex() }
    }

    /// An object from parallel key/hash/value runs (the JSON reader's stacks), its entries
    /// allocated once at their exact size. Later duplicates of a key win, as with `set`.
    init(keys: ArraySlice<String>, hashes: ArraySlice<Int>, values: ArraySlice<Value>) {
        let n = keys.count
        if n <= 16, !Self.hasDuplicate(keys, hashes) {
            storage.entries = [Entry](unsafeUninitializedCapacity: n) { buf, count in
                var k = keys.startIndex, h = hashes.startIndex, v = values.startIndex
                for i in 0..<n {
                    (buf.baseAddress! + i).initialize(to: Entry(key: keys[k], hash: hashes[h], value: values[v]))
                    k += 1; h += 1; v += 1
                }
                count = n
            }
            return
        }
        storage.entries.reserveCapacity(n)
        for (k, v) in zip(keys, values) { set(k, v) }
    }

    private static func hasDuplicate(_ keys: ArraySlice<String>, _ hashes: ArraySlice<Int>) -> Bool {
        var i = hashes.startIndex
        while i < hashes.endIndex {
            var j = i + 1
            while j < hashes.endIndex {
                if hashes[i] == hashes[j], keys[i] == keys[j] { return true }
                j += 1
            }
            i += 1
        }
        return false
    }

    private func rebuildIndex() {
        let s = storage
        guard s.entries.count > 16 else { s.index = nil; return }
        var idx: [String: Int] = [:]
        for (i, e) in s.entries.enumerated() { idx[e.key] = i }
        s.index = idx
    }

    /// Key/value pairs in insertion order.
    public var pairs: [(String, Value)] { storage.entries.map { ($0.key, $0.value) } }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) { self = .object(LiquidObject(elements)) }
}

extension Value {
    /// Converts the output of `JSONSerialization` (or any Foundation property list) into a Value.
    public init(foundation any: Any?) {
        switch any {
        case nil, is NSNull: self = .null
        case let s as String: self = .string(s)
        case let n as NSNumber:
            let type = String(cString: n.objCType)
            if type == "c" || type == "B" { self = .bool(n.boolValue) }
            else if type == "d" || type == "f" { self = .double(n.doubleValue) }
            else { self = .int(n.intValue) }
        case let b as Bool: self = .bool(b)
        case let i as Int: self = .int(i)
        case let d as Double: self = .double(d)
        case let a as [Any]: self = .array(a.map { Value(foundation: $0) })
        case let d as [String: Any]:
            // JSONSerialization loses key order; sort for determinism unless the caller used parseJSON.
            self = .object(LiquidObject(d.keys.sorted().map { ($0, Value(foundation: d[$0])) }))
        default: self = .string(String(describing: any!))
        }
    }

    /// Parses JSON text, keeping object key order (JSONSerialization does not).
    public static func parseJSON(_ text: String) throws -> Value {
        var text = text
        return try text.withUTF8 { try JSONReader.parse($0) }
    }

    public static func parseJSON(data: Data) throws -> Value {
        try parseJSON(bytes: data)
    }

    /// Parses JSON from any bytes, in place when they are contiguous (no copy).
    public static func parseJSON(bytes: some Collection<UInt8>) throws -> Value {
        if let v = try bytes.withContiguousStorageIfAvailable({ try JSONReader.parse($0) }) { return v }
        return try Array(bytes).withUnsafeBufferPointer { try JSONReader.parse($0) }
    }
}
