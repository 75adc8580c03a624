import Foundation
import GRDB
import TextEscaping

/// Writes a validated `Brand` into a fresh SQLite database (schema: `ContextSchema`).
enum ContextWriter {
    static func write(_ brand: Brand, hash: String, to db: Database) throws {
        for sql in ContextSchema.statements { try db.execute(sql: sql) }
        try writeFacts(brand, hash: hash, db)
        try writeClaims(brand, db)
        try writeVoice(brand, db)
        try writeGuardrails(brand.guardrails, db)
    }

    /// Inserts rows in one statement: the rows travel as one JSON array that SQLite unpacks
    /// with `json_each` (binding each row through GRDB costs several times more).
    /// `sql` is `INSERT [OR IGNORE] INTO table[(columns)] VALUES (?, ?, …)`.
    private static func insert(_ db: Database, _ sql: String, _ rows: [[any JSONCell]]) throws {
        guard let width = rows.first?.count, let values = sql.range(of: "VALUES") else { return }
        let columns = (0..<width).map { "json_extract(value, '$[\($0)]')" }.joined(separator: ", ")
        let bulk = sql[..<values.lowerBound] + "SELECT \(columns) FROM json_each(?)"
        try db.execute(sql: String(bulk), arguments: [RowsJSON.encode(rows)])
    }

    private static func writeFacts(_ brand: Brand, hash: String, _ db: Database) throws {
        let f = brand.facts
        try insert(
            db, "INSERT INTO meta VALUES (?, ?)",
            [
                ["schema_version", String(ContextSchema.version)], ["content_hash", hash],
                ["brand_name", f.name], ["default_locale", f.defaultLocale],
            ])
        let facts: [(String, String?)] = [
            ("name", f.name), ("legal_name", f.legalName), ("tagline", f.tagline), ("website", f.website),
            ("default_locale", f.defaultLocale), ("sender.name", f.sender.name), ("sender.email", f.sender.email),
            ("sender.reply_to", f.sender.replyTo), ("legal.unsubscribe_required", String(f.legal.unsubscribeRequired)),
            ("legal.address_required", String(f.legal.addressRequired)), ("legal.unsubscribe_url", f.legal.unsubscribeURL),
            ("legal.privacy_url", f.legal.privacyURL), ("logo.url", f.logo.url), ("logo.dark_url", f.logo.darkURL),
            ("logo.alt", f.logo.alt), ("logo.width", f.logo.width.map(String.init)), ("logo.height", f.logo.height.map(String.init)),
            ("logo.href", f.logo.href), ("links.require_https", String(f.links.requireHTTPS)),
            ("links.utm_exempt", json(f.links.utmExempt)), ("cta.max_per_message", String(f.cta.maxPerMessage)),
            ("cta.max_primary", f.cta.maxPrimary.map(String.init)), ("cta.min_length", f.cta.minLength.map(String.init)),
            ("cta.max_length", f.cta.maxLength.map(String.init)), ("cta.banned_text", json(f.cta.bannedText)),
            ("cta.preferred_verbs", json(f.cta.preferredVerbs)), ("claims_policy.patterns", json(f.claimsPolicy.patterns)),
            ("target_clients", json(f.targetClients)),
            ("guardrails.max_personal_signal_classes", String(brand.guardrails.maxPersonalSignalClasses)),
            ("guardrails.signal_variety", String(brand.guardrails.signalVariety)),
        ]
        try insert(db, "INSERT INTO brand_facts VALUES (?, ?)", facts.compactMap { k, v in v.map { [k, $0] } })
        try insert(db, "INSERT INTO locales VALUES (?, ?, ?, ?)", f.locales.enumerated().map { [$1.id, $1.name, $1.language, $0] })
        try insert(db, "INSERT INTO markets VALUES (?, ?, ?, ?, ?)", f.markets.map { [$0.id, $0.name, $0.currency, $0.defaultLocale, $0.timezone] })
        try insert(db, "INSERT OR IGNORE INTO market_locales VALUES (?, ?)", f.markets.flatMap { m in m.locales.map { [m.id, $0] } })
        try insert(db, "INSERT INTO channels VALUES (?, ?)", f.channels.map { [$0.id, $0.description] })
        try insert(db, "INSERT INTO products VALUES (?, ?, ?)", f.products.map { [$0.id, $0.name, $0.category] })
        try insert(
            db, "INSERT OR IGNORE INTO postal_addresses VALUES (?, ?)", f.postalAddresses.map { [$0.market, $0.lines.joined(separator: "\n")] })
        try insert(db, "INSERT INTO palette VALUES (?, ?, ?, ?)", f.palette.enumerated().map { [$1.name, $1.hex, $1.role, $0] })
        try insert(
            db, "INSERT OR IGNORE INTO fonts VALUES (?, ?, ?, ?, ?, ?)",
            f.typography.enumerated().map {
                [$1.role, $1.family, json($1.fallbacks), json($1.weights), json($1.sizes), $0]
            })
        try insert(db, "INSERT OR IGNORE INTO link_domains VALUES (?)", f.links.allowedDomains.map { [$0] })
        let utmNames = f.links.requiredUTM + f.links.utmDefaults.keys.sorted().filter { !f.links.requiredUTM.contains($0) }
        try insert(
            db, "INSERT OR IGNORE INTO utm_parameters VALUES (?, ?, ?)",
            utmNames.map {
                [$0, f.links.requiredUTM.contains($0), f.links.utmDefaults[$0]]
            })
        try insert(db, "INSERT OR IGNORE INTO regulated_words VALUES (?)", f.claimsPolicy.regulatedWords.map { [$0] })
    }

