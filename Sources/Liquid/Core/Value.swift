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
    /// One member: its key, the key's `KeyHash` (scanning compares these before strings) and value.
    struct Entry {
        let key: String
        let hash: Int
        var value: Value
    }
    struct Header {
        var count: Int
        var capacity: Int
        var index: [String: Int]?
    }
    /// The header and the entries in one allocation: a recipient record holds a dozen objects,
    /// and each cost two allocations (and two frees) while the entries lived in an array.
    final class Storage: ManagedBuffer<Header, Entry> {
        static func make(capacity: Int) -> Storage {
            let b = Storage.create(minimumCapacity: capacity) { _ in Header(count: 0, capacity: capacity, index: nil) }
            return unsafeDowncast(b, to: Storage.self)
        }
        /// Shared by every empty object until one is written to.
        nonisolated(unsafe) static let empty = Storage.make(capacity: 0)

        deinit {
            _ = withUnsafeMutablePointers { h, e in e.deinitialize(count: h.pointee.count) }
        }

        /// A copy with room for `capacity` entries (at least this one's count).
        func copy(capacity: Int) -> Storage {
            withUnsafeMutablePointers { h, e in
                let s = Storage.make(capacity: max(capacity, h.pointee.count))
                s.withUnsafeMutablePointers { sh, se in
                    se.initialize(from: e, count: h.pointee.count)
                    sh.pointee.count = h.pointee.count
                    sh.pointee.index = h.pointee.index
                }
                return s
            }
        }
    }
    private var storage: Storage

    public init() { storage = Storage.empty }
    public init(_ pairs: [(String, Value)]) {
        storage = pairs.isEmpty ? Storage.empty : Storage.make(capacity: pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public var keys: [String] { map { e in e.key } }
    public var values: [Value] { map { e in e.value } }
    public var count: Int { storage.header.count }
    public var isEmpty: Bool { count == 0 }
    /// Key/value pairs in insertion order.
    public var pairs: [(String, Value)] { map { e in (e.key, e.value) } }

    /// Calls `body` with each key and value in order, while it returns true; false if it stopped.
    func allMembers(_ body: (String, Value) -> Bool) -> Bool {
        storage.withUnsafeMutablePointers { h, e in
            for i in 0..<h.pointee.count where !body(e[i].key, e[i].value) { return false }
            return true
        }
    }

    private func map<T>(_ f: (Entry) -> T) -> [T] {
        storage.withUnsafeMutablePointers { h, e in UnsafeBufferPointer(start: e, count: h.pointee.count).map(f) }
    }

    @inline(__always) func position(of key: String) -> Int? {
        if let index = storage.header.index { return index[key] }
        return position(of: key, hash: KeyHash.of(key))
    }

    /// Lookup with a precomputed `KeyHash.of(key)` (template paths hash their names once, at parse time).
    @inline(__always) func position(of key: String, hash: Int) -> Int? {
        storage.withUnsafeMutablePointers { h, e in
            if let index = h.pointee.index { return index[key] }
            var i = 0
            let n = h.pointee.count
            while i < n {
                if e[i].hash == hash && e[i].key == key { return i }
                i += 1
            }
            return nil
        }
    }

    @inline(__always) func value(at i: Int) -> Value { storage.withUnsafeMutablePointerToElements { $0[i].value } }

    public subscript(key: String) -> Value? {
        @inline(__always) get {
            guard let i = position(of: key) else { return nil }
            return value(at: i)
        }
        set {
            if let newValue { set(key, newValue); return }
            guard let i = position(of: key) else { return }
            reserve(count)
            storage.withUnsafeMutablePointers { h, e in
                (e + i).deinitialize(count: 1)
                (e + i).moveInitialize(from: e + i + 1, count: h.pointee.count - i - 1)
                h.pointee.count -= 1
            }
            rebuildIndex()
        }
    }

    /// `self[key] = value` hashing the key once.
    mutating func set(_ key: String, _ value: Value) {
        let hash = KeyHash.of(key)
        if let i = position(of: key, hash: hash) {
            reserve(count)
            storage.withUnsafeMutablePointerToElements { $0[i].value = value }
            return
        }
        reserve(count + 1)
        let indexed = storage.withUnsafeMutablePointers { h, e in
            (e + h.pointee.count).initialize(to: Entry(key: key, hash: hash, value: value))
            h.pointee.count += 1
            if h.pointee.index != nil { h.pointee.index![key] = h.pointee.count - 1 }
            return h.pointee.index != nil
        }
        if !indexed, count > 16 { rebuildIndex() }
    }

    /// Makes the storage unique with room for `needed` entries (doubling when it grows).
    private mutating func reserve(_ needed: Int) {
        let capacity = storage.header.capacity
        let unique = isKnownUniquelyReferenced(&storage)
        if unique, capacity >= needed { return }
        let target = needed > capacity ? max(needed, capacity * 2, 4) : capacity
        guard unique else { storage = storage.copy(capacity: target); return }
        let grown = Storage.make(capacity: target)
        storage.withUnsafeMutablePointers { h, e in
            grown.withUnsafeMutablePointers { gh, ge in
                ge.moveInitialize(from: e, count: h.pointee.count)
                gh.pointee.count = h.pointee.count
                gh.pointee.index = h.pointee.index
            }
            h.pointee.count = 0  // moved out: nothing left to deinitialize
        }
        storage = grown
    }

    /// An object from the JSON reader's stacks: `count` keys, their hashes and values, moved
    /// (the stacks give them up) into entries allocated once at their exact size. Later
    /// duplicates of a key win, as with `set`.
    init(moving keys: UnsafeMutablePointer<String>, hashes: UnsafePointer<Int>, values: UnsafeMutablePointer<Value>, count n: Int) {
        if n <= 16, !Self.hasDuplicate(keys, hashes, n) {
            storage = n == 0 ? Storage.empty : Storage.make(capacity: n)
            storage.withUnsafeMutablePointers { h, e in
                for i in 0..<n {
                    (e + i).initialize(to: Entry(key: (keys + i).move(), hash: hashes[i], value: (values + i).move()))
                }
                h.pointee.count = n
            }
            return
        }
        storage = Storage.make(capacity: n)
        for i in 0..<n { set((keys + i).move(), (values + i).move()) }
    }

    private static func hasDuplicate(_ keys: UnsafePointer<String>, _ hashes: UnsafePointer<Int>, _ n: Int) -> Bool {
        for i in 0..<n {
            for j in (i + 1)..<n where hashes[i] == hashes[j] && keys[i] == keys[j] { return true }
        }
        return false
    }

    /// Past 16 keys a hash index; below, none (a linear scan is faster). Storage is unique here.
    private func rebuildIndex() {
        storage.withUnsafeMutablePointers { h, e in
            guard h.pointee.count > 16 else { h.pointee.index = nil; return }
            var idx: [String: Int] = [:]
            for i in 0..<h.pointee.count { idx[e[i].key] = i }
            h.pointee.index = idx
        }
    }
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
            if type == "c" || type == "B" {
                self = .bool(n.boolValue)
            } else if type == "d" || type == "f" {
                self = .double(n.doubleValue)
            } else {
                self = .int(n.intValue)
            }
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
