import Foundation
import Testing

@testable import BrandContext

/// `context sql` as an attacker would use it: statements that write or reach outside the
/// database, dressed so that a check on the text would miss them, and statements that run
/// forever or answer without end. Each must be refused or stopped with an error naming why.
@Suite(.serialized) struct ContextSQLHostileTests {
    /// One built context shared by the suite (read-only: nothing here may change it).
    static let fixture: BrandFixture = {
        let f = try! BrandFixture(name: "tessera-sql-hostile")
        try! ContextStore.build(brand: f.brand, database: f.database)
        return f
    }()
    var store: ContextStore { get throws { try ContextStore.openExisting(database: Self.fixture.database) } }

    /// The refusal's text for `sql`, or nil when it ran.
    func refusal(_ sql: String, limits: SQLLimits = SQLLimits()) throws -> String? {
        do { _ = try store.query(sql: sql, limits: limits) } catch let e as SQLRejected { return e.description }
        return nil
    }

    @Test func attachIsRefusedHoweverItIsWritten() throws {
        let outside = Self.fixture.root.appendingPathComponent("attached.sqlite")
        for sql in [
            "/**/ATTACH DATABASE ':memory:' AS m", "-- note\nATTACH ':memory:' AS m", "  attach ':memory:' as m",
            "/* a */ /* b */ ATTACH DATABASE '\(outside.path)' AS x", "ATTACH 'file:x?mode=memory' AS m",
        ] {
            let message = try #require(try refusal(sql), "ran: \(sql)")
            #expect(message.contains("ATTACH") || message.contains("too many attached"), "\(sql): \(message)")
        }
        #expect(!FileManager.default.fileExists(atPath: outside.path), "ATTACH created a file")
        #expect(try refusal("/**/DETACH DATABASE main") != nil)
    }

    @Test func pragmaSettingsAreRefusedIntrospectionIsNot() throws {
        for sql in [
            "PRAGMA cache_size = 10", "PRAGMA temp_store = MEMORY", "PRAGMA query_only = 0", "/**/PRAGMA writable_schema = ON",
            "PRAGMA journal_mode = WAL", "PRAGMA user_version = 7", "PRAGMA application_id = 1",
        ] {
            let message = try #require(try refusal(sql), "ran: \(sql)")
            #expect(message.contains("read-only") && message.contains("PRAGMA"), "\(sql): \(message)")
        }
        #expect(try store.query(sql: "PRAGMA table_info(claims)").rows.contains { $0[1] == "valid_until" })
        #expect(try store.query(sql: "SELECT name FROM pragma_table_info('palette') ORDER BY cid").rows.first == ["name"])
        #expect(try store.query(sql: "PRAGMA application_id").rows == [[String(ContextSchema.applicationID)]])
    }

