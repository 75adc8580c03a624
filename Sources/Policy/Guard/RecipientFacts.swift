import BrandContext
import Foundation
import Liquid

/// Reading a recipient record (a Liquid `Value`) for guard conditions: paths, segments, events
/// with their times. Nothing here allocates per call beyond what the answer needs.
package enum RecipientFacts {
    /// `recipient.a.b` (or `a.b`) → `["a", "b"]`, split once at build time.
    static func segments(_ path: String) -> [String] {
        var parts = path.split(separator: ".").map(String.init)
        if parts.first == "recipient" { parts.removeFirst() }
        return parts
    }

    /// Fields read for every recipient, their key hashes computed once.
    enum Field {
        static let events = MemberPath("events")
        static let segments = MemberPath("segments")
        static let type = MemberPath("type")
        static let at = MemberPath("at")
        static let sku = MemberPath("sku")
        static let quantity = MemberPath("quantity")
    }

    /// A scalar compared with guardrail text without building a string for it.
    static func equals(_ v: Value, _ text: String) -> Bool {
        switch v {
        case .string(let s): return s == text
        case .bool(let b): return text == (b ? "true" : "false")
        case .int(let i): return Int(text) == i
        case .double(let d): return Double(text) == d
        case .null: return text == "null"
        default: return false
        }
    }

    /// A scalar as the text guardrails compare with (`true`, `false`, `gold`, `3`). Preview
    /// reads values the same way, so its representative recipients meet the same conditions.
    package static func text(_ v: Value) -> String? {
        switch v {
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .null: "null"
        default: nil
        }
    }

    static func array(_ recipient: Value, _ path: MemberPath) -> [Value] {
        guard case .array(let a)? = recipient.member(at: path) else { return [] }
        return a
    }

    /// Seconds since 1970 of an ISO 8601 time (`2026-11-03T07:39:07Z`, `…+02:00`, or a date).
    static func epoch(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { epoch(bytes: $0) }
    }

    static func epoch(bytes u: UnsafeBufferPointer<UInt8>) -> Double? {
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= u.count else { return nil }
            var x = 0
            for i in a..<(a + n) { guard u[i] >= 48, u[i] <= 57 else { return nil }; x = x * 10 + Int(u[i] - 48) }
            return x
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2) else { return nil }
        var secs = Double(days(y, mo, d)) * 86_400
        if u.count >= 19, let h = num(11, 2), let mi = num(14, 2), let se = num(17, 2) {
            secs += Double(h * 3600 + mi * 60 + se)
            var i = 19
            while i < u.count, u[i] == 46 || (u[i] >= 48 && u[i] <= 57) { i += 1 }  // fractions
            if i < u.count, u[i] == 43 || u[i] == 45, let oh = num(i + 1, 2) {
                let om = num(i + 4, 2) ?? num(i + 3, 2) ?? 0
                secs -= Double(u[i] == 43 ? 1 : -1) * Double(oh * 3600 + om * 60)
            }
        }
        return secs
    }

    /// Days from 1970-01-01 (proleptic Gregorian).
    static func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y2 = m <= 2 ? y - 1 : y
        let era = (y2 >= 0 ? y2 : y2 - 399) / 400
        let yoe = y2 - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
