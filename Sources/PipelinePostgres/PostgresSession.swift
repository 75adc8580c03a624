import Foundation
import Logging
import NIOCore
import NIOSSL
import Pipeline
import PostgresNIO

/// One connection to the journal's database, used by one thread at a time, with blocking
/// calls (the pipeline's writer is a plain thread). When the connection is lost (the server
/// restarts, a failover, the network), `withRetry` reconnects with backoff for up to
/// `PostgresLocation.retrySeconds` and runs the operation again; `reconnected` re-takes what a
/// session holds (the run's lock).
package final class PostgresSession: @unchecked Sendable {
    let location: PostgresLocation
    private let password: String?
    private var connection: PostgresConnection? {
        didSet { unanswered = connection.map(Unanswered.init) }
    }
    /// The statements of `connection` waiting for their results.
    private var unanswered: Unanswered?
    let logger = Logger(label: "tessera.journal.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// Called on each new connection after the first (re-take session locks).
    var reconnected: (PostgresSession) throws -> Void = { _ in }
    /// Messages about waiting for the server (not errors).
    var notice: (String) -> Void = { _ in }

    /// Connects once: an unreachable server is an error at once (before a run writes anything).
    package init(_ location: PostgresLocation) throws {
        self.location = location
        password = try location.password()
        let c = try connect()
        connection = c
        unanswered = Unanswered(c)  // an initializer's assignment does not run didSet
    }

    deinit { try? connection?.close().wait() }

    package func close() {
        try? connection?.close().wait()
        connection = nil
    }

    private func configuration() throws -> PostgresConnection.Configuration {
        var tls = PostgresConnection.Configuration.TLS.disable
        if location.sslMode != .disable {
            var c = TLSConfiguration.makeClientConfiguration()
            switch location.sslMode {
            case .disable, .prefer, .require: c.certificateVerification = .none
            case .verifyCA: c.certificateVerification = .noHostnameVerification
            case .verifyFull: c.certificateVerification = .fullVerification
            }
            if let root = location.sslRootCert { c.trustRoots = .file(root) }
            let context = try NIOSSLContext(configuration: c)
            tls = location.sslMode == .prefer ? .prefer(context) : .require(context)
        }
        var config = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user,
            password: password, database: location.database, tls: tls)
        config.options.connectTimeout = .milliseconds(Int64(location.connectTimeout * 1000))
        return config
    }

    private func connect() throws -> PostgresConnection {
        let config: PostgresConnection.Configuration
        do { config = try configuration() } catch {
            throw JournalError("journal \(location.display): cannot set up TLS: \(error)")
        }
        let logger = self.logger
        do {
            return try Self.blocking { try await PostgresConnection.connect(configuration: config, id: 1, logger: logger) }
        } catch {
            throw JournalError("cannot reach the journal database \(location.display): \(Self.describe(error))")
        }
    }

    /// The open connection (reconnecting if it was lost).
    func current() throws -> PostgresConnection {
        if let c = connection, !c.isClosed { return c }
        connection = nil
        let c = try connect()
        connection = c
        try reconnected(self)
        return c
    }

    /// Runs `body` on the connection; when the connection is lost, waits for the server with
    /// backoff (0.1 s doubling to 5 s) and runs it again, up to `retrySeconds` in all.
    /// `body` must be safe to run again after a lost connection (the journal's writes check
    /// what was committed first: `again` is true then).
    package func withRetry<T>(_ what: String, _ body: (PostgresConnection, _ again: Bool) throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(location.retrySeconds)
        var delay = 0.1
        var again = false
        var told = false
        while true {
            do {
                let c = try current()
                let result = try body(c, again)
                if told { notice("journal \(location.display) is back: the run continues") }
                return result
            } catch {
                guard Self.isConnectionLoss(error) else { throw Self.journalError(error, what, location) }
                try? connection?.close().wait()
                connection = nil
                again = true
                guard Date() < deadline else {
                    throw JournalError(
                        "journal \(location.display) unreachable for \(Int(location.retrySeconds)) s while \(what) (\(Self.describe(error))): giving up (wait longer with retry=SECONDS in the --journal URL); resume the run with --resume once the database is back"
                    )
                }
                if !told {
                    notice(
                        "journal \(location.display) unreachable while \(what) (\(Self.describe(error))): the run pauses and retries for up to \(Int(location.retrySeconds)) s"
                    )
                    told = true
                }
                Thread.sleep(forTimeInterval: delay)
                delay = min(delay * 2, 5)
            }
        }
    }

    /// One statement, its rows collected.
    package func rows(_ query: PostgresQuery, on c: PostgresConnection) throws -> [PostgresRow] {
        try send(query, on: c).wait().rows
    }

    /// Statements sent one after another without waiting for each result (one wait for all);
    /// the first failure is thrown.
    package func pipelined(_ queries: [PostgresQuery], on c: PostgresConnection) throws -> [[PostgresRow]] {
        let futures = try queries.map { try send($0, on: c) }
        var out: [[PostgresRow]] = []
        var failure: Error?
        for f in futures {
            do { out.append(try f.wait().rows) } catch {
                if failure == nil { failure = error }
                out.append([])
            }
        }
        if let failure { throw failure }
        return out
    }

    /// A statement's result. postgres-nio gives a statement to the connection's channel with no
    /// promise for the write, so a statement sent on a connection that has closed (the server
    /// restarted between two statements of one step) would wait for its result for ever: such a
    /// connection is a lost one here, before anything is sent, and a statement still waiting when
    /// its connection closes fails (`Unanswered`).
    private func send(_ query: PostgresQuery, on c: PostgresConnection) throws -> EventLoopFuture<PostgresQueryResult> {
        guard c === connection, !c.isClosed, let unanswered else { throw ConnectionLost() }
        return unanswered.watch(c.query(query, logger: logger), on: c.eventLoop)
    }

    /// Errors that mean the connection (not the statement) failed: run it again on a new one.
    static func isConnectionLoss(_ error: Error) -> Bool {
        if error is ConnectionLost { return true }
        if let e = error as? PSQLError {
            switch e.code {
            case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown: return true
            case .server:
                // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting
                // up); class 08: connection exceptions.
                let state = e.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("57P") || state.hasPrefix("08")
            default: return false
            }
        }
        if let e = error as? JournalError { return e.description.hasPrefix("cannot reach the journal database") }
        return error is ChannelError || error is IOError
    }

    static func journalError(_ error: Error, _ what: String, _ location: PostgresLocation) -> Error {
        if error is JournalError { return error }
        return JournalError("journal \(location.display): \(what): \(describe(error))")
    }

    /// The server's message and SQLSTATE, or the client's error (PSQLError's own description
    /// hides both).
    static func describe(_ error: Error) -> String {
        if let e = error as? PSQLError {
            if let info = e.serverInfo, let message = info[.message] {
                return "\(message) (SQLSTATE \(info[.sqlState] ?? "?"))\(info[.detail].map { ": \($0)" } ?? "")"
            }
            if let u = e.underlying { return "\(e.code): \(u)" }
            return "\(e.code)"
        }
        if let e = error as? JournalError { return e.description }
        if error is ConnectionLost { return "the connection closed" }
        return "\(error)"
    }

    /// `COPY table(columns) FROM STDIN` of `rows` (text format) in the connection's open
    /// transaction. Like a statement (`send`), a COPY on a connection that closes fails rather
    /// than waiting for ever.
    package func copy(into table: String, columns: [String], _ rows: [UInt8], on c: PostgresConnection) throws {
        guard c === connection, !c.isClosed, let unanswered else { throw ConnectionLost() }
        let logger = self.logger
        let buffer = ByteBuffer(bytes: rows)
        let copied = c.eventLoop.makePromise(of: Void.self)
        copied.completeWithTask {
            try await c.copyFrom(table: table, columns: columns, logger: logger) { writer in try await writer.write(buffer) }
        }
        try unanswered.watch(copied.futureResult, on: c.eventLoop).wait()
    }

    /// Runs async work from a plain thread and waits for it.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}

/// The connection closed before a statement was sent or answered.
struct ConnectionLost: Error {}

/// Fails the statements still waiting for their results when their connection closes.
final class Unanswered: @unchecked Sendable {
    private let lock = NSLock()
    /// What fails each waiting promise, by watch number.
    private var waiting: [Int: (Error) -> Void] = [:]
    private var next = 0
    private var closed = false

    init(_ c: PostgresConnection) {
        c.closeFuture.whenComplete { [weak self] _ in self?.failAll() }
    }

    /// `result`, or ConnectionLost if the connection closes first.
    func watch<T: Sendable>(_ result: EventLoopFuture<T>, on loop: any EventLoop) -> EventLoopFuture<T> {
        let promise = loop.makePromise(of: T.self)
        let id: Int? = lock.withLock {
            if closed { return nil }
            next += 1
            waiting[next] = { promise.fail($0) }
            return next
        }
        guard let id else { promise.fail(ConnectionLost()); return promise.futureResult }
        result.whenComplete { [weak self] outcome in
            self?.lock.withLock { _ = self?.waiting.removeValue(forKey: id) }
            promise.completeWith(outcome)
        }
        return promise.futureResult
    }

    private func failAll() {
        let all = lock.withLock {
            closed = true
            defer { waiting.removeAll() }
            return Array(waiting.values)
        }
        for fail in all { fail(ConnectionLost()) }
    }
}
