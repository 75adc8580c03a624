import BrandContext
import Foundation
import Liquid

/// A guardrail condition with its paths split and its fields listed once, so evaluating it per
/// recipient allocates nothing.
indirect enum CompiledCondition: Sendable {
    case event(type: String, withinDays: Int?, fields: [(MemberPath, String)], atLeast: Int)
    case segment(String)
    case field(path: MemberPath, equals: String)
    case any([CompiledCondition])
    case all([CompiledCondition])
    case not(CompiledCondition)

    init(_ c: GuardrailCondition) {
        switch c {
        case let .event(type, withinDays, fields, atLeast):
            self = .event(
                type: type, withinDays: withinDays, fields: fields.sorted { $0.key < $1.key }.map { (MemberPath($0.key), $0.value) }, atLeast: atLeast
            )
        case .segment(let s): self = .segment(s)
        case let .field(path, equals): self = .field(path: MemberPath(keys: RecipientFacts.segments(path)), equals: equals)
        case .any(let cs): self = .any(cs.map(CompiledCondition.init))
        case .all(let cs): self = .all(cs.map(CompiledCondition.init))
        case .not(let c): self = .not(CompiledCondition(c))
        }
    }

    func holds(_ recipient: Value, now: Double) -> Bool {
        switch self {
        case let .event(type, withinDays, fields, atLeast):
            let cutoff = withinDays.map { now - Double($0) * 86_400 }
            var n = 0
            for e in RecipientFacts.array(recipient, RecipientFacts.Field.events) {
                guard e.member(at: RecipientFacts.Field.type).map({ RecipientFacts.equals($0, type) }) == true else { continue }
                if let cutoff {
                    guard case .string(let at)? = e.member(at: RecipientFacts.Field.at), let t = RecipientFacts.epoch(at), t >= cutoff, t <= now
                    else { continue }
                }
                if !fields.allSatisfy({ k, v in e.member(at: k).map { RecipientFacts.equals($0, v) } == true }) { continue }
                n += 1
                if n >= atLeast { return true }
            }
            return false
        case .segment(let name):
            return RecipientFacts.array(recipient, RecipientFacts.Field.segments).contains { RecipientFacts.equals($0, name) }
        case let .field(path, equals):
            return recipient.member(at: path).map { RecipientFacts.equals($0, equals) } ?? false
        case .any(let cs): return cs.contains { $0.holds(recipient, now: now) }
        case .all(let cs): return cs.allSatisfy { $0.holds(recipient, now: now) }
        case .not(let c): return !c.holds(recipient, now: now)
        }
    }

    /// The tests of this condition, in order, with `any`, `all` and `not` opened.
    var tests: [CompiledCondition] {
        switch self {
        case .any(let cs), .all(let cs): cs.flatMap(\.tests)
        case .not(let c): c.tests
        case .event, .segment, .field: [self]
        }
    }

    /// Events (each of type, `at` and the fields tested) that make this condition come out
    /// `want` for a recipient that has no others: `holds` read backwards. Segment and field
    /// tests ask for no events (other inputs decide them); no events at all is what makes an
    /// event test false.
    func events(want: Bool, at: String) -> [Value] {
        switch self {
        case let .event(type, _, fields, atLeast):
            guard want else { return [] }
            let pairs = [("type", Value.string(type)), ("at", .string(at))] + fields.map { ($0.0.keys[0], Value.string($0.1)) }
            return Array(repeating: .object(LiquidObject(pairs)), count: max(1, atLeast))
        case .segment, .field: return []
        case .any(let cs):
            if want { return cs.lazy.map { $0.events(want: true, at: at) }.first { !$0.isEmpty } ?? [] }
            return cs.flatMap { $0.events(want: false, at: at) }
        case .all(let cs):
            if want { return cs.flatMap { $0.events(want: true, at: at) } }
            return cs.lazy.map { $0.events(want: false, at: at) }.first { !$0.isEmpty } ?? []
        case .not(let c): return c.events(want: !want, at: at)
        }
    }
}

/// A URL check fast enough for every filled value: scheme and host only (tracking parameters
/// are a lint warning, not a reason to hold a message).
struct FilledURLCheck: Sendable {
    let requireHTTPS: Bool
    /// Allowed hosts, lower-cased UTF-8: every filled URL of every recipient is checked, so the
    /// host is compared in place rather than copied into a String and hashed.
    let hosts: [[UInt8]]

    init(_ policy: LinkPolicy) {
        requireHTTPS = policy.requireHTTPS
        hosts = policy.allowedDomains.map { Array($0.lowercased().utf8) }
    }

    /// nil when fine, else (rule id, message).
    func problem(_ url: String) -> (String, String)? {
        var utf8 = url
        return utf8.withUTF8 { u -> (String, String)? in
            // Most values are not links: the first byte settles it without a generic prefix compare.
            guard u.count >= 7, u[0] == 0x68 else { return nil }
            let http = Self.hasPrefix(u, "http://"), https = !http && Self.hasPrefix(u, "https://")
            guard http || https else { return nil }
            if http && requireHTTPS { return ("links.https", "filled link '\(url)' uses http: expected https://") }
            let rest = UnsafeBufferPointer(rebasing: u[(http ? 7 : 8)...])
            let host = UnsafeBufferPointer(
                rebasing: rest[..<(rest.firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 || $0 == 0x3A } ?? rest.endIndex)])
            guard !hosts.isEmpty, !hosts.contains(where: { Self.equalIgnoringASCIICase(host, $0) }) else { return nil }
            return ("links.domain", "filled link to '\(String(decoding: host, as: UTF8.self).lowercased())', which is not an allowed domain")
        }
    }

    private static func hasPrefix(_ u: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        return u.count >= n && memcmp(u.baseAddress!, prefix.utf8Start, n) == 0
    }

    private static func equalIgnoringASCIICase(_ a: UnsafeBufferPointer<UInt8>, _ lower: [UInt8]) -> Bool {
        guard a.count == lower.count else { return false }
        for i in 0..<a.count {
            let b = a[i]
            if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != lower[i] { return false }
        }
        return true
    }
}
