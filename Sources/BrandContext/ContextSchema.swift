import Foundation
import GRDB

/// The SQLite schema of the compiled brand context (documented in docs/brand.md for
/// `tessera context sql`). Bump `version` whenever a table changes: old databases rebuild.
public enum ContextSchema {
    public static let version = 1
    /// SQLite's `application_id` of every context database ("TESS"): how Tessera knows a file
    /// at `--out` is its own to replace (`ContextFileOwnership`).
    package static let applicationID: UInt32 = 0x5445_5353

    static let statements: [String] = [
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE brand_facts(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE locales(id TEXT PRIMARY KEY, name TEXT NOT NULL, language TEXT NOT NULL, position INTEGER NOT NULL)",
        "CREATE TABLE markets(id TEXT PRIMARY KEY, name TEXT NOT NULL, currency TEXT NOT NULL, default_locale TEXT NOT NULL, timezone TEXT)",
        "CREATE TABLE market_locales(market_id TEXT NOT NULL, locale TEXT NOT NULL, PRIMARY KEY(market_id, locale))",
        "CREATE TABLE channels(id TEXT PRIMARY KEY, description TEXT)",
        "CREATE TABLE products(id TEXT PRIMARY KEY, name TEXT NOT NULL, category TEXT)",
        "CREATE TABLE postal_addresses(market_id TEXT PRIMARY KEY, lines TEXT NOT NULL)",
        "CREATE TABLE palette(name TEXT PRIMARY KEY, hex TEXT NOT NULL, role TEXT, position INTEGER NOT NULL)",
        "CREATE TABLE fonts(role TEXT PRIMARY KEY, family TEXT NOT NULL, fallbacks TEXT NOT NULL, weights TEXT NOT NULL, sizes TEXT NOT NULL, position INTEGER NOT NULL)",
        "CREATE TABLE link_domains(domain TEXT PRIMARY KEY)",
        "CREATE TABLE utm_parameters(name TEXT PRIMARY KEY, required INTEGER NOT NULL, default_value TEXT)",
        "CREATE TABLE regulated_words(word TEXT PRIMARY KEY)",
        "CREATE TABLE disclaimers(id TEXT PRIMARY KEY, text TEXT NOT NULL, line INTEGER NOT NULL)",
        "CREATE TABLE disclaimer_variants(disclaimer_id TEXT NOT NULL, locale TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY(disclaimer_id, locale))",
        """
        CREATE TABLE claims(id TEXT PRIMARY KEY, text TEXT NOT NULL, valid_from TEXT NOT NULL, valid_until TEXT,
          substantiation TEXT NOT NULL, supersedes TEXT, all_markets INTEGER NOT NULL, all_channels INTEGER NOT NULL,
          brand_wide INTEGER NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, column INTEGER NOT NULL)
        """,
        "CREATE TABLE claim_variants(claim_id TEXT NOT NULL, locale TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY(claim_id, locale))",
        "CREATE TABLE claim_markets(claim_id TEXT NOT NULL, market_id TEXT NOT NULL, PRIMARY KEY(claim_id, market_id))",
        "CREATE TABLE claim_channels(claim_id TEXT NOT NULL, channel_id TEXT NOT NULL, PRIMARY KEY(claim_id, channel_id))",
        "CREATE TABLE claim_products(claim_id TEXT NOT NULL, product_id TEXT NOT NULL, PRIMARY KEY(claim_id, product_id))",
        "CREATE TABLE claim_disclaimers(claim_id TEXT NOT NULL, disclaimer_id TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY(claim_id, disclaimer_id))",
        // Raw SQL: GRDB's FTS5 API needs SQLITE_ENABLE_FTS5 at compile time; the system SQLite has FTS5.
        "CREATE VIRTUAL TABLE claims_fts USING fts5(claim_id UNINDEXED, locale UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')",
        "CREATE TABLE voice_rules(id TEXT PRIMARY KEY, style TEXT NOT NULL, extends TEXT NOT NULL, level TEXT NOT NULL, message TEXT NOT NULL, file TEXT NOT NULL)",
        "CREATE TABLE vocabulary(vocabulary TEXT NOT NULL, kind TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY(vocabulary, kind, term))",
        "CREATE TABLE signal_classes(id TEXT PRIMARY KEY, description TEXT, personal INTEGER NOT NULL, sensitivity TEXT NOT NULL, verbatim INTEGER NOT NULL)",
        "CREATE TABLE signals(path TEXT PRIMARY KEY, class_id TEXT NOT NULL)",
        "CREATE TABLE event_signals(event_type TEXT PRIMARY KEY, class_id TEXT NOT NULL)",
        "CREATE TABLE guardrail_rules(id TEXT PRIMARY KEY, description TEXT NOT NULL, condition TEXT, action TEXT NOT NULL, action_args TEXT NOT NULL, position INTEGER NOT NULL)",
        "CREATE TABLE frequency_caps(id TEXT PRIMARY KEY, channel TEXT NOT NULL, category TEXT NOT NULL, max INTEGER NOT NULL, per_days INTEGER NOT NULL)",
    ]
}
