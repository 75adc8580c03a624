/// Timestamps of conversion files: ISO 8601 (`2026-11-23T10:00:00Z`, with fractional seconds
/// or a `±HH:MM` offset; a date alone is midnight UTC) or a number of Unix seconds.
package enum Timestamp {
    /// Unix seconds, or nil when `text` is not one of the accepted forms.
    package static func parse(_ text: some Collection<UInt8>) -> Double? {
        let b = Array(text)
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var v = 0
            for i in at..<(at + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count >= 10, let y = digits(0, 4), b[4] == 45, let mo = digits(5, 2), b[7] == 45, let d = digits(8, 2),
            (1...12).contains(mo), (1...31).contains(d)
        else { return nil }
        var seconds = Double(daysFromCivil(y, mo, d)) * 86_400
        if b.count == 10 { return seconds }
        guard b.count >= 19, b[10] == 84 || b[10] == 116 || b[10] == 32, let h = digits(11, 2), b[13] == 58,
            let mi = digits(14, 2), b[16] == 58, let s = digits(17, 2), h < 24, mi < 60, s < 61
        else { return nil }
        seconds += Double(h * 3_600 + mi * 60 + s)
        var i = 19
        if i < b.count, b[i] == 46 {
            i += 1
            var scale = 0.1, fraction = 0.0, any = false
            while i < b.count, b[i] >= 48, b[i] <= 57 { fraction += Double(b[i] - 48) * scale; scale /= 10; i += 1; any = true }
            guard any else { return nil }
            seconds += fraction
        }
        if i == b.count { return seconds }  // no zone: UTC
        if b[i] == 90 || b[i] == 122 { return i + 1 == b.count ? seconds : nil }
        guard b[i] == 43 || b[i] == 45, let oh = digits(i + 1, 2) else { return nil }
        var om = 0
        if i + 3 == b.count {
        } else if i + 6 == b.count, b[i + 3] == 58, let m = digits(i + 4, 2) {
            om = m
        } else if i + 5 == b.count, let m = digits(i + 3, 2) {
            om = m
        } else {
            return nil
        }
        let offset = Double(oh * 3_600 + om * 60)
        return b[i] == 43 ? seconds - offset : seconds + offset
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `2026-11-23T10:00:00Z` (whole seconds, UTC).
    package static func format(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.down))
        let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
        let rest = s - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(rest / 3_600)):\(two(rest % 3_600 / 60)):\(two(rest % 60))Z"
    }
}