    @Test func temporaryObjectsAndWritesAreRefused() throws {
        for sql in [
            "CREATE TEMP TABLE t(x)", "/**/CREATE TEMPORARY VIEW v AS SELECT 1", "CREATE TEMP TRIGGER g AFTER INSERT ON claims BEGIN SELECT 1; END",
            "DELETE FROM claims", "WITH x AS (SELECT 1) INSERT INTO meta SELECT 'a', 'b' FROM x", "DROP TABLE claims",
            "UPDATE sqlite_master SET sql = 'x' WHERE name = 'claims'", "/**/UPDATE claims SET text = 'free!'",
            "BEGIN IMMEDIATE", "SAVEPOINT s", "ANALYZE", "REINDEX",
            "VACUUM INTO '\(Self.fixture.root.appendingPathComponent("copy.sqlite").path)'",
        ] {
            let message = try #require(try refusal(sql), "ran: \(sql)")
            #expect(!message.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: Self.fixture.root.appendingPathComponent("copy.sqlite").path), "VACUUM INTO wrote a copy")
        #expect(try refusal("CREATE TEMP TABLE t(x)")?.contains("temporary") == true)
        #expect(try refusal("UPDATE claims SET text = 'free!'")?.contains("UPDATE of claims") == true)
        #expect(try store.query(sql: "SELECT count(*) FROM claims").rows.first?.first ?? nil != "0", "rows intact")
    }

    @Test func loadExtensionIsRefusedByName() throws {
        for sql in ["SELECT load_extension('/tmp/evil.so')", "/**/select LOAD_EXTENSION('x', 'init')"] {
            let message = try #require(try refusal(sql), "ran: \(sql)")
            #expect(message.contains("load_extension"), "\(sql): \(message)")
        }
    }

    @Test func moreThanOneStatementIsRefused() throws {
        for sql in ["SELECT 1; SELECT 2", "SELECT 1;ATTACH ':memory:' AS m", "SELECT 1; garbage", "SELECT 1; /**/ DELETE FROM claims"] {
            let message = try #require(try refusal(sql), "ran: \(sql)")
            #expect(message.contains("one statement"), "\(sql): \(message)")
        }
        // What follows the statement may be separators and comments.
        #expect(try store.query(sql: "SELECT 1; -- done").rows == [["1"]])
        #expect(try store.query(sql: "SELECT 2 ; ; /* end */").rows == [["2"]])
        #expect(try refusal("-- nothing but a comment")?.contains("no SQL statement") == true)
        #expect(try refusal("SELECT 1\u{0}; DELETE FROM claims")?.contains("NUL") == true, "SQL after a NUL would be dropped unseen")
    }

    @Test func aRecursiveQueryThatNeverEndsStopsAtTheTimeLimit() throws {
        let forever = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
        do {
            _ = try store.query(sql: forever, limits: SQLLimits(timeout: 0.3))
            Issue.record("an endless query returned")
        } catch let e as SQLLimitExceeded {
            #expect(e.limit == .time(0.3))
            #expect(e.description.contains("--timeout"))
        }
        // Streaming rows without end meets the same limit (rows counted are not the limit here).
        var counter = RowCounter()
        #expect(throws: SQLLimitExceeded(limit: .time(0.3))) {
            try store.stream(
                sql: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c",
                limits: SQLLimits(timeout: 0.3, maxRows: .max), into: &counter)
        }
        #expect(counter.rows > 0, "rows came before the limit")
    }

    @Test func aHugeResultStopsAtTheRowLimitAfterStreamingThatMany() throws {
        let thousand = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 1000) SELECT x FROM c"
        var counter = RowCounter()
        #expect(throws: SQLLimitExceeded(limit: .rows(100))) {
            try store.stream(sql: thousand, limits: SQLLimits(maxRows: 100), into: &counter)
        }
        #expect(counter.rows == 100)
        #expect(counter.columns == ["x"])
        #expect(try store.query(sql: thousand, limits: SQLLimits(maxRows: 1000)).values.count == 1000, "exactly the limit is fine")
        let message = SQLLimitExceeded(limit: .rows(100)).description
        #expect(message.contains("100") && message.contains("--max-rows"))
    }

    @Test func aValueCannotGrowPastTheValueLimit() throws {
        let growing =
            "SELECT length(group_concat(hex(randomblob(1000)))) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 10000) SELECT x FROM c)"
        for sql in ["SELECT length(randomblob(100000000))", "SELECT length(zeroblob(1000000000))", growing] {
            #expect(throws: SQLLimitExceeded(limit: .valueBytes(SQLLimits.defaultMaxValueBytes)), "\(sql)") {
                try store.query(sql: sql)
            }
        }
        #expect(try store.query(sql: "SELECT length(randomblob(1000))").rows == [["1000"]])
    }

    @Test func readsOfEveryKindStillWork() throws {
        let fts = try store.query(sql: "SELECT claim_id, locale FROM claims_fts('waterproof')")
        #expect(fts.columns == ["claim_id", "locale"] && !fts.values.isEmpty)
        #expect(try store.query(sql: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 5) SELECT sum(x) FROM c").rows == [["15"]])
        #expect(
            try store.query(sql: "SELECT json_array(1, 'a'), upper('x'), date('2026-02-28', '+1 day')").rows == [["[1,\"a\"]", "X", "2026-03-01"]])
        #expect(try store.query(sql: "SELECT name FROM sqlite_master WHERE name = 'claims'").rows == [["claims"]])
    }
}

