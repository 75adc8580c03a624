import Yams

/// Reads `claims.yaml`: disclaimers (defined once) and claims (which reference them by id),
/// checking ids, dates, windows and every reference against the brand.
enum ClaimsLoader {
    static let claimKeys = ["id", "text", "variants", "products", "markets", "channels", "valid_from", "valid_until",
                            "disclaimers", "substantiation", "supersedes"]
    static let disclaimerKeys = ["id", "text", "variants"]

    static func load(_ root: Node, source: YAMLSource, brand: BrandFacts?) -> (claims: [Claim], disclaimers: [Disclaimer]) {
        guard let top = MappingReader(root, in: source, what: "claims.yaml", allowed: ["disclaimers", "claims"]) else { return ([], []) }
        let disclaimers = source.records(top.list("disclaimers"), what: { "disclaimer #\($0)" }, allowed: disclaimerKeys)
            .compactMap { disclaimer($0, brand: brand) }
        uniqueIDs(disclaimers.map { ($0.id, $0.location) }, "disclaimer", source.sink)
        let claimReaders = source.records(top.list("claims", required: true), what: { "claim #\($0)" }, allowed: claimKeys)
        let claims = claimReaders.compactMap { claim($0, brand: brand) }
        uniqueIDs(claims.map { ($0.id, $0.location) }, "claim", source.sink)
        checkReferences(claims, claimReaders, disclaimers: disclaimers, brand: brand, sink: source.sink)
        return (claims, disclaimers)
    }

    private static func disclaimer(_ r: MappingReader, brand: BrandFacts?) -> Disclaimer? {
        guard let id = r.string("id", required: true) else { return nil }
        let text = r.string("text", required: true) ?? ""
        return Disclaimer(id: id, text: text, variants: variants(r, brand: brand), location: r.location)
    }

    private static func claim(_ r: MappingReader, brand: BrandFacts?) -> Claim? {
        guard let id = r.string("id", required: true) else { return nil }
        let from = r.date("valid_from", required: true)
        let until = r.date("valid_until")
        if let from, let until, until < from {
            r.sink.error(r.valueLocation("valid_until"),
                         "valid_until \(until) is before valid_from \(from) in claim '\(id)': expected a date on or after valid_from")
        }
        let substantiation = r.string("substantiation", required: true) ?? ""
        return Claim(id: id, text: r.string("text", required: true) ?? "", variants: variants(r, brand: brand),
                     products: r.strings("products")?.map(\.0) ?? [], markets: r.strings("markets")?.map(\.0) ?? [],
                     channels: r.strings("channels")?.map(\.0) ?? [],
                     validFrom: from ?? CalendarDate(year: 9999, month: 12, day: 31), validUntil: until,
                     disclaimers: r.strings("disclaimers")?.map(\.0) ?? [], substantiation: substantiation,
                     supersedes: r.string("supersedes"), location: r.location)
    }

    /// `variants: {locale: text}`; each locale must be one of the brand's.
    private static func variants(_ r: MappingReader, brand: BrandFacts?) -> [String: String] {
        var out: [String: String] = [:]
        for (locale, keyNode, text) in r.stringMap("variants") ?? [] {
            if let brand, !brand.locales.contains(where: { $0.id == locale }) {
                let ids = brand.locales.map(\.id)
                r.sink.error(r.source.location(keyNode), "unknown locale '\(locale)' in variants of \(r.what)\(Suggest.hint(for: locale, in: ids)); expected one of: \(ids.joined(separator: ", "))")
            }
            out[locale] = text
        }
        return out
    }

    private static func uniqueIDs(_ items: [(String, SourceLocation)], _ what: String, _ sink: DiagnosticSink) {
        var first: [String: SourceLocation] = [:]
        for (id, location) in items {
            if let earlier = first[id] {
                sink.error(location, "duplicate \(what) id '\(id)' (first defined at line \(earlier.line)): ids must be unique")
            } else {
                first[id] = location
            }
        }
    }

    /// Every disclaimer, claim, product, market and channel a claim names must exist.
    private static func checkReferences(_ claims: [Claim], _ readers: [MappingReader], disclaimers: [Disclaimer],
                                        brand: BrandFacts?, sink: DiagnosticSink) {
        let disclaimerIDs = disclaimers.map(\.id), claimIDs = claims.map(\.id)
        let known: [(key: String, what: String, ids: [String]?)] = [
            ("disclaimers", "disclaimer", disclaimerIDs),
            ("products", "product", brand?.products.map(\.id)),
            ("markets", "market", brand?.markets.map(\.id)),
            ("channels", "channel", brand?.channels.map(\.id)),
        ]
        var used = Set<String>()
        for r in readers {
            let claimID = r.string("id") ?? "?"
            for (key, what, ids) in known {
                for (value, node) in r.strings(key) ?? [] {
                    if key == "disclaimers" { used.insert(value) }
                    guard let ids, !ids.contains(value) else { continue }
                    sink.error(r.source.location(node), "claim '\(claimID)' references unknown \(what) '\(value)'\(Suggest.hint(for: value, in: ids))")
                }
            }
            if let target = r.string("supersedes"), !claimIDs.contains(target) || target == claimID {
                sink.error(r.valueLocation("supersedes"), target == claimID
                           ? "claim '\(claimID)' cannot supersede itself"
                           : "claim '\(claimID)' supersedes unknown claim '\(target)'\(Suggest.hint(for: target, in: claimIDs))")
            }
        }
        for d in disclaimers where !used.contains(d.id) {
            sink.warning(d.location, "disclaimer '\(d.id)' is not used by any claim")
        }
    }
}