    private static func writeClaims(_ brand: Brand, _ db: Database) throws {
        let defaultLocale = brand.facts.defaultLocale
        try insert(db, "INSERT INTO disclaimers VALUES (?, ?, ?)", brand.disclaimers.map { [$0.id, $0.text, $0.location.line] })
        try insert(
            db, "INSERT INTO disclaimer_variants VALUES (?, ?, ?)",
            brand.disclaimers.flatMap { d in
                d.variants.sorted { $0.key < $1.key }.map { [d.id, $0.key, $0.value] }
            })
        try insert(
            db, "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            brand.claims.map { c in
                [
                    c.id, c.text, c.validFrom.description, c.validUntil?.description, c.substantiation, c.supersedes,
                    c.markets.isEmpty, c.channels.isEmpty, c.products.isEmpty, c.location.file, c.location.line, c.location.column,
                ]
            })
        let variants = brand.claims.flatMap { c in c.variants.sorted { $0.key < $1.key }.map { (c.id, $0.key, $0.value) } }
        try insert(db, "INSERT INTO claim_variants VALUES (?, ?, ?)", variants.map { [$0.0, $0.1, $0.2] })
        try insert(db, "INSERT OR IGNORE INTO claim_markets VALUES (?, ?)", brand.claims.flatMap { c in c.markets.map { [c.id, $0] } })
        try insert(db, "INSERT OR IGNORE INTO claim_channels VALUES (?, ?)", brand.claims.flatMap { c in c.channels.map { [c.id, $0] } })
        try insert(db, "INSERT OR IGNORE INTO claim_products VALUES (?, ?)", brand.claims.flatMap { c in c.products.map { [c.id, $0] } })
        try insert(
            db, "INSERT OR IGNORE INTO claim_disclaimers VALUES (?, ?, ?)",
            brand.claims.flatMap { c in
                c.disclaimers.enumerated().map { [c.id, $1, $0] }
            })
        let fts = brand.claims.map { [$0.id, defaultLocale, $0.text] } + variants.map { [$0.0, $0.1, $0.2] }
        try insert(db, "INSERT INTO claims_fts(claim_id, locale, text) VALUES (?, ?, ?)", fts)
    }

    private static func writeVoice(_ brand: Brand, _ db: Database) throws {
        try insert(
            db, "INSERT OR IGNORE INTO voice_rules VALUES (?, ?, ?, ?, ?, ?)",
            brand.voiceRules.map {
                [$0.id, $0.style, $0.extends, $0.level, $0.message, $0.file]
            })
        try insert(db, "INSERT OR IGNORE INTO vocabulary VALUES (?, ?, ?)", brand.vocabulary.map { [$0.vocabulary, $0.kind, $0.term] })
    }

    private static func writeGuardrails(_ g: Guardrails, _ db: Database) throws {
        try insert(
            db, "INSERT OR IGNORE INTO signal_classes VALUES (?, ?, ?, ?, ?)",
            g.signalClasses.map {
                [$0.id, $0.description, $0.personal, $0.sensitivity.rawValue, $0.verbatim]
            })
        try insert(db, "INSERT OR IGNORE INTO signals VALUES (?, ?)", g.signals.map { [$0.path, $0.signalClass] })
        try insert(db, "INSERT INTO event_signals VALUES (?, ?)", g.eventSignals.sorted { $0.key < $1.key }.map { [$0.key, $0.value] })
        try insert(
            db, "INSERT OR IGNORE INTO guardrail_rules VALUES (?, ?, ?, ?, ?, ?)",
            g.rules.enumerated().map { i, r in
                let (name, args) = GuardrailJSON.action(r.then)
                return [r.id, r.description, r.when.map { GuardrailJSON.text(GuardrailJSON.condition($0)) }, name, GuardrailJSON.text(args), i]
            })
        try insert(
            db, "INSERT OR IGNORE INTO frequency_caps VALUES (?, ?, ?, ?, ?)",
            g.frequencyCaps.map {
                [$0.id, $0.channel, $0.category, $0.max, $0.perDays]
            })
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(data: encoder.encode(value), encoding: .utf8)) ?? "null"
    }
}

