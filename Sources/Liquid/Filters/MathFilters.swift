import Foundation

/// A number as Shopify's filters see it: an integer, or an exact decimal (Ruby BigDecimal).
enum Number {
    case int(Int)
    case decimal(Decimal)

    /// Ruby Liquid's `Utils.to_number`: floats and "1.5" become decimals, other strings their leading integer.
    init(_ v: Value) {
        switch v {
        case .int(let i): self = .int(i)
        case .double(let d): self = .decimal(Decimal(string: formatDouble(d)) ?? Decimal(d))
        case .string(let s):
            let t = s.trimmingWhitespace
            if t.range(of: #"^-?\d+\.\d+$"#, options: .regularExpression) != nil, let d = Decimal(string: t) { self = .decimal(d) }
            else { self = .int(leadingInteger(t)) }
        default: self = .int(0)
        }
    }

    var decimal: Decimal {
        switch self {
        case .int(let i): return Decimal(i)
        case .decimal(let d): return d
        }
    }

    var isZero: Bool {
        switch self {
        case .int(let i): return i == 0
        case .decimal(let d): return d.isZero
        }
    }

    var value: Value {
        switch self {
        case .int(let i): return .int(i)
        case .decimal(let d): return .double(Double(d.description) ?? 0)
        }
    }

    static func apply(_ a: Number, _ b: Number, int: (Int, Int) -> (Int, Bool), dec: (Decimal, Decimal) -> Decimal) -> Value {
        if case .int(let x) = a, case .int(let y) = b {
            let (r, overflow) = int(x, y)
            if !overflow { return .int(r) }
        }
        return Number.decimal(dec(a.decimal, b.decimal)).value
    }
}

func leadingInteger(_ s: String) -> Int {
    var digits = ""
    for (i, c) in s.enumerated() {
        if c.isASCII && c.isNumber || (i == 0 && (c == "-" || c == "+")) { digits.append(c) } else { break }
    }
    return Int(digits) ?? 0
}

func decimalFloor(_ d: Decimal) -> Decimal {
    var x = d, r = Decimal()
    NSDecimalRound(&r, &x, 0, .down)
    if r > d { r -= 1 }
    return r
}

func decimalRound(_ d: Decimal, _ places: Int, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
    var x = d, r = Decimal()
    NSDecimalRound(&r, &x, places, mode)
    return r
}

let mathFilters: [String: Filter] = [
    "plus": Filter(args: 1...1) { v, a, _ in
        Number.apply(Number(v), Number(a[0]), int: { $0.addingReportingOverflow($1) }, dec: { $0 + $1 })
    },
    "minus": Filter(args: 1...1) { v, a, _ in
        Number.apply(Number(v), Number(a[0]), int: { $0.subtractingReportingOverflow($1) }, dec: { $0 - $1 })
    },
    "times": Filter(args: 1...1) { v, a, _ in
        Number.apply(Number(v), Number(a[0]), int: { $0.multipliedReportingOverflow(by: $1) }, dec: { $0 * $1 })
    },
    "divided_by": Filter(args: 1...1) { v, a, _ in
        let x = Number(v), y = Number(a[0])
        if y.isZero { throw filterError("divided by 0") }
        return Number.apply(x, y, int: { a, b in
            let (q, overflow) = a.dividedReportingOverflow(by: b)
            if overflow { return (0, true) }
            return ((a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q, false)
        }, dec: { $0 / $1 })
    },
    "modulo": Filter(args: 1...1) { v, a, _ in
        let x = Number(v), y = Number(a[0])
        if y.isZero { throw filterError("divided by 0") }
        return Number.apply(x, y, int: { a, b in
            let (r, overflow) = a.remainderReportingOverflow(dividingBy: b)
            if overflow { return (0, false) }
            return (r != 0 && ((r < 0) != (b < 0)) ? r + b : r, false)
        }, dec: { a, b in a - b * decimalFloor(a / b) })
    },
    "abs": Filter { v, _, _ in
        switch Number(v) {
        case .int(let i): return i == Int.min ? Number.decimal(abs(Decimal(i))).value : .int(abs(i))
        case .decimal(let d): return Number.decimal(abs(d)).value
        }
    },
    "ceil": Filter { v, _, _ in
        switch Number(v) {
        case .int(let i): return .int(i)
        case .decimal(let d): return .int(Int(truncating: NSDecimalNumber(decimal: -decimalFloor(-d))))
        }
    },
    "floor": Filter { v, _, _ in
        switch Number(v) {
        case .int(let i): return .int(i)
        case .decimal(let d): return .int(Int(truncating: NSDecimalNumber(decimal: decimalFloor(d))))
        }
    },
    "round": Filter(args: 0...1) { v, a, _ in
        var places = 0
        if let arg = a.first {
            switch Number(arg) {
            case .int(let i): places = i
            case .decimal(let d): places = Int(truncating: NSDecimalNumber(decimal: d))
            }
        }
        switch Number(v) {
        case .int(let i):
            if places >= 0 { return .int(i) }
            return .int(Int(truncating: NSDecimalNumber(decimal: decimalRound(Decimal(i), places, .plain))))
        case .decimal(let d):
            let r = decimalRound(d, places, .plain)
            if places <= 0 { return .int(Int(truncating: NSDecimalNumber(decimal: r))) }
            return Number.decimal(r).value
        }
    },
    "at_least": Filter(args: 1...1) { v, a, _ in
        let x = Number(v), y = Number(a[0])
        return (x.decimal >= y.decimal ? x : y).value
    },
    "at_most": Filter(args: 1...1) { v, a, _ in
        let x = Number(v), y = Number(a[0])
        return (x.decimal <= y.decimal ? x : y).value
    },
]