/// Counts streamed rows without keeping them.
struct RowCounter: SQLRowSink {
    var columns: [String] = []
    var rows = 0
    mutating func begin(columns: [String]) { self.columns = columns }
    mutating func row(_ values: [SQLValue]) { rows += 1 }
}

/// A file at the database path that Tessera did not write is never replaced without leave.
@Suite struct ContextFileReplacementTests {
    /// Rewrites the 4-byte application_id field of a SQLite header (offset 68, big-endian).
    func setApplicationID(_ id: UInt32, of url: URL) throws {
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        try handle.seek(toOffset: 68)
        handle.write(Data([UInt8(id >> 24), UInt8(id >> 16 & 0xFF), UInt8(id >> 8 & 0xFF), UInt8(id & 0xFF)]))
    }

    @Test func anotherApplicationsDatabaseIsRefusedUnlessReplaceForeign() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        try ContextStore.build(brand: fixture.brand, database: fixture.database)
        try setApplicationID(0x0102_0304, of: fixture.database)
        try fixture.replace("voice/Larchwood/Hedging.yml", "  - truly\n", with: "  - truly\n  - totally\n")
        let before = try Data(contentsOf: fixture.database)
        do {
            _ = try ContextStore.open(brand: fixture.brand, database: fixture.database)
            Issue.record("replaced another application's database")
        } catch let e as ForeignFileError {
            #expect(e.replaceable && e.description.contains(fixture.database.path) && e.description.contains("another application"))
        }
        #expect(throws: ForeignFileError.self) { try ContextStore.build(brand: fixture.brand, database: fixture.database, force: true) }
        #expect(try Data(contentsOf: fixture.database) == before, "the file was changed")
        try ContextStore.build(brand: fixture.brand, database: fixture.database, force: true, replaceForeign: true)
        #expect(
            try ContextStore.openExisting(database: fixture.database).query(sql: "PRAGMA application_id").rows == [
                [String(ContextSchema.applicationID)]
            ])
    }

    @Test func aTextFileIsRefusedAFolderAlwaysIs() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        try "keep me\n".write(to: fixture.database, atomically: true, encoding: .utf8)
        #expect(throws: ForeignFileError.self) { try ContextStore.open(brand: fixture.brand, database: fixture.database) }
        #expect(try String(contentsOf: fixture.database, encoding: .utf8) == "keep me\n")
        let folder = fixture.root.appendingPathComponent("folder.sqlite")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            try ContextStore.build(brand: fixture.brand, database: folder, replaceForeign: true)
            Issue.record("wrote over a folder")
        } catch let e as ForeignFileError {
            #expect(!e.replaceable && e.description.contains("folder"))
        }
    }

    @Test func aContextFromBeforeTheMarkerAndAnEmptyFileAreReplaced() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        try ContextStore.build(brand: fixture.brand, database: fixture.database)
        try setApplicationID(0, of: fixture.database)
        try ContextStore.build(brand: fixture.brand, database: fixture.database, force: true)
        #expect(
            try ContextStore.openExisting(database: fixture.database).query(sql: "PRAGMA application_id").rows == [
                [String(ContextSchema.applicationID)]
            ])
        let empty = fixture.root.appendingPathComponent("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: empty.path, contents: Data()))
        try ContextStore.build(brand: fixture.brand, database: empty)
        #expect(try ContextStore.openExisting(database: empty).contentHash.count > 0)
    }

    @Test func aLinkKeepsPointingAtTheRebuiltDatabase() throws {
        let fixture = try BrandFixture()
        defer { fixture.remove() }
        try ContextStore.build(brand: fixture.brand, database: fixture.database)
        let link = fixture.root.appendingPathComponent("link.sqlite")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: fixture.database)
        try ContextStore.build(brand: fixture.brand, database: link, force: true)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == fixture.database.path)
        #expect(try ContextStore.openExisting(database: link).contentHash == ContextStore.openExisting(database: fixture.database).contentHash)
    }
}
