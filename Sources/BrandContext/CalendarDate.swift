import Foundation

/// A calendar day (`YYYY-MM-DD`), the unit claim validity windows are written in.
/// Kept as numbers, not `Date`, so comparisons never depend on a time zone.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses exactly `YYYY-MM-DD` naming a real day (leap years included), or nil.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...CalendarDate.days(inMonth: m, year: y)).contains(d)
        else { return nil }
        (year, month, day) = (y, m, d)
    }

    public init(year: Int, month: Int, day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// The UTC day of an instant. Claims are valid on UTC days everywhere (render, lint, claims,
    /// preview, the live service), so the same instant is the same day on every machine.
    public init(utc instant: Date) {
        let parts = CalendarDate.utcCalendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Today, as a UTC day.
    public static var todayUTC: CalendarDate { CalendarDate(utc: Date()) }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func days(inMonth m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not YYYY-MM-DD: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Timestamps given on the command line (`--now`) and in brand files, parsed strictly: every
/// field must be in range, so `2026-02-30` is an error instead of 2 March (Foundation's
/// ISO8601DateFormatter rolls an out-of-range day over into the next month).
public enum ISOTimestamp {
    /// `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SS[.fraction]` followed by `Z` or
    /// `±HH:MM`; nil for anything else, including a day the month does not have, hour 24,
    /// minute or second 60, or a missing zone.
    public static func parse(_ text: String) -> Date? {
        let day = text.prefix(10)
        guard let date = CalendarDate(String(day)) else { return nil }
        let midnight = Double(daysSinceEpoch(date)) * 86_400
        let rest = Array(text.utf8.dropFirst(10))
        if rest.isEmpty { return Date(timeIntervalSince1970: midnight) }
        guard let seconds = timeOfDay(rest) else { return nil }
        return Date(timeIntervalSince1970: midnight + seconds)
    }

    /// `THH:MM:SS[.fff](Z|±HH:MM)` as seconds since midnight UTC, or nil.
    private static func timeOfDay(_ b: [UInt8]) -> Double? {
        var i = 0
        func number(_ width: Int, max: Int) -> Int? {
            guard i + width <= b.count, b[i..<i + width].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            let n = b[i..<i + width].reduce(0) { $0 * 10 + Int($1 - 48) }
            i += width
            return n <= max ? n : nil
        }
        func take(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue else { return false }
            i += 1
            return true
        }
        guard take("T"), let h = number(2, max: 23), take(":"), let m = number(2, max: 59), take(":"),
            let s = number(2, max: 59)
        else { return nil }
        var fraction = 0.0
        if take(".") {
            var scale = 0.1, digits = 0
            while i < b.count, b[i] >= 48 && b[i] <= 57 { fraction += Double(b[i] - 48) * scale; scale /= 10; i += 1; digits += 1 }
            guard digits > 0 else { return nil }
        }
        var offset = 0
        if take("Z") {
        } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = number(2, max: 23), take(":"), let om = number(2, max: 59) else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        return Double(h * 3600 + m * 60 + s - offset) + fraction
    }

    /// Days from 1970-01-01 to `date` in the proleptic Gregorian calendar.
    static func daysSinceEpoch(_ date: CalendarDate) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (date.month > 2 ? date.month - 3 : date.month + 9) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
