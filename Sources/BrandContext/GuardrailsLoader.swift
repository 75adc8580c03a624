import Diagnostics
import Yams

/// Reads `guardrails.yaml`: the signal taxonomy, limits, frequency caps and named rules.
enum GuardrailsLoader {
    static let topKeys = ["signal_classes", "signals", "event_signals", "limits", "frequency_caps", "rules"]
    static let conditionKeys = ["event", "segment", "field", "any", "all", "not"]
    static let actionKeys = [
        "suppress", "drop_blocks_tagged", "drop_blocks_reading", "filter_recommendations",
        "max_personal_signal_classes", "one_block_per_signal_class",
    ]

    static func load(_ root: Node, source: YAMLSource, brand: BrandFacts?) -> Guardrails? {
        guard let top = MappingReader(root, in: source, what: "guardrails.yaml", allowed: topKeys) else { return nil }
        let classes = source.records(
            top.list("signal_classes", required: true), what: { "signal class #\($0)" },
            allowed: ["id", "description", "personal", "sensitivity", "verbatim"]
        )
        .compactMap(signalClass)
        let classIDs = classes.map(\.id)
        func checkClass(_ id: String, at location: SourceLocation) {
            if !classIDs.contains(id) {
                source.sink.error(
                    location,
                    "unknown signal class '\(id)'\(Suggest.hint(for: id, in: classIDs)); expected one of: \(classIDs.joined(separator: ", "))")
            }
        }
        let signals = source.records(top.list("signals", required: true), what: { "signal #\($0)" }, allowed: ["path", "class"])
            .compactMap { r -> SignalPath? in
                guard let path = r.string("path", required: true), let cls = r.string("class", required: true) else { return nil }
                checkClass(cls, at: r.valueLocation("class"))
                return SignalPath(path: path, signalClass: cls)
            }
        var eventSignals: [String: String] = [:]
        for (type, keyNode, cls) in top.stringMap("event_signals") ?? [] {
            checkClass(cls, at: source.location(keyNode))
            eventSignals[type] = cls
        }
        let limits = top.mapping("limits", required: true, what: "limits", allowed: ["max_personal_signal_classes", "signal_variety"])
        let caps = source.records(
            top.list("frequency_caps"), what: { "frequency cap #\($0)" },
            allowed: ["id", "channel", "category", "max", "per_days"]
        )
        .compactMap { r -> FrequencyCap? in
            guard let id = r.string("id", required: true), let channel = r.string("channel", required: true) else { return nil }
            if let brand, !brand.channels.isEmpty, !brand.channels.contains(where: { $0.id == channel }) {
                r.sink.error(r.valueLocation("channel"), "unknown channel '\(channel)'\(Suggest.hint(for: channel, in: brand.channels.map(\.id)))")
            }
            return FrequencyCap(
                id: id, channel: channel, category: r.string("category") ?? "marketing",
                max: r.int("max", required: true, range: 0...1000) ?? 0,
                perDays: r.int("per_days", required: true, range: 1...365) ?? 1)
        }
        let rules = source.records(top.list("rules", required: true), what: { "rule #\($0)" }, allowed: ["id", "description", "when", "then"])
            .compactMap { rule($0, classIDs: classIDs) }
        source.sink.checkUnique(rules.map { ($0.id, $0.location) }, "rule id")
        source.sink.checkUnique(top.idsWithPlaces("signal_classes", "id"), "signal class id")
        source.sink.checkUnique(top.idsWithPlaces("signals", "path"), "signal path")
        source.sink.checkUnique(top.idsWithPlaces("frequency_caps", "id"), "frequency cap id")
        return Guardrails(
            signalClasses: classes, signals: signals, eventSignals: eventSignals,
            maxPersonalSignalClasses: limits?.int("max_personal_signal_classes", required: true, range: 1...20) ?? 3,
            signalVariety: limits?.bool("signal_variety") ?? false, frequencyCaps: caps, rules: rules)
    }

