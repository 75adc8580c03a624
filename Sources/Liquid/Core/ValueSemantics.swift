import Foundation

/// Liquid's rules for truth, equality, ordering and text, as Shopify Liquid applies them.
extension Value {
    /// Only nil and false are falsy; `empty`, `blank`, 0 and "" are truthy.
    @inlinable public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        default: return true
        }
    }

    public var isNil: Bool { if case .null = self { return true } else { return false } }

    /// `x == empty`: empty strings, arrays and objects.
    var isEmptyValue: Bool {
        switch self {
        case .string(let s): return s.isEmpty
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        case .empty: return true
        default: return false
        }
    }

    /// `x == blank`: nil, false, whitespace-only strings, empty arrays and objects.
    var isBlankValue: Bool {
        switch self {
        case .null, .blank: return true
        case .bool(let b): return !b
        case .string(let s): return s.allSatisfy { $0.isWhitespace }
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        default: return false
        }
    }

    /// Liquid equality (`==`): numbers across int/float, deep arrays and objects, special literals.
    public func liquidEquals(_ other: Value) -> Bool {
        switch (self, other) {
        case (.empty, .empty), (.blank, .blank): return true
        case (.empty, .blank), (.blank, .empty): return false
        case (.empty, let v), (let v, .empty): return v.isEmptyValue
        case (.blank, let v), (let v, .blank): return v.isBlankValue
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int(let a), .double(let b)): return Double(a) == b
        case (.double(let a), .int(let b)): return a == Double(b)
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.range(let a1, let a2), .range(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.array, .range), (.range, .array), (.array, .array):
            guard self.size == other.size, let a = self.arrayItems, let b = other.arrayItems, a.count == b.count else { return false }
            return zip(a, b).allSatisfy { $0.liquidEquals($1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for k in a.keys { guard let bv = b[k], a[k]!.liquidEquals(bv) else { return false } }
            return true
        case (.drop(let a), .drop(let b)): return a === b
        default: return false
        }
    }

    /// Ordering for `<`, `>`, `<=`, `>=` and sorting. nil when the two cannot be compared.
    func liquidCompare(_ other: Value) -> ComparisonResult? {
        switch (self, other) {
        case (.int(let a), .int(let b)): return a < b ? .orderedAscending : (a > b ? .orderedDescending : .orderedSame)
        case (.string(let a), .string(let b)): return a < b ? .orderedAscending : (a > b ? .orderedDescending : .orderedSame)
        default:
            if let a = self.numericValue, let b = other.numericValue {
                return a < b ? .orderedAscending : (a > b ? .orderedDescending : .orderedSame)
            }
            return nil
        }
    }

    var numericValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The items of an array or range (nil for anything else).
    var arrayItems: [Value]? {
        switch self {
        case .array(let a): return a
        case .range(let a, let b): return a <= b ? (a...b).map { .int($0) } : []  // callers bound the size first
        default: return nil
        }
    }

    /// `size`: characters of a string, items of an array or object.
    var size: Int {
        switch self {
        case .string(let s): return s.unicodeScalars.count  // Ruby counts code points
        case .array(let a): return a.count
        case .object(let o): return o.count
        case .range(let a, let b): return rangeCount(a, b)
        default: return 0
        }
    }

    /// The text a value renders as.
    public var liquidString: String {
        switch self {
        case .null, .empty, .blank: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return formatDouble(d)
        case .string(let s): return s
        case .array(let a): return a.map { $0.liquidString }.joined()
        case .range(let a, let b): return "\(a)..\(b)"
        case .object: return inspect
        case .drop: return ""
        }
    }

    /// Ruby-like `inspect`, used when a hash is rendered.
    var inspect: String {
        switch self {
        case .null: return "nil"
        case .string(let s): return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .array(let a): return "[" + a.map { $0.inspect }.joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.pairs.map { "\"\($0.0)\"=>\($0.1.inspect)" }.joined(separator: ", ") + "}"
        default: return liquidString
        }
    }
}

/// Ruby's Float#to_s: always a decimal point, exponent form outside 1e-4 ..< 1e16.
func formatDouble(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    var s = d.description
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        var mantissa = String(s[..<e])
        var exp = String(s[s.index(after: e)...])
        if !mantissa.contains(".") { mantissa += ".0" }
        if !exp.hasPrefix("-") && !exp.hasPrefix("+") { exp = "+" + exp }
        let sign = exp.first!
        var digits = String(exp.dropFirst())
        if digits.count < 2 { digits = "0" + digits }
        return mantissa + "e" + String(sign) + digits
    }
    if !s.contains(".") { s += ".0" }
    return s
}

/// Items of the range `lo...hi`: 0 when empty, Int.max when there are more (`Int.min...Int.max`).
func rangeCount(_ lo: Int, _ hi: Int) -> Int {
    guard lo <= hi else { return 0 }
    let (span, overflow) = hi.subtractingReportingOverflow(lo)
    return overflow || span == Int.max ? Int.max : span + 1
}

extension Value {
    /// Whether the text of these items (what `liquidString` and `join` make of them) fits in
    /// `budget` bytes, which it lowers as it goes. Numbers count at their widest, objects at their
    /// `inspect` form with every character escaped: an upper bound, walked with an early exit,
    /// so an array of a million references to one large string costs a few steps, not its text.
    static func textFits(_ items: [Value], within budget: inout Int) -> Bool {
        for item in items {
            switch item {
            case .string(let s): budget -= s.utf8.count
            case .array(let a): if !textFits(a, within: &budget) { return false }
            case .object: if !inspectFits(item, within: &budget) { return false }
            case .int(let i): budget -= decimalWidth(i)
            case .double, .range, .bool: budget -= 48
            case .null, .empty, .blank, .drop: break
            }
            if budget < 0 { return false }
        }
        return true
    }

    private static func inspectFits(_ v: Value, within budget: inout Int) -> Bool {
        switch v {
        case .string(let s): budget -= 2 * s.utf8.count + 2
        case .array(let a):
            budget -= 2
            for item in a where budget >= 0 { budget -= 2; _ = inspectFits(item, within: &budget) }
        case .object(let o):
            budget -= 2
            _ = o.allMembers { k, value in
                budget -= 2 * k.utf8.count + 8
                return inspectFits(value, within: &budget)
            }
        default: budget -= 48
        }
        return budget >= 0
    }
}

/// Characters of an integer's decimal text, its sign included.
func decimalWidth(_ i: Int) -> Int {
    var n = i.magnitude, width = i < 0 ? 2 : 1
    while n >= 10 { n /= 10; width += 1 }
    return width
}

/// `Int(d)` without trapping: NaN is 0, out-of-range values clamp to Int's bounds.
func clampedInt(_ d: Double) -> Int {
    if d.isNaN { return 0 }
    if d >= 9.2e18 { return Int.max }
    if d <= -9.2e18 { return Int.min }
    return Int(d)
}
