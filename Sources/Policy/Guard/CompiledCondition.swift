import BrandContext
import Foundation
import Liquid

/// A guardrail condition with its paths split and its fields listed once, so evaluating it per
/// recipient allocates nothing.
indirect enum CompiledCondition: Sendable {
    case event(type: String, withinDays: Int?, fields: [(String, String)], atLeast: Int)
    case segment(String)
    case field(path: [String], equals: String)
    case any([CompiledCondition])
    case all([CompiledCondition])
    case not(CompiledCondition)

    init(_ c: GuardrailCondition) {
        switch c {
        case let .event(type, withinDays, fields, atLeast):
            self = .event(type: type, withinDays: withinDays, fields: fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, atLeast: atLeast)
        case .segment(let s): self = .segment(s)
        case let .field(path, equals): self = .field(path: RecipientFacts.segments(path), equals: equals)
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
            for e in RecipientFacts.array(recipient, "events") {
                guard RecipientFacts.field(e, "type").map({ RecipientFacts.equals($0, type) }) == true else { continue }
                if let cutoff {
                    guard case .string(let at)? = RecipientFacts.field(e, "at"), let t = RecipientFacts.epoch(at), t >= cutoff, t <= now else { continue }
                }
                if !fields.allSatisfy({ k, v in RecipientFacts.field(e, k).map { RecipientFacts.equals($0, v) } == true }) { continue }
                n += 1
                if n >= atLeast { return true }
            }
            return false
        case .segment(let name):
            return RecipientFacts.array(recipient, "segments").contains { RecipientFacts.equals($0, name) }
        case let .field(path, equals):
            return RecipientFacts.value(recipient, segments: path).map { RecipientFacts.equals($0, equals) } ?? false
        case .any(let cs): return cs.contains { $0.holds(recipient, now: now) }
        case .all(let cs): return cs.allSatisfy { $0.holds(recipient, now: now) }
        case .not(let c): return !c.holds(recipient, now: now)
        }
    }
}

/// A URL check fast enough for every filled value: scheme and host only (tracking parameters
/// are a lint warning, not a reason to hold a message).
struct FilledURLCheck: Sendable {
    let requireHTTPS: Bool
    let hosts: Set<String>

    init(_ policy: LinkPolicy) {
        requireHTTPS = policy.requireHTTPS
        hosts = Set(policy.allowedDomains.map { $0.lowercased() })
    }

    /// nil when fine, else (rule id, message).
    func problem(_ url: String) -> (String, String)? {
        var u = url.utf8[...]
        let http = u.starts(with: "http://".utf8), https = u.starts(with: "https://".utf8)
        guard http || https else { return nil }
        if http && requireHTTPS { return ("links.https", "filled link '\(url)' uses http: expected https://") }
        u = u.dropFirst(http ? 7 : 8)
        let end = u.firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 || $0 == 0x3A } ?? u.endIndex
        guard !hosts.isEmpty else { return nil }
        var host = String(Substring(u[..<end]))
        if host.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { host = host.lowercased() }
        return hosts.contains(host) ? nil : ("links.domain", "filled link to '\(host)', which is not an allowed domain")
    }
}
