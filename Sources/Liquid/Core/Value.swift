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
    final class Storage {
        var keys: [String] = []
        /// `KeyHash.of(keys[i])`: scanning compares these before comparing strings.
        var hashes: [Int] = []
        var values: [Value] = []
        var index: [String: Int]?
        init() {}
        init(_ other: Storage) { keys = other.keys; hashes = other.hashes; values = other.values; index = other.index }
    }
    private var storage = Storage()

    public init() {}
    public init(_ pairs: [(String, Value)]) {
        storage.keys.reserveCapacity(pairs.count)
        storage.hashes.reserveCapacity(pairs.count)
        storage.values.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public var keys: [String] { storage.keys }
    public var values: [Value] { storage.values }
    public var count: Int { storage.keys.count }
    public var isEmpty: Bool { storage.keys.isEmpty }

    @inline(__always) func position(of key: String) -> Int? {
        if storage.index != nil { return storage.index![key] }
        return position(of: key, hash: KeyHash.of(key))
    }

    /// Lookup with a precomputed `KeyHash.of(key)` (template paths hash their names once, at parse time).
    @inline(__always) func position(of key: String, hash: Int) -> Int? {
        if storage.index != nil { return storage.index![key] }
        var i = 0
        let n = storage.hashes.count
        while i < n {
            if storage.hashes[i] == hash && storage.keys[i] == key { return i }
            i += 1
        }
        return nil
    }

    @inline(__always) func value(at i: Int) -> Value { storage.values[i] }

    public subscript(key: String) -> Value? {
        @inline(__always) get {
            guard let i = position(of: key) else { return nil }
            return storage.values[i]
        }
        set {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage) }
            let s = storage
            if let i = position(of: key) {
                if let newValue { s.values[i] = newValue; return }
                s.keys.remove(at: i)
                s.hashes.remove(at: i)
                s.values.remove(at: i)
                rebuildIndex()
            } else if let newValue {
                s.keys.append(key)
                s.hashes.append(KeyHash.of(key))
                s.values.append(newValue)
                if s.index != nil { s.index![key] = s.keys.count - 1 } else if s.keys.count > 16 { rebuildIndex() }
            }
        }
    }

    /// `self[key] = value` hashing the key once (the JSON reader sets every key it reads).
    mutating func set(_ key: String, _ value: Value) {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage) }
        let s = storage
        let hash = KeyHash.of(key)
        if let i = position(of: key, hash: hash) { s.values[i] = value; return }
        s.keys.append(key)
        s.hashes.append(hash)
        s.values.append(value)
        if s.index != nil { s.index![key] = s.keys.count - 1 } else if s.keys.count > 16 { rebuildIndex() }
    }

    /// An object from parallel key/hash/value runs (the JSON reader's stacks), each array
    /// allocated once at its exact size. Later duplicates of a key win, as with `set`.
    init(keys: ArraySlice<String>, hashes: ArraySlice<Int>, values: ArraySlice<Value>) {
        if keys.count <= 16, !Self.hasDuplicate(keys, hashes) {
            storage.keys = Array(keys)
            storage.hashes = Array(hashes)
            storage.values = Array(values)
            return
        }
        storage.keys.reserveCapacity(keys.count)
        storage.hashes.reserveCapacity(keys.count)
        storage.values.reserveCapacity(keys.count)
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
        guard s.keys.count > 16 else { s.index = nil; return }
        var idx: [String: Int] = [:]
        for (i, k) in s.keys.enumerated() { idx[k] = i }
        s.index = idx
    }

    /// Key/value pairs in insertion order.
    public var pairs: [(String, Value)] { Array(zip(storage.keys, storage.values)) }
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
