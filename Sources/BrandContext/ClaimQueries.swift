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

    enum CodingKeys: String, CodingKey {
        case id, text, locale, disclaimers, products, markets, channels
        case validFrom = "valid_from", validUntil = "valid_until", substantiation
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
            for (value, column, table, key) in [(query.market, "all_markets", "claim_markets", "market_id"),
                                                 (query.channel, "all_channels", "claim_channels", "channel_id"),
                                                 (query.product, "brand_wide", "claim_products", "product_id")] {
                guard let value else { continue }
                conditions.append("(c.\(column) = 1 OR EXISTS (SELECT 1 FROM \(table) x WHERE x.claim_id = c.id AND x.\(key) = ?))")
                arguments.append(value)
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let rows = try Row.fetchAll(db, sql: "SELECT c.* FROM claims c \(whereClause) ORDER BY c.id", arguments: StatementArguments(arguments))
            let matches = try query.search.map { try searchMatches($0, db) }
            return try rows.compactMap { row in try usable(row, query: query, matches: matches, db) }
        }
    }

    /// (claim id, locale) pairs whose text matches every word of `text` (prefix match).
    private func searchMatches(_ text: String, _ db: Database) throws -> Set<[String]> {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map { "\"\($0)\"*" }
        guard !words.isEmpty else { return [] }
        let rows = try Row.fetchAll(db, sql: "SELECT claim_id, locale FROM claims_fts WHERE claims_fts MATCH ?",
                                    arguments: [words.joined(separator: " ")])
        return Set(rows.map { [$0["claim_id"] as String, $0["locale"] as String] })
    }

    private func usable(_ row: Row, query: ClaimQuery, matches: Set<[String]>?, _ db: Database) throws -> UsableClaim? {
        let id: String = row["id"]
        let variants = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT locale, text FROM claim_variants WHERE claim_id = ?", arguments: [id])
            .map { ($0["locale"] as String, $0["text"] as String) })
        guard let (text, locale) = LocaleText.pick(text: row["text"], variants: variants, locale: query.locale, defaultLocale: defaultLocale)
        else { return nil }
        if let matches {
            // With a locale, the words must be in the text shown; without, in any of its texts.
            let hit = query.locale == nil ? matches.contains { $0[0] == id } : matches.contains([id, locale])
            guard hit else { return nil }
        }
        let fine = try Row.fetchAll(db, sql: """
            SELECT d.id, d.text, v.text AS variant FROM claim_disclaimers cd JOIN disclaimers d ON d.id = cd.disclaimer_id
            LEFT JOIN disclaimer_variants v ON v.disclaimer_id = d.id AND v.locale = ? WHERE cd.claim_id = ? ORDER BY cd.position
            """, arguments: [locale, id]).map { UsableClaim.Fine(id: $0["id"], text: ($0["variant"] as String?) ?? $0["text"]) }
        func list(_ table: String, _ column: String) throws -> [String] {
            try String.fetchAll(db, sql: "SELECT \(column) FROM \(table) WHERE claim_id = ? ORDER BY \(column)", arguments: [id])
        }
        return UsableClaim(id: id, text: text, locale: locale, disclaimers: fine,
                           products: try list("claim_products", "product_id"), markets: try list("claim_markets", "market_id"),
                           channels: try list("claim_channels", "channel_id"), validFrom: row["valid_from"],
                           validUntil: row["valid_until"], substantiation: row["substantiation"])
    }
}
