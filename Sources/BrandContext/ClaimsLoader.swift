import Diagnostics
import Yams

/// Reads `claims.yaml`: disclaimers (defined once) and claims (which reference them by id),
/// checking ids, dates, windows and every reference against the brand.
enum ClaimsLoader {
    static let claimKeys = [
        "id", "text", "variants", "products", "markets", "channels", "valid_from", "valid_until",
        "disclaimers", "substantiation", "supersedes",
    ]
    static let disclaimerKeys = ["id", "text", "variants"]

    static func load(_ root: Node, source: YAMLSource, brand: BrandFacts?) -> (claims: [Claim], disclaimers: [Disclaimer]) {
        guard let top = MappingReader(root, in: source, what: "claims.yaml", allowed: ["disclaimers", "claims"]) else { return ([], []) }
        let disclaimers = source.records(top.list("disclaimers"), what: { "disclaimer #\($0)" }, allowed: disclaimerKeys)
            .compactMap { disclaimer($0, brand: brand) }
        source.sink.checkUnique(disclaimers.map { ($0.id, $0.location) }, "disclaimer id")
        var known = KnownIDs(disclaimers: disclaimers, brand: brand)
        let loaded = source.records(top.list("claims", required: true), what: { "claim #\($0)" }, allowed: claimKeys)
            .compactMap { claim($0, known: &known) }
        let claims = loaded.map(\.claim)
        source.sink.checkUnique(claims.map { ($0.id, $0.location) }, "claim id")
        checkSupersedes(loaded, sink: source.sink)
        for d in disclaimers where !known.usedDisclaimers.contains(d.id) {
            source.sink.warning(d.location, "disclaimer '\(d.id)' is not used by any claim")
        }
        return (claims, disclaimers)
    }

    /// The ids a claim may reference, known before claims are read (nil: not checkable, e.g.
    /// brand.yaml failed to load), and the disclaimers seen in use.
    struct KnownIDs {
        let byKey: [String: (what: String, ids: [String], set: Set<String>)]
        let locales: [String]?
        var usedDisclaimers = Set<String>()

        init(disclaimers: [Disclaimer], brand: BrandFacts?) {
            var byKey: [String: (String, [String], Set<String>)] = [:]
            // An empty list means it failed to load (already reported): checking against it
            // would only repeat that error once per claim.
            func add(_ key: String, _ what: String, _ ids: [String]?) {
                if let ids, !ids.isEmpty { byKey[key] = (what, ids, Set(ids)) }
            }
            add("disclaimers", "disclaimer", disclaimers.map(\.id))
            add("products", "product", brand?.products.map(\.id))
            add("markets", "market", brand?.markets.map(\.id))
            add("channels", "channel", brand?.channels.map(\.id))
            self.byKey = byKey
            locales = brand.flatMap { $0.locales.isEmpty ? nil : $0.locales.map(\.id) }
        }
    }

    private static func disclaimer(_ r: MappingReader, brand: BrandFacts?) -> Disclaimer? {
        guard let id = r.string("id", required: true) else { return nil }
        let text = r.string("text", required: true) ?? ""
        let locales = brand.flatMap { $0.locales.isEmpty ? nil : $0.locales.map(\.id) }
        return Disclaimer(id: id, text: text, variants: variants(r, locales: locales), location: r.location)
    }

    private static func claim(_ r: MappingReader, known: inout KnownIDs) -> (claim: Claim, supersedes: Node?)? {
        guard let id = r.string("id", required: true) else { return nil }
        let from = r.date("valid_from", required: true)
        let until = r.date("valid_until")
        if let from, let until, until < from {
            r.sink.error(
                r.valueLocation("valid_until"),
                "valid_until \(until) is before valid_from \(from) in claim '\(id)': expected a date on or after valid_from")
        }
        let substantiation = r.string("substantiation", required: true) ?? ""
        /// A list of ids, each checked against what exists.
        func references(_ key: String) -> [String] {
            let items = r.strings(key) ?? []
            if let (what, ids, set) = known.byKey[key] {
                for (value, node) in items where !set.contains(value) {
                    r.sink.error(r.source.location(node), "claim '\(id)' references unknown \(what) '\(value)'\(Suggest.hint(for: value, in: ids))")
                }
            }
            return items.map(\.0)
        }
        let disclaimers = references("disclaimers")
        known.usedDisclaimers.formUnion(disclaimers)
        let claim = Claim(
            id: id, text: r.string("text", required: true) ?? "", variants: variants(r, locales: known.locales),
            products: references("products"), markets: references("markets"), channels: references("channels"),
            validFrom: from ?? CalendarDate(year: 9999, month: 12, day: 31), validUntil: until,
            disclaimers: disclaimers, substantiation: substantiation,
            supersedes: r.string("supersedes"), location: r.location)
        return (claim, r.value("supersedes"))
    }

    /// `variants: {locale: text}`; each locale must be one of the brand's.
    private static func variants(_ r: MappingReader, locales: [String]?) -> [String: String] {
        var out: [String: String] = [:]
        for (locale, keyNode, text) in r.stringMap("variants") ?? [] {
            if let ids = locales, !ids.contains(locale) {
                r.sink.error(
                    r.source.location(keyNode),
                    "unknown locale '\(locale)' in variants of \(r.what)\(Suggest.hint(for: locale, in: ids)); expected one of: \(ids.joined(separator: ", "))"
                )
            }
            out[locale] = text
        }
        return out
    }

    /// `supersedes` names another claim of the file.
    private static func checkSupersedes(_ loaded: [(claim: Claim, supersedes: Node?)], sink: DiagnosticSink) {
        let ids = loaded.map(\.claim.id), set = Set(ids)
        for (claim, node) in loaded {
            guard let target = claim.supersedes, let node else { continue }
            let location = SourceLocation(
                file: claim.location.file, line: node.mark?.line ?? claim.location.line,
                column: node.mark?.column ?? claim.location.column)
            if target == claim.id {
                sink.error(location, "claim '\(claim.id)' cannot supersede itself")
            } else if !set.contains(target) {
                sink.error(location, "claim '\(claim.id)' supersedes unknown claim '\(target)'\(Suggest.hint(for: target, in: ids))")
            }
        }
    }
}
