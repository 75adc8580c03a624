import Assembly
import BrandContext
import Foundation
import PipelinePostgres
import PostgresNIO
import TestSupport
import Testing

/// The PostgreSQL server the tests use: `TESSERA_TEST_POSTGRES_URL` (its password in
/// `PGPASSWORD`), e.g. a private cluster from `scripts/postgres-cluster start DIR PORT`.
/// Without it the tests note that they did not run, and FAIL when `TESSERA_REQUIRE_POSTGRES=1`
/// (CI sets both). `TESSERA_TEST_POSTGRES_RESTART`: a shell command that restarts the server
/// (the restart test).
enum PostgresServer {
    static let environment = ProcessInfo.processInfo.environment

    /// The server's URL, or nil (after recording a failure when one is required).
    static func url(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
        if let url = environment["TESSERA_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        if environment["TESSERA_REQUIRE_POSTGRES"] == "1" {
            Issue.record(
                "TESSERA_REQUIRE_POSTGRES=1 but TESSERA_TEST_POSTGRES_URL is not set: start a server (scripts/postgres-cluster) and set it",
                sourceLocation: sourceLocation)
        } else {
            print("note: TESSERA_TEST_POSTGRES_URL not set; PostgreSQL journal test not run")
        }
        return nil
    }

    /// A new, empty database on the server for one test (frequency caps count every run of a
    /// database, so tests must not share one); returns its URL.
    static func freshDatabase(_ name: String) throws -> String? {
        guard let base = url() else { return nil }
        let location = try PostgresLocation(parsing: base)
        let session = try PostgresSession(location)
        defer { session.close() }
        let db = "tessera_\(name)_\(getpid())"
        try session.withRetry("creating a test database") { c, _ in
            _ = try session.rows(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(db)"), on: c)
            _ = try session.rows(PostgresQuery(unsafeSQL: "CREATE DATABASE \(db)"), on: c)
        }
        var components = URLComponents(string: base)!
        components.path = "/" + db
        return components.string!
    }

    /// One SQL query's first column as integers (test checks of the journal's tables).
    static func integers(_ url: String, _ sql: String) throws -> [Int] {
        let session = try PostgresSession(PostgresLocation(parsing: url))
        defer { session.close() }
        return try session.withRetry("checking") { c, _ in
            try session.rows(PostgresQuery(unsafeSQL: sql), on: c).map { try $0.decode(Int.self) }
        }
    }

    /// One SQL query's first column as text (NULL as nil).
    static func texts(_ url: String, _ sql: String) throws -> [String?] {
        let session = try PostgresSession(PostgresLocation(parsing: url))
        defer { session.close() }
        return try session.withRetry("checking") { c, _ in
            try session.rows(PostgresQuery(unsafeSQL: sql), on: c).map { try $0.decode(String?.self) }
        }
    }
}

/// The `tessera` executable beside the test bundle (or `TESSERA_BINARY`).
enum Tessera {
    static var url: URL? {
        if let path = ProcessInfo.processInfo.environment["TESSERA_BINARY"] { return URL(fileURLWithPath: path) }
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent(), Corpus.packageRoot.appendingPathComponent(".build/debug")] {
            let url = candidate.appendingPathComponent("tessera")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    static let project = Corpus.packageRoot.path
    static let now = "2026-11-23T09:00:00Z"

    /// `render` with the shipped project and a fixed clock.
    static func render(_ args: [String]) -> [String] {
        ["render", "--project", project, "--now", now] + args
    }

    /// Runs tessera to completion; exit status and standard error.
    @discardableResult
    static func run(_ args: [String]) throws -> (status: Int32, stderr: String) {
        let p = try Running(args)
        return p.finish()
    }

    /// Welcome-email recipients (each a marketing email: the shipped daily cap is 1).
    static func recipients(_ count: Int, seed: UInt64, in dir: URL) -> URL {
        var g = RecipientGenerator(seed: seed, now: ISOTimestamp.parse(now)!)
        g.welcomeOnly = true
        let url = dir.appendingPathComponent("in-\(seed).ndjson")
        try! Data(((1...count).map { g.line($0) }.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    static func tempDir() -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("pg-journal-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// The NDJSON records of an output file.
    static func records(_ file: URL) throws -> [[String: Any]] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }
}

/// A tessera process whose standard error is collected as it runs.
final class Running: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var collected = Data()
    private let done = DispatchSemaphore(value: 0)

    /// `environment`: added to this process's own.
    init(_ args: [String], environment: [String: String] = [:]) throws {
        process.executableURL = Tessera.url
        process.arguments = args
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardError = pipe
        let reader = pipe.fileHandleForReading
        try process.run()
        Thread.detachNewThread { [self] in
            while true {
                let d = reader.availableData
                if d.isEmpty { break }
                lock.withLock { collected += d }
            }
            done.signal()
        }
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var stderr: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    func finish() -> (status: Int32, stderr: String) {
        process.waitUntilExit()
        done.wait()  // the pipe's end-of-file: tessera's last words are read
        return (process.terminationStatus, stderr)
    }
}
