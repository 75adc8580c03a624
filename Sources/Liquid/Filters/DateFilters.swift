import Foundation

/// `date: format` — strftime over UTC. Accepts epoch seconds (ints or digit strings), "now"/"today",
/// and common date strings; anything it cannot read is returned unchanged (as Shopify does).
let dateFilters: [String: Filter] = [
    "date": Filter(args: 1...1) { v, a, _ in
        if v.isNil { return .null }
        guard case .string(let format) = a[0], !format.isEmpty else { return v }
        guard let date = parseDate(v) else { return v }
        return .string(strftime(date, format))
    },
]

func parseDate(_ v: Value) -> Date? {
    switch v {
    case .int(let i): return Date(timeIntervalSince1970: TimeInterval(i))
    case .double(let d): return Date(timeIntervalSince1970: d)
    case .string(let raw):
        let s = raw.trimmingWhitespace
        if s == "now" || s == "today" { return Date() }
        if !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }), let i = Int(s) { return Date(timeIntervalSince1970: TimeInterval(i)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for f in ["yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss Z",
                  "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy", "d MMM yyyy",
                  "EEE, d MMM yyyy HH:mm:ss Z", "EEE MMM d HH:mm:ss yyyy", "MMMM d, yyyy HH:mm", "yyyy/MM/dd", "MM/dd/yyyy"] {
            formatter.dateFormat = f
            if let d = formatter.date(from: s) { return d }
        }
        return nil
    default: return nil
    }
}

/// Ruby's strftime for the directives templates use (UTC). `%-d` etc. drop padding.
func strftime(_ date: Date, _ format: String) -> String {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = TimeZone(identifier: "UTC")!
    let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday, .nanosecond], from: date)
    let year = c.year!, month = c.month!, day = c.day!, hour = c.hour!, minute = c.minute!, second = c.second!, weekday = c.weekday! - 1
    let dayOfYear = cal.ordinality(of: .day, in: .year, for: date) ?? 1
    let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    var out = ""
    var chars = Array(format)[...]
    while let ch = chars.popFirst() {
        guard ch == "%", !chars.isEmpty else { out.append(ch); continue }
        var flag: Character?
        if let f = chars.first, f == "-" || f == "_" || f == "0" || f == "^" { flag = f; chars.removeFirst() }
        guard let d = chars.popFirst() else { out.append("%"); break }
        func num(_ n: Int, _ width: Int, _ pad: Character = "0") -> String {
            if flag == "-" { return String(n) }
            let p: Character = flag == "_" ? " " : (flag == "0" ? "0" : pad)
            let s = String(n)
            return String(repeating: p, count: max(0, width - s.count)) + s
        }
        var piece: String
        switch d {
        case "Y": piece = String(year)
        case "C": piece = num(year / 100, 2)
        case "y": piece = num(year % 100, 2)
        case "m": piece = num(month, 2)
        case "B": piece = months[month - 1]
        case "b", "h": piece = String(months[month - 1].prefix(3))
        case "d": piece = num(day, 2)
        case "e": piece = num(day, 2, " ")
        case "j": piece = num(dayOfYear, 3)
        case "H": piece = num(hour, 2)
        case "k": piece = num(hour, 2, " ")
        case "I": piece = num(hour % 12 == 0 ? 12 : hour % 12, 2)
        case "l": piece = num(hour % 12 == 0 ? 12 : hour % 12, 2, " ")
        case "M": piece = num(minute, 2)
        case "S": piece = num(second, 2)
        case "L": piece = num((c.nanosecond ?? 0) / 1_000_000, 3)
        case "p": piece = hour < 12 ? "AM" : "PM"
        case "P": piece = hour < 12 ? "am" : "pm"
        case "A": piece = days[weekday]
        case "a": piece = String(days[weekday].prefix(3))
        case "u": piece = String(weekday == 0 ? 7 : weekday)
        case "w": piece = String(weekday)
        case "s": piece = String(Int(date.timeIntervalSince1970.rounded(.down)))
        case "z": piece = "+0000"
        case "Z": piece = "UTC"
        case "F": piece = "\(year)-\(num(month, 2))-\(num(day, 2))"
        case "D", "x": piece = "\(num(month, 2))/\(num(day, 2))/\(num(year % 100, 2))"
        case "T", "X": piece = "\(num(hour, 2)):\(num(minute, 2)):\(num(second, 2))"
        case "R": piece = "\(num(hour, 2)):\(num(minute, 2))"
        case "c": piece = "\(days[weekday].prefix(3)) \(months[month - 1].prefix(3)) \(num(day, 2, " ")) \(num(hour, 2)):\(num(minute, 2)):\(num(second, 2)) \(year)"
        case "n": piece = "\n"
        case "t": piece = "\t"
        case "%": piece = "%"
        default: piece = "%" + (flag.map { String($0) } ?? "") + String(d)
        }
        if flag == "^" { piece = piece.uppercased() }
        out += piece
    }
    return out
}
