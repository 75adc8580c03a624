import Foundation

/// `date: format` — strftime over UTC. Accepts epoch seconds (ints or digit strings), "now"/"today",
/// and common date strings; anything it cannot read, or an instant beyond ±3 million years
/// (NaN, infinities, 1e300), is returned unchanged (as Shopify does with what it cannot read).
let dateFilters: [String: Filter] = [
    "date": Filter(args: 1...1) { v, a, _ in
        if v.isNil { return .null }
        guard case .string(let format) = a[0], !format.isEmpty else { return v }
        guard let (date, offset) = parseDate(v), abs(date.timeIntervalSince1970) <= maxDateSeconds else { return v }
        return .string(strftime(date, format, utcOffset: offset))
    }
]

/// The farthest instant `date` formats, in seconds from 1970 either way (about 3 million years):
/// the calendar arithmetic in `strftime` stays far inside Int's range.
let maxDateSeconds: Double = 1e14

/// The instant and the UTC offset it was written in (dates keep their own zone, as Ruby's do).
func parseDate(_ v: Value) -> (Date, Int)? {
    switch v {
    case .int(let i): return (Date(timeIntervalSince1970: TimeInterval(i)), 0)
    case .double(let d): return (Date(timeIntervalSince1970: d), 0)
    case .string(let raw):
        let s = raw.trimmingWhitespace
        if s == "now" || s == "today" { return (Date(), 0) }
        if !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }), let i = Int(s) { return (Date(timeIntervalSince1970: TimeInterval(i)), 0) }
        if let d = parseISODate(s) { return d }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for f in [
            "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss Z",
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy", "d MMM yyyy",
            "EEE, d MMM yyyy HH:mm:ss Z", "EEE MMM d HH:mm:ss yyyy", "MMMM d, yyyy HH:mm", "yyyy/MM/dd", "MM/dd/yyyy",
        ] {
            formatter.dateFormat = f
            if let d = formatter.date(from: s) { return (d, 0) }
        }
        return nil
    default: return nil
    }
}

/// `YYYY-MM-DD`, optionally `[T ]HH:MM[:SS[.fff]]` and `Z` / `±HH[:]MM`, without a DateFormatter
/// (the per-recipient path: creating a formatter costs tens of microseconds).
func parseISODate(_ s: String) -> (Date, Int)? {
    let b = Array(s.utf8)
    var i = 0
    func digits(_ n: Int) -> Int? {
        guard i + n <= b.count else { return nil }
        var v = 0
        for k in i..<i + n {
            guard b[k] >= 48 && b[k] <= 57 else { return nil }
            v = v * 10 + Int(b[k] - 48)
        }
        i += n
        return v
    }
    func expect(_ c: UInt8) -> Bool {
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }
    guard let y = digits(4), expect(45), let mo = digits(2), expect(45), let d = digits(2), (1...12).contains(mo), (1...31).contains(d) else {
        return nil
    }
    var secs = 0, frac = 0.0, offset = 0
    if i < b.count {
        guard b[i] == 84 || b[i] == 32 else { return nil }  // 'T' or ' '
        i += 1
        guard let h = digits(2), expect(58), let mi = digits(2) else { return nil }
        secs = h * 3600 + mi * 60
        if expect(58) {
            guard let sec = digits(2) else { return nil }
            secs += sec
            if expect(46) {
                var scale = 0.1
                while i < b.count, b[i] >= 48 && b[i] <= 57 { frac += Double(b[i] - 48) * scale; scale /= 10; i += 1 }
            }
        }
        _ = expect(32)
        if expect(90) {  // 'Z'
        } else if i < b.count, b[i] == 43 || b[i] == 45 {
            let sign = b[i] == 45 ? -1 : 1
            i += 1
            guard let oh = digits(2) else { return nil }
            _ = expect(58)
            let om = digits(2) ?? 0
            offset = sign * (oh * 3600 + om * 60)
        }
    }
    guard i == b.count else { return nil }
    let days = daysFromCivil(y, mo, d)
    return (Date(timeIntervalSince1970: Double(days * 86400 + secs - offset) + frac), offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
}

/// (year, month, day) of a day count since 1970-01-01.
func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
}

/// A moment's calendar and clock fields at a UTC offset (C's `struct tm`).
private struct BrokenDownTime {
    let year, month, day, hour, minute, second, millis: Int
    /// 0 = Sunday.
    let weekday: Int
    let dayOfYear: Int
    /// Whole seconds since 1970 (UTC), and the offset the fields are at.
    let epochSeconds: Int
    let utcOffset: Int

