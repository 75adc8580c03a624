import Foundation

/// A number as Shopify's filters see it: an integer, or an exact decimal (Ruby BigDecimal).
/// Values Decimal cannot hold (NaN, infinities, beyond ±1e165) are render errors naming the
/// value, never a trap or a silent "NaN" in a message.
enum Number {
    case int(Int)
    case decimal(Decimal)

    /// Ruby Liquid's `Utils.to_number`: floats and "1.5" become decimals, other strings their
    /// leading integer (beyond Int's range: a decimal, as Ruby's Bignum would be).
    init(_ v: Value) throws {
        switch v {
        case .int(let i): self = .int(i)
        case .double(let d): self = .decimal(try Self.decimal(d))
        case .string(let s):
            let t = s.trimmingWhitespace
            if t.range(of: #"^-?\d+\.\d+$"#, options: .regularExpression) != nil, let d = Decimal(string: t), !d.isNaN {
                self = .decimal(d)
            } else {
                self = leadingNumber(t)
            }
        default: self = .int(0)
        }
    }

    /// The decimal a float stands for (its shortest text, as Ruby's `BigDecimal(f.to_s)`).
    static func decimal(_ d: Double) throws -> Decimal {
        guard d.isFinite else { throw LiquidError(.render, "'\(formatDouble(d))' is not a finite number") }
        if d.magnitude < 1e-100 { return 0 }  // below Decimal's range: 0 to any precision a template shows
        guard let x = Decimal(string: formatDouble(d)), !x.isNaN else { throw LiquidError(.render, "\(formatDouble(d)) is out of range") }
        return x
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

    /// The result as a value; a decimal that overflowed (NaN) is an error.
    func value() throws -> Value {
        switch self {
        case .int(let i): return .int(i)
        case .decimal(let d):
            guard !d.isNaN, let x = Double(d.description) else { throw LiquidError(.render, "the result is out of range") }
            return .double(x)
        }
    }

    static func apply(_ a: Number, _ b: Number, int: (Int, Int) -> (Int, Bool), dec: (Decimal, Decimal) -> Decimal) throws -> Value {
        if case .int(let x) = a, case .int(let y) = b {
            let (r, overflow) = int(x, y)
            if !overflow { return .int(r) }
        }
        return try Number.decimal(dec(a.decimal, b.decimal)).value()
    }
}

/// An integral decimal as an Int when it fits, else as a float (Ruby would give a Bignum).
func integral(_ d: Decimal) throws -> Value {
    if !d.isNaN, d >= Decimal(Int.min), d <= Decimal(Int.max), let i = Int(d.description) { return .int(i) }
    return try Number.decimal(d).value()
}

/// Ruby's `String#to_i` as a Number: the leading integer, a decimal when it overflows Int.
func leadingNumber(_ s: String) -> Number {
    let digits = leadingDigits(s)
    if let i = Int(digits) { return .int(i) }
    if let d = Decimal(string: digits), !d.isNaN, digits.contains(where: \.isNumber) { return .decimal(d) }
    return .int(0)
}

func leadingDigits(_ s: String) -> String {
    var digits = ""
    for (i, c) in s.enumerated() {
        if c.isASCII && c.isNumber || (i == 0 && (c == "-" || c == "+")) { digits.append(c) } else { break }
    }
    return digits
}

func decimalFloor(_ d: Decimal) -> Decimal {
    var x = d, r = Decimal()
    NSDecimalRound(&r, &x, 0, .down)
    if r > d { r -= 1 }
    return r
}

/// Rounding places are clamped to ±200: Decimal holds 38 digits with exponents within ±128, so
/// rounding further either way changes nothing more, and NSDecimalRound's time grows with them.
func decimalRound(_ d: Decimal, _ places: Int, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
    var x = d, r = Decimal()
    let places = min(max(places, -200), 200)
    NSDecimalRound(&r, &x, places, mode)
    return r
}

let mathFilters: [String: Filter] = [
    "plus": Filter(args: 1...1) { v, a, _ in
        try Number.apply(Number(v), Number(a[0]), int: { $0.addingReportingOverflow($1) }, dec: { $0 + $1 })
    },
    "minus": Filter(args: 1...1) { v, a, _ in
        try Number.apply(Number(v), Number(a[0]), int: { $0.subtractingReportingOverflow($1) }, dec: { $0 - $1 })
    },
    "times": Filter(args: 1...1) { v, a, _ in
        try Number.apply(Number(v), Number(a[0]), int: { $0.multipliedReportingOverflow(by: $1) }, dec: { $0 * $1 })
    },
    "divided_by": Filter(args: 1...1) { v, a, _ in
        let x = try Number(v), y = try Number(a[0])
        if y.isZero { throw filterError("divided by 0") }
        return try Number.apply(
            x, y,
            int: { a, b in
                let (q, overflow) = a.dividedReportingOverflow(by: b)
                if overflow { return (0, true) }
                return ((a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q, false)
            }, dec: { $0 / $1 })
    },
    "modulo": Filter(args: 1...1) { v, a, _ in
        let x = try Number(v), y = try Number(a[0])
        if y.isZero { throw filterError("divided by 0") }
        return try Number.apply(
            x, y,
            int: { a, b in
                let (r, overflow) = a.remainderReportingOverflow(dividingBy: b)
                if overflow { return (0, false) }
                return (r != 0 && ((r < 0) != (b < 0)) ? r + b : r, false)
            }, dec: { a, b in a - b * decimalFloor(a / b) })
    },
    "abs": Filter { v, _, _ in
        switch try Number(v) {
        case .int(let i): return i == Int.min ? try Number.decimal(abs(Decimal(i))).value() : .int(abs(i))
        case .decimal(let d): return try Number.decimal(abs(d)).value()
        }
    },
    "ceil": Filter { v, _, _ in
        switch try Number(v) {
        case .int(let i): return .int(i)
        case .decimal(let d): return try integral(-decimalFloor(-d))
        }
    },
    "floor": Filter { v, _, _ in
        switch try Number(v) {
        case .int(let i): return .int(i)
        case .decimal(let d): return try integral(decimalFloor(d))
        }
    },
    "round": Filter(args: 0...1) { v, a, _ in
        var places = 0
        if let arg = a.first {
            switch try Number(arg) {
            case .int(let i): places = i
            case .decimal(let d): places = try integral(d).integerArgument ?? 0
            }
        }
        switch try Number(v) {
        case .int(let i):
            if places >= 0 { return .int(i) }
            return try integral(decimalRound(Decimal(i), places, .plain))
        case .decimal(let d):
            let r = decimalRound(d, places, .plain)
            if places <= 0 { return try integral(r) }
            return try Number.decimal(r).value()
        }
    },
    "at_least": Filter(args: 1...1) { v, a, _ in
        let x = try Number(v), y = try Number(a[0])
        return try (x.decimal >= y.decimal ? x : y).value()
    },
    "at_most": Filter(args: 1...1) { v, a, _ in
        let x = try Number(v), y = try Number(a[0])
        return try (x.decimal <= y.decimal ? x : y).value()
    },
]