    private static func signalClass(_ r: MappingReader) -> SignalClass? {
        guard let id = r.string("id", required: true) else { return nil }
        var sensitivity = SignalClass.Sensitivity.low
        if let text = r.string("sensitivity", required: true) {
            if let s = SignalClass.Sensitivity(rawValue: text) {
                sensitivity = s
            } else {
                let all = SignalClass.Sensitivity.allCases.map(\.rawValue)
                r.sink.error(
                    r.valueLocation("sensitivity"),
                    "invalid sensitivity '\(text)'\(Suggest.hint(for: text, in: all)); expected one of: \(all.joined(separator: ", "))")
            }
        }
        return SignalClass(
            id: id, description: r.string("description"), personal: r.bool("personal", required: true) ?? true,
            sensitivity: sensitivity, verbatim: r.bool("verbatim") ?? true)
    }

    private static func rule(_ r: MappingReader, classIDs: [String]) -> GuardrailRule? {
        guard let id = r.string("id", required: true) else { return nil }
        let when = r.value("when").flatMap { condition($0, r.source) }
        guard let thenNode = r.value("then", required: true), let action = action(thenNode, r.source, classIDs: classIDs) else { return nil }
        return GuardrailRule(id: id, description: r.string("description") ?? "", when: when, then: action, location: r.location)
    }

    /// A mapping holding exactly one of `keys` (a tagged union), read as (reader, the key).
    private static func oneOf(_ node: Node, _ source: YAMLSource, what: String, keys: [String]) -> (MappingReader, String)? {
        guard let r = MappingReader(node, in: source, what: what, allowed: keys) else { return nil }
        guard r.keys.count == 1, let key = r.keys.first else {
            source.sink.error(
                r.location,
                "expected exactly one of \(keys.joined(separator: ", ")) in \(what), found \(r.keys.isEmpty ? "none" : r.keys.joined(separator: ", "))"
            )
            return nil
        }
        return (r, key)
    }

    /// A condition is a mapping with exactly one of `conditionKeys`.
    static func condition(_ node: Node, _ source: YAMLSource) -> GuardrailCondition? {
        guard let (r, key) = oneOf(node, source, what: "a condition", keys: conditionKeys) else { return nil }
        switch key {
        case "segment":
            return r.string("segment").map { .segment($0) }
        case "field":
            guard let f = r.mapping("field", what: "field condition", allowed: ["path", "equals"]),
                let path = f.string("path", required: true), let value = f.string("equals", required: true)
            else { return nil }
            return .field(path: path, equals: value)
        case "event":
            guard let e = r.mapping("event", what: "event condition", allowed: ["type", "within_days", "where", "at_least"]),
                let type = e.string("type", required: true)
            else { return nil }
            let fields = Dictionary((e.stringMap("where") ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            return .event(
                type: type, withinDays: e.int("within_days", range: 1...3650), fields: fields,
                atLeast: e.int("at_least", range: 1...1000) ?? 1)
        case "not":
            return r.value("not").flatMap { condition($0, source) }.map { .not($0) }
        default:  // any, all
            let parts = (r.list(key) ?? []).compactMap { condition($0, source) }
            return key == "any" ? .any(parts) : .all(parts)
        }
    }

    /// An action is a mapping with exactly one of `actionKeys`.
    static func action(_ node: Node, _ source: YAMLSource, classIDs: [String]) -> GuardrailAction? {
        guard let (r, key) = oneOf(node, source, what: "a rule action ('then')", keys: actionKeys) else { return nil }
        switch key {
        case "suppress":
            return r.bool(key) == true ? .suppress : nil
        case "drop_blocks_tagged":
            return r.strings(key).map { .dropBlocksTagged($0.map(\.0)) }
        case "drop_blocks_reading":
            guard let target = r.string(key) else { return nil }
            if target != "personal" && !classIDs.contains(target) {
                source.sink.error(
                    r.valueLocation(key),
                    "drop_blocks_reading expects 'personal' or a signal class, found '\(target)'\(Suggest.hint(for: target, in: classIDs + ["personal"]))"
                )
                return nil
            }
            return .dropBlocksReading(target)
        case "filter_recommendations":
            guard let f = r.mapping(key, what: "filter_recommendations", allowed: ["purchased_at_least"]),
                let n = f.int("purchased_at_least", required: true, range: 1...1000)
            else { return nil }
            return .filterRecommendations(purchasedAtLeast: n)
        case "max_personal_signal_classes":
            return r.int(key, range: 1...20).map { .maxPersonalSignalClasses($0) }
        default:  // one_block_per_signal_class
            return r.bool(key) == true ? .oneBlockPerSignalClass : nil
        }
    }
}
