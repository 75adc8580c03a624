/// MJML's little parsers for sizes, shorthands and borders, with JavaScript number printing.
enum Unit { case px, percent }

struct Size {
    var value: Double
    var unit: Unit
    var isPercent: Bool { unit == .percent }
    /// `50%`, `300px`
    var css: String { fmt(value) + (unit == .percent ? "%" : "px") }
}

/// MJML's widthParser: leading number, unit `%` or px (default); integers unless `keepFloat`.
func parseSize(_ s: String?, keepFloat: Bool = true) -> Size? {
    guard let s else { return nil }
    let u = Array(s.utf8)
    var i = 0
    while i < u.count, isSpace(u[i]) { i += 1 }
    let start = i
    while i < u.count, (u[i] >= 48 && u[i] <= 57) || u[i] == 46 { i += 1 }
    guard i > start, var v = Double(String(decoding: u[start..<i], as: UTF8.self)) else { return nil }
    if !keepFloat { v = v.rounded(.towardZero) }
    let unit: Unit = (i < u.count && u[i] == 37) ? .percent : .px
    return Size(value: v, unit: unit)
}

/// JavaScript parseInt: leading integer (optional sign), else nil.
func parseInt(_ s: String?) -> Int? {
    guard let s else { return nil }
    var it = s.utf8.makeIterator()
    var sign = 1, v = 0, digits = 0
    var c = it.next()
    while let x = c, isSpace(x) { c = it.next() }
    if c == 45 { sign = -1; c = it.next() } else if c == 43 { c = it.next() }
    while let x = c, x >= 48, x <= 57 {
        v = v &* 10 &+ Int(x - 48)
        digits += 1
        c = it.next()
    }
    return digits > 0 ? sign * v : nil
}

/// JavaScript parseFloat (leading decimal number), else nil.
func parseFloatJS(_ s: String?) -> Double? {
    guard let s else { return nil }
    let u = Array(s.utf8)
    var i = 0
    while i < u.count, isSpace(u[i]) { i += 1 }
    let start = i
    if i < u.count, u[i] == 45 || u[i] == 43 { i += 1 }
    while i < u.count, (u[i] >= 48 && u[i] <= 57) || u[i] == 46 { i += 1 }
    return Double(String(decoding: u[start..<i], as: UTF8.self))
}

/// Numbers printed the way JavaScript prints them (`300`, `33.333333333333336`).
func fmt(_ d: Double) -> String {
    if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    return "\(d)"
}

/// One side of a CSS shorthand such as `padding: 10px 25px`, as MJML reads it.
enum Side { case top, right, bottom, left }

func shorthand(_ value: String?, _ side: Side) -> Int {
    guard let value else { return 0 }
    // Up to 4 space-separated parts, located without allocating.
    var u = value.utf8.makeIterator()
    var i = 0, inPart = false, count = 0
    var partStarts = (0, 0, 0, 0)
    while let c = u.next() {
        if c == 32 {
            inPart = false
        } else if !inPart {
            inPart = true
            switch count {
            case 0: partStarts.0 = i
            case 1: partStarts.1 = i
            case 2: partStarts.2 = i
            case 3: partStarts.3 = i
            default: break
            }
            count += 1
        }
        i += 1
    }
    let index: Int
    switch count {
    case 1: index = 0
    case 2: index = (side == .top || side == .bottom) ? 0 : 1
    case 3: index = side == .top ? 0 : side == .bottom ? 2 : 1
    case 4: index = side == .top ? 0 : side == .right ? 1 : side == .bottom ? 2 : 3
    default: return 0
    }
    let start = [partStarts.0, partStarts.1, partStarts.2, partStarts.3][index]
    var v = 0, digits = 0, sign = 1
    var k = 0
    for c in value.utf8 {
        if k < start { k += 1; continue }
        if digits == 0 && c == 45 && sign == 1 { sign = -1; continue }
        guard c >= 48 && c <= 57 else { break }
        v = v * 10 + Int(c - 48)
        digits += 1
    }
    return digits > 0 ? sign * v : 0
}

/// MJML's borderParser: the first integer that starts the value or follows a space.
func borderWidth(_ value: String?) -> Int {
    guard let value else { return 0 }
    let u = Array(value.utf8)
    var i = 0
    while i < u.count {
        if (i == 0 || u[i - 1] == 32), u[i] >= 48, u[i] <= 57 {
            var v = 0
            while i < u.count, u[i] >= 48, u[i] <= 57 { v = v * 10 + Int(u[i] - 48); i += 1 }
            return v
        }
        i += 1
    }
    return 0
}

extension String {
    /// `33.5` → `33-5` (class names cannot hold dots).
    func replacingDots() -> String {
        String(decoding: utf8.map { $0 == 46 ? 45 : $0 }, as: UTF8.self)
    }
}
