import Foundation
import GRDB

/// Whether an existing file at a context database path is Tessera's to replace.
///
/// Tessera's own: no file, an empty file, or a SQLite database whose header carries
/// `ContextSchema.applicationID` (set by every build), or a context built before that marker
/// existed (application_id 0 with the `meta` rows every context has). Anything else (another
/// database, a text file, a folder, a device) is someone else's: replacing it needs `--force`,
/// and a path that is not a regular file is never replaced.
enum ContextFileOwnership: Equatable {
    case absent, ours
    /// Another program's file; replaceable with `replaceForeign`. The text says what it is.
    case foreign(String)
    /// Not a regular file: never replaced.
    case notAFile(String)

    static func of(_ url: URL) -> ContextFileOwnership {
        var st = stat()
        guard lstat(url.path, &st) == 0 else { return .absent }
        guard st.st_mode & S_IFMT == S_IFREG else {
            return .notAFile(st.st_mode & S_IFMT == S_IFDIR ? "it is a folder" : "it is not a regular file")
        }
        guard st.st_size > 0 else { return .ours }
        guard let header = readHeader(url), header.count >= 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            return .foreign("it is not a SQLite database")
        }
        // The application_id field of the database header: 4 bytes, big-endian, at offset 68.
        let applicationID = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if applicationID == ContextSchema.applicationID { return .ours }
        if applicationID == 0 && isLegacyContext(url) { return .ours }
        return .foreign(
            applicationID == 0
                ? "it is a SQLite database without Tessera's marker"
                : "it is a SQLite database of another application (application_id \(applicationID))")
    }

    private static func readHeader(_ url: URL) -> [UInt8]? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 100)).map(Array.init)
    }

    /// A context written before the marker: its `meta` table names a schema version and a content hash.
    private static func isLegacyContext(_ url: URL) -> Bool {
        var config = Configuration()
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: url.path, configuration: config) else { return false }
        let keys = try? queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM meta WHERE key IN ('schema_version', 'content_hash')")
        }
        return keys == 2
    }
}

/// The path names a file Tessera did not write: the context is not written over it.
public struct ForeignFileError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    /// Whether `--force` would allow it (false for folders and devices).
    public let replaceable: Bool
    public var description: String {
        "refusing to replace \(path): \(reason), not a Tessera context database"
    }
}
