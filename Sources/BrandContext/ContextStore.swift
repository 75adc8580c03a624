import Diagnostics
import Foundation
import GRDB

/// The brand's errors, when a context cannot be built.
/// The database could not be written (a path problem, not a brand problem).
public struct ContextWriteError: Error, CustomStringConvertible {
    public let database: URL
    public let reason: String
    public var description: String { "cannot write the context database \(database.path): \(reason)" }
}

public struct ContextBuildError: Error, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// What `ContextStore.build` did.
public enum BuildOutcome: Sendable {
    /// The database already matched the brand's content hash: nothing was rebuilt.
    case upToDate(hash: String)
    /// The database was (re)written; warnings are the brand's non-fatal diagnostics.
    case built(hash: String, warnings: [Diagnostic])
}

/// The compiled brand context: a read-only SQLite database built from `brand/` and keyed by its
/// content hash. Open it with `ContextStore.open(brand:database:)`, which rebuilds only when
/// the brand changed; then query claims or run read-only SQL.
public struct ContextStore: Sendable {
    public let database: URL
    public let contentHash: String
    let schemaVersion: String
    public let defaultLocale: String
    let queue: DatabaseQueue

    /// Builds the database if it is missing or stale, then opens it read-only.
    /// Throws `ForeignFileError` when `database` names a file that is not a Tessera context.
    public static func open(brand: URL, database: URL, displayPrefix: String? = nil) throws -> ContextStore {
        let hash = ContentHash.of(brand: brand)
        // The common case, an unchanged brand: one read-only open, reused for the queries.
        if let store = try? openExisting(database: database), store.isCurrent(hash) { return store }
        _ = try build(brand: brand, database: database, displayPrefix: displayPrefix, force: true, replaceForeign: false, hash: hash)
        return try openExisting(database: database)
    }

    private func isCurrent(_ hash: String) -> Bool { schemaVersion == String(ContextSchema.version) && contentHash == hash }

    /// Opens an existing database read-only, without looking at the brand.
    public static func openExisting(database: URL) throws -> ContextStore {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: database.path, configuration: config)
        let meta = try queue.read { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM meta").map {
                    (($0["key"] as String?) ?? "", ($0["value"] as String?) ?? "")
                })
        }
        return ContextStore(
            database: database, contentHash: meta["content_hash"] ?? "", schemaVersion: meta["schema_version"] ?? "",
            defaultLocale: meta["default_locale"] ?? "en-US", queue: queue)
    }

    /// Validates the brand and writes the database, unless its content hash is unchanged.
    /// Throws `ContextBuildError` with every error found when the brand is invalid, and
    /// `ForeignFileError` when `database` is a file Tessera did not write, unless `replaceForeign`.
    @discardableResult
    public static func build(
        brand: URL, database: URL, displayPrefix: String? = nil, force: Bool = false,
        replaceForeign: Bool = false
    ) throws -> BuildOutcome {
        try build(
            brand: brand, database: database, displayPrefix: displayPrefix, force: force, replaceForeign: replaceForeign,
            hash: ContentHash.of(brand: brand))
    }

    private static func build(
        brand: URL, database: URL, displayPrefix: String?, force: Bool, replaceForeign: Bool,
        hash: String
    ) throws -> BuildOutcome {
        if !force, let stored = try? openExisting(database: database), stored.isCurrent(hash) { return .upToDate(hash: hash) }
        // Checked before loading the brand, so a wrong --out is the one error reported.
        let target = database.resolvingSymlinksInPath()
        try checkReplaceable(target, shownAs: database.path, replaceForeign: replaceForeign)
        let result = BrandLoader.load(directory: brand, displayPrefix: displayPrefix)
        guard let loaded = result.brand else { throw ContextBuildError(diagnostics: result.diagnostics) }
        try write(loaded, hash: hash, to: target)
        return .built(hash: hash, warnings: result.diagnostics)
    }

    /// Refuses a path that is not a regular file, and one that is not Tessera's without `replaceForeign`.
    private static func checkReplaceable(_ target: URL, shownAs path: String, replaceForeign: Bool) throws {
        switch ContextFileOwnership.of(target) {
        case .absent, .ours: return
        case .foreign(let reason):
            if !replaceForeign { throw ForeignFileError(path: path, reason: reason, replaceable: true) }
        case .notAFile(let reason):
            throw ForeignFileError(path: path, reason: reason, replaceable: false)
        }
    }

    /// Writes to a temporary file beside the target and renames it in, so readers never see
    /// a half-written database. `database` is the file itself (symbolic links already resolved,
    /// so a link keeps pointing at the new database).
    static func write(_ brand: Brand, hash: String, to database: URL) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: database.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw ContextWriteError(database: database, reason: "cannot create its folder")
        }
        let temporary = database.deletingLastPathComponent()
            .appendingPathComponent(".\(database.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try? fm.removeItem(at: temporary)
        do {
            // The temporary file is renamed in only when complete and can always be rebuilt from
            // brand/, so it needs no rollback journal and no fsync while it is written.
            var config = Configuration()
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA application_id = \(ContextSchema.applicationID)")
            }
            let queue = try DatabaseQueue(path: temporary.path, configuration: config)
            try queue.inTransaction { db in
                try ContextWriter.write(brand, hash: hash, to: db)
                return .commit
            }
            try queue.close()
            // rename(2) replaces the target atomically.
            guard rename(temporary.path, database.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: database.path])
            }
        } catch {
            try? fm.removeItem(at: temporary)
            throw ContextWriteError(database: database, reason: (error as? DatabaseError)?.message ?? "\(error)")
        }
    }
}
