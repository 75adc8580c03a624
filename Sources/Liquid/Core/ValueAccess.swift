/// How templates read into values: properties, indexes, `contains`.
extension Value {
    /// `a.key`: object members, and `size`/`first`/`last` of arrays and strings.
    @inline(__always) func property(_ key: String) -> Value? {
        switch self {
        case .object(let o):
            if let v = o[key] { return v }
            switch key {
            case "size": return .int(o.count)
            case "first": return o.keys.first.map { .array([.string($0), o[$0]!]) }
            default: return nil
            }
        case .array(let a):
            switch key {
            case "size": return .int(a.count)
            case "first": return a.first
            case "last": return a.last
            default: return nil
            }
        case .range(let lo, let hi):
            switch key {
            case "size": return .int(rangeCount(lo, hi))
            case "first": return .int(lo)
            case "last": return .int(hi)
            default: return nil
            }
        case .string(let s):
            switch key {
            case "size": return .int(s.unicodeScalars.count)
            case "first": return s.unicodeScalars.first.map { .string(String($0)) }
            case "last": return s.unicodeScalars.last.map { .string(String($0)) }
            default: return nil
            }
        case .drop(let d): return d.property(key)
        default: return nil
        }
    }

    /// `a[0]`, `a[-1]`.
    func item(at index: Int) -> Value? {
        switch self {
        case .array(let a):
            let i = index < 0 ? a.count + index : index
            return i >= 0 && i < a.count ? a[i] : nil
        case .range(let lo, _):
            let count = size
            let i = index < 0 ? count &+ index : index
            return i >= 0 && i < count ? .int(lo &+ i) : nil
        case .object(let o): return o[String(index)]
        default: return nil
        }
    }

    func liquidContains(_ needle: Value) -> Bool {
        switch self {
        case .string(let s):
            switch needle {
            case .null, .empty, .blank, .array, .object, .drop: return false
            default: return s.contains(needle.liquidString)
            }
        case .array(let a): return a.contains { $0.liquidEquals(needle) }
        case .range(let lo, let hi):
            switch needle {
            case .int(let i): return lo <= i && i <= hi
            case .double(let d): return d >= Double(lo) && d <= Double(hi) && d.rounded() == d
            default: return false
            }
        case .object(let o):
            if case .string(let k) = needle { return o[k] != nil }
            return false
        default: return false
        }
    }

    var typeName: String {
        switch self {
        case .null: return "nil"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "float"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        case .range: return "range"
        case .empty: return "empty"
        case .blank: return "blank"
        case .drop: return "object"
        }
    }
}

/// Member names with their key hashes worked out once, for a path read for every recipient
/// (`decision.action`): no array to build and no key to hash per read.
public struct MemberPath: Sendable {
    public let keys: [String]
    let hashes: [Int]

    public init(_ keys: String...) { self.init(keys: keys) }

    public init(keys: [String]) {
        self.keys = keys
        hashes = keys.map(KeyHash.of)
    }
}

extension Value {
    /// The value at `path` through nested objects; nil when a step is missing or not an object.
    public func member(at path: MemberPath) -> Value? {
        var v = self
        for i in path.keys.indices {
            guard case .object(let o) = v, let p = o.position(of: path.keys[i], hash: path.hashes[i]) else { return nil }
            v = o.value(at: p)
        }
        return v
    }
}