    init(_ date: Date, utcOffset: Int) {
        let t = date.timeIntervalSince1970
        epochSeconds = Int(t.rounded(.down))
        self.utcOffset = utcOffset
        let local = epochSeconds + utcOffset
        let dayCount = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let secOfDay = local - dayCount * 86400
        (year, month, day) = civilFromDays(dayCount)
        hour = secOfDay / 3600; minute = secOfDay % 3600 / 60; second = secOfDay % 60
        weekday = ((dayCount % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
        dayOfYear = dayCount - daysFromCivil(year, 1, 1) + 1
        millis = Int((t - Double(epochSeconds)) * 1000)
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    var monthName: String { Self.months[month - 1] }
    var dayName: String { Self.days[weekday] }
    var hour12: Int { hour % 12 == 0 ? 12 : hour % 12 }
}

/// Ruby's strftime for the directives templates use (UTC). `%-d` etc. drop padding.
func strftime(_ date: Date, _ format: String, utcOffset: Int = 0) -> String {
    let time = BrokenDownTime(date, utcOffset: utcOffset)
    var out = ""
    var chars = Array(format)[...]
    while let ch = chars.popFirst() {
        guard ch == "%", !chars.isEmpty else { out.append(ch); continue }
        var flag: Character?
        if let f = chars.first, f == "-" || f == "_" || f == "0" || f == "^" { flag = f; chars.removeFirst() }
        guard let d = chars.popFirst() else { out.append("%"); break }
        let piece = strftimeDirective(d, flag: flag, time)
        out += flag == "^" ? piece.uppercased() : piece
    }
    return out
}

/// One strftime directive (`d` after `%` and its flag) of `t`.
private func strftimeDirective(_ d: Character, flag: Character?, _ t: BrokenDownTime) -> String {
    /// `n` padded to `width` with `pad`, or as the flag says (`-` none, `_` spaces, `0` zeros).
    func num(_ n: Int, _ width: Int, _ pad: Character = "0") -> String {
        if flag == "-" { return String(n) }
        let p: Character = flag == "_" ? " " : (flag == "0" ? "0" : pad)
        let s = String(n)
        return String(repeating: p, count: max(0, width - s.count)) + s
    }
    switch d {
    case "Y": return String(t.year)
    case "C": return num(t.year / 100, 2)
    case "y": return num(t.year % 100, 2)
    case "m": return num(t.month, 2)
    case "B": return t.monthName
    case "b", "h": return String(t.monthName.prefix(3))
    case "d": return num(t.day, 2)
    case "e": return num(t.day, 2, " ")
    case "j": return num(t.dayOfYear, 3)
    case "H": return num(t.hour, 2)
    case "k": return num(t.hour, 2, " ")
    case "I": return num(t.hour12, 2)
    case "l": return num(t.hour12, 2, " ")
    case "M": return num(t.minute, 2)
    case "S": return num(t.second, 2)
    case "L": return num(t.millis, 3)
    case "p": return t.hour < 12 ? "AM" : "PM"
    case "P": return t.hour < 12 ? "am" : "pm"
    case "A": return t.dayName
    case "a": return String(t.dayName.prefix(3))
    case "u": return String(t.weekday == 0 ? 7 : t.weekday)
    case "w": return String(t.weekday)
    case "s": return String(t.epochSeconds)
    case "z":
        let m = abs(t.utcOffset) / 60
        return (t.utcOffset < 0 ? "-" : "+") + num(m / 60, 2) + num(m % 60, 2)
    case "Z": return t.utcOffset == 0 ? "UTC" : ""
    case "F": return "\(t.year)-\(num(t.month, 2))-\(num(t.day, 2))"
    case "D", "x": return "\(num(t.month, 2))/\(num(t.day, 2))/\(num(t.year % 100, 2))"
    case "T", "X": return "\(num(t.hour, 2)):\(num(t.minute, 2)):\(num(t.second, 2))"
    case "R": return "\(num(t.hour, 2)):\(num(t.minute, 2))"
    case "c":
        return
            "\(t.dayName.prefix(3)) \(t.monthName.prefix(3)) \(num(t.day, 2, " ")) \(num(t.hour, 2)):\(num(t.minute, 2)):\(num(t.second, 2)) \(t.year)"
    case "n": return "\n"
    case "t": return "\t"
    case "%": return "%"
    default: return "%" + (flag.map { String($0) } ?? "") + String(d)
    }
}