/// Guardrail conditions and actions as JSON, in the same shape as the YAML they came from.
enum GuardrailJSON {
    static func condition(_ c: GuardrailCondition) -> Any {
        switch c {
        case let .event(type, within, fields, atLeast):
            var e: [String: Any] = ["type": type, "at_least": atLeast]
            if let within { e["within_days"] = within }
            if !fields.isEmpty { e["where"] = fields }
            return ["event": e]
        case .segment(let s): return ["segment": s]
        case let .field(path, equals): return ["field": ["path": path, "equals": equals]]
        case .any(let parts): return ["any": parts.map(condition)]
        case .all(let parts): return ["all": parts.map(condition)]
        case .not(let inner): return ["not": condition(inner)]
        }
    }

    static func action(_ a: GuardrailAction) -> (String, Any) {
        switch a {
        case .suppress: return ("suppress", true)
        case .dropBlocksTagged(let tags): return ("drop_blocks_tagged", tags)
        case .dropBlocksReading(let what): return ("drop_blocks_reading", what)
        case .filterRecommendations(let n): return ("filter_recommendations", ["purchased_at_least": n])
        case .maxPersonalSignalClasses(let n): return ("max_personal_signal_classes", n)
        case .oneBlockPerSignalClass: return ("one_block_per_signal_class", true)
        }
    }

    static func text(_ object: Any) -> String {
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        return data.flatMap { String(data: $0, encoding: .utf8) } ?? "null"
    }
}

/// A value that writes itself as a JSON cell (a protocol call, not a dynamic cast per cell).
protocol JSONCell {
    func appendJSON(to out: inout String)
}

extension String: JSONCell {
    func appendJSON(to out: inout String) { JSONString.append(self, to: &out) }
}

extension Int: JSONCell {
    func appendJSON(to out: inout String) { out += String(self) }
}

extension Bool: JSONCell {
    func appendJSON(to out: inout String) { out += self ? "1" : "0" }
}

extension Optional: JSONCell where Wrapped: JSONCell {
    func appendJSON(to out: inout String) {
        if let value = self { value.appendJSON(to: &out) } else { out += "null" }
    }
}

/// Rows as a JSON array of arrays, written by hand (fast, and exact for strings and integers).
enum RowsJSON {
    static func encode(_ rows: [[any JSONCell]]) -> String {
        var out = "["
        out.reserveCapacity(rows.count * 64)
        for (i, row) in rows.enumerated() {
            out += i == 0 ? "[" : ",["
            for (j, value) in row.enumerated() {
                if j > 0 { out += "," }
                value.appendJSON(to: &out)
            }
            out += "]"
        }
        return out + "]"
    }
}
