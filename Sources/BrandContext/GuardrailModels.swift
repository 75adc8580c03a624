import Diagnostics

/// What a message may know about a person and when personal content steps back
/// (`brand/guardrails.yaml`). Policy evaluates these; BrandContext only loads and checks them.
public struct Guardrails: Sendable, Hashable {
    public var signalClasses: [SignalClass]
    public var signals: [SignalPath]
    /// Event type -> signal class id.
    public var eventSignals: [String: String]
    public var maxPersonalSignalClasses: Int
    public var signalVariety: Bool
    public var frequencyCaps: [FrequencyCap]
    public var rules: [GuardrailRule]

    public func signalClass(_ id: String) -> SignalClass? { signalClasses.first { $0.id == id } }

    /// The class of events of a type (`event_signals`), e.g. `product_view` -> browsing.
    public func signalClass(forEventType type: String) -> SignalClass? { eventSignals[type].flatMap { signalClass($0) } }

    static func segments(of path: String) -> [String] {
        var segments: [String] = []
        var current = ""
        for ch in path {
            switch ch {
            case ".", "[", "]":
                if !current.isEmpty { segments.append(current) }
                current = ""
            case "\"", "'": continue
            default: current.append(ch)
            }
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }

    /// The signal class of a data path such as `recipient.profile.city`: the most specific
    /// listed path that is the path itself or a prefix of it (`*` matches one segment).
    /// Subscripts count as segments: `recipient.events[0].sku` is `recipient.events.0.sku`,
    /// `recipient.profile["city"]` is `recipient.profile.city`.
    public func signalClass(forPath path: String) -> SignalClass? {
        let segments = Self.segments(of: path)
        let best =
            signals
            .filter { $0.matches(segments) }
            .max { $0.segments.count < $1.segments.count }
        return best.flatMap { signalClass($0.signalClass) }
    }
}

public struct SignalClass: Sendable, Hashable {
    public enum Sensitivity: String, Sendable, Hashable, CaseIterable {
        case low, medium, high, forbidden
    }
    public var id: String
    public var description: String?
    /// Counts toward the per-message limit and needs personalization consent.
    public var personal: Bool
    public var sensitivity: Sensitivity
    /// False: values of this class must never be printed back as-is.
    public var verbatim: Bool
}

public struct SignalPath: Sendable, Hashable {
    public let path: String
    public var signalClass: String
    /// `path` split once: every data path a template reads is matched against every listed path.
    let segments: [String]

    public init(path: String, signalClass: String) {
        self.path = path
        self.signalClass = signalClass
        segments = Guardrails.segments(of: path)
    }

    func matches(_ target: [String]) -> Bool {
        let mine = segments
        guard mine.count <= target.count else { return false }
        return zip(mine, target).allSatisfy { $0 == "*" || $0 == $1 }
    }
}

public struct FrequencyCap: Sendable, Hashable {
    public var id: String
    public var channel: String
    public var category: String
    public var max: Int
    public var perDays: Int
}

/// A named rule: when the condition holds for a recipient, the action applies.
public struct GuardrailRule: Sendable, Hashable {
    public var id: String
    public var description: String
    /// Nil: always.
    public var when: GuardrailCondition?
    public var then: GuardrailAction
    public var location: SourceLocation
}

public indirect enum GuardrailCondition: Sendable, Hashable {
    /// The recipient has an event of `type` (in the last `withinDays`, with `fields` equal),
    /// at least `atLeast` times.
    case event(type: String, withinDays: Int?, fields: [String: String], atLeast: Int)
    case segment(String)
    /// A recipient data path equals a scalar (compared as text: "false", "gold").
    case field(path: String, equals: String)
    case any([GuardrailCondition])
    case all([GuardrailCondition])
    case not(GuardrailCondition)
}

public enum GuardrailAction: Sendable, Hashable {
    case suppress
    case dropBlocksTagged([String])
    /// `personal` (every personal signal class) or one class id.
    case dropBlocksReading(String)
    case filterRecommendations(purchasedAtLeast: Int)
    case maxPersonalSignalClasses(Int)
    case oneBlockPerSignalClass
}
