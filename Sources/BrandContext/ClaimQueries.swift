import Diagnostics
import Foundation
import GRDB

/// A claim as it can be used in one context: the text for the locale asked and the
/// disclaimers it requires (in print order, same locale).
public struct UsableClaim: Sendable, Hashable, Codable {
    public struct Fine: Sendable, Hashable, Codable {
        public let id: String
        public let text: String
    }
    public let id: String
    public let text: String
    /// The locale `text` is written in.
    public let locale: String
    public let disclaimers: [Fine]
    public let products: [String]
    public let markets: [String]
    public let channels: [String]
    public let validFrom: String
    public let validUntil: String?
    public let substantiation: String
    /// The claim this one replaces: not usable wherever and whenever this one is.
    public let supersedes: String?

    enum CodingKeys: String, CodingKey {
        case id, text, locale, disclaimers, products, markets, channels
        case validFrom = "valid_from", validUntil = "valid_until", substantiation, supersedes
    }
}

extension ContextStore {
    /// Claims usable in `query`'s context, sorted by id. Empty `markets`/`channels` on a claim
    /// mean all; a brand-wide claim (no products) matches any `product`.
    public func claims(_ query: ClaimQuery) throws -> [UsableClaim] {
        try queue.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let day = query.on?.description {
                conditions.append("c.valid_from <= ? AND (c.valid_until IS NULL OR c.valid_until >= ?)")
                arguments += [day, day]
            }
            for (value, column, table, key) in [
                (query.market, "all_markets", "claim_markets", "market_id"),
                (query.channel, "all_channels", "claim_channels", "channel_id"),
                (query.product, "brand_wide", "claim_products", "product_id"),
            ] {
                guard let value else { continue }
                conditions.append("(c.\(column) = 1 OR EXISTS (SELECT 1 FROM \(table) x WHERE x.claim_id = c.id AND x.\(key) = ?))")
                arguments.append(value)
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let rows = try Row.fetchAll(db, sql: "SELECT c.* FROM claims c \(whereClause) ORDER BY c.id", arguments: StatementArguments(arguments))
            let matches = try query.search.map { try searchMatches($0, db) }
            // One query per related table (not per claim): the tables are small.
            let variants = try grouped(db, "SELECT claim_id, locale, text FROM claim_variants WHERE locale = ?", [query.locale ?? ""])
            func localeText(_ row: Row) -> (String, String)? {
                let own = variants[row["id"]].map { [query.locale ?? "": $0[0].1] } ?? [:]
                return LocaleText.pick(text: row["text"], variants: own, locale: query.locale, defaultLocale: defaultLocale)
            }
            // Every claim usable here, before the search narrows them: a replacement need not match the words.
            let replaced =
                query.on == nil
                ? [:]
                : ClaimSupersession.replacements(
                    among: rows.filter { localeText($0) != nil }.map { (id: $0["id"] as String, supersedes: $0["supersedes"] as String?) })
            let chosen = rows.compactMap { row -> (Row, String, String)? in
                let id: String = row["id"]
                guard let (text, locale) = localeText(row), replaced[id] == nil
                else { return nil }
                if let matches {
                    // With a locale, the words must be in the text shown; without, in any of its texts.
                    let hit = query.locale == nil ? matches.contains { $0[0] == id } : matches.contains([id, locale])
                    guard hit else { return nil }
                }
                return (row, text, locale)
            }
            return try assemble(chosen, disclaimerLocale: query.locale, db)
        }
    }

    /// Adds disclaimers and scoping lists to the chosen claims.
    /// Disclaimers follow the locale asked for (their own variant, else their default text),
    /// even when the claim itself fell back to the default text: as `Disclaimer.text(for:)`.
    private func assemble(_ chosen: [(Row, String, String)], disclaimerLocale: String?, _ db: Database) throws -> [UsableClaim] {
        let ids = StatementArguments([Self.jsonArray(chosen.map { $0.0["id"] as String })])
        func related(_ column: String, _ table: String, order: String) throws -> [String: [(String, String)]] {
            try grouped(
                db, "SELECT claim_id, \(column), '' FROM \(table) WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY claim_id, \(order)", ids
            )
        }
        let markets = try related("market_id", "claim_markets", order: "market_id")
        let channels = try related("channel_id", "claim_channels", order: "channel_id")
        let products = try related("product_id", "claim_products", order: "product_id")
        let fine = try related("disclaimer_id", "claim_disclaimers", order: "position")
        var disclaimerText: [String: (text: String, variants: [String: String])] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, text FROM disclaimers") { disclaimerText[row["id"]] = (row["text"], [:]) }
        for row in try Row.fetchAll(db, sql: "SELECT disclaimer_id, locale, text FROM disclaimer_variants") {
            disclaimerText[row["disclaimer_id"]]?.variants[row["locale"]] = row["text"]
        }
        return chosen.map { row, text, locale in
            let id: String = row["id"]
            let disclaimers = (fine[id] ?? []).map { pair -> UsableClaim.Fine in
                let d = disclaimerText[pair.0]
                return UsableClaim.Fine(id: pair.0, text: disclaimerLocale.flatMap { d?.variants[$0] } ?? d?.text ?? "")
            }
            return UsableClaim(
                id: id, text: text, locale: locale, disclaimers: disclaimers,
                products: (products[id] ?? []).map(\.0), markets: (markets[id] ?? []).map(\.0),
                channels: (channels[id] ?? []).map(\.0), validFrom: row["valid_from"],
                validUntil: row["valid_until"], substantiation: row["substantiation"], supersedes: row["supersedes"])
        }
    }

    static func jsonArray(_ strings: [String]) -> String {
        let data = try? JSONSerialization.data(withJSONObject: strings)
        return data.flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }

    /// Rows of (claim_id, a, b) grouped by claim id, in query order.
    private func grouped(_ db: Database, _ sql: String, _ arguments: StatementArguments = []) throws -> [String: [(String, String)]] {
        var out: [String: [(String, String)]] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            out[row[0], default: []].append((row[1], row[2]))
        }
        return out
    }

    /// (claim id, locale) pairs whose text matches every word of `text` (prefix match).
    private func searchMatches(_ text: String, _ db: Database) throws -> Set<[String]> {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map { "\"\($0)\"*" }
        guard !words.isEmpty else { return [] }
        let rows = try Row.fetchAll(
            db, sql: "SELECT claim_id, locale FROM claims_fts WHERE claims_fts MATCH ?",
            arguments: [words.joined(separator: " ")])
        return Set(rows.map { [$0["claim_id"] as String, $0["locale"] as String] })
    }
}

extension ContextStore {
    /// The ids a `ClaimQuery` filter may name, so a caller can reject a typo instead of
    /// silently finding nothing: `market`, `channel`, `locale`, `product`.
    public func knownIDs(_ kind: String) throws -> [String] {
        let table = ["market": "markets", "channel": "channels", "locale": "locales", "product": "products"][kind]
        guard let table else { return [] }
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT id FROM \(table) ORDER BY rowid") }
    }

    /// A "did you mean" hint for an unknown id, or "".
    public static func suggestion(for value: String, in candidates: [String]) -> String {
        Suggest.hint(for: value, in: candidates)
    }
}
