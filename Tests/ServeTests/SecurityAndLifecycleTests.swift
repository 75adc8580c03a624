import Foundation
import TestSupport
import Testing

/// Tokens and scopes, the loopback rule, the limits, graceful stop and reload under load.
@Suite(.serialized) struct SecurityAndLifecycleTests {
    static let visitor = Array(#"{"id":"v1","locale":"en-US","market":"US","decision":{"template":"home-hero"},"profile":{"first_name":"Ada"}}"#.utf8)

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("serve-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func tokensAndScopes() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tokens = dir.appendingPathComponent("tokens")
        try "# reader and renderer\nread rrrrrrrrrrrrrrrrrrrrrrrr\nrender,read wwwwwwwwwwwwwwwwwwwwwwww\n* aaaaaaaaaaaaaaaaaaaaaaaa\n".write(
            to: tokens, atomically: true, encoding: .utf8)
        let server = try ServerProcess(["--no-watch", "--tokens", tokens.path])
        func render(_ token: String?) throws -> HTTPAnswer {
            try server.request("POST", "/v1/render", headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:], body: Self.visitor)
        }
        let none = try render(nil)
        #expect(none.status == 401 && none.header("WWW-Authenticate") == "Bearer" && none.text.contains("auth.token"))
        #expect(try render("rrrrrrrrrrrrrrrrrrrrrrrX").status == 401)
        #expect(try render("rrrrrrrrrrrrrrrrrrrrrrr").status == 401)  // a prefix is not the token
        let forbidden = try render("rrrrrrrrrrrrrrrrrrrrrrrr")
        #expect(forbidden.status == 403 && forbidden.text.contains("'render'"))
        #expect(try render("wwwwwwwwwwwwwwwwwwwwwwww").status == 200)
        #expect(try render("aaaaaaaaaaaaaaaaaaaaaaaa").status == 200)
        #expect(try server.request("GET", "/v1/brand", headers: ["Authorization": "Bearer rrrrrrrrrrrrrrrrrrrrrrrr"]).status == 200)
        #expect(
            try server.request("POST", "/v1/lint", headers: ["Authorization": "Bearer wwwwwwwwwwwwwwwwwwwwwwww"], body: Array("{}".utf8)).status
                == 403)
        #expect(try server.request("GET", "/healthz").status == 200)  // probes need no token
    }

    @Test func refusesToStartBadly() throws {
        let binary = try #require(ServerProcess.binary)
        func start(_ args: [String]) throws -> (Int32, String) {
            let p = Process()
            p.executableURL = binary
            p.arguments = ["serve", "--project", Corpus.packageRoot.path, "--port", "0"] + args
            let err = Pipe()
            p.standardError = err
            try p.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            return (p.terminationStatus, text)
        }
        let (status, text) = try start(["--host", "0.0.0.0"])
        #expect(status == 2 && text.contains("--host 0.0.0.0 is not a loopback address") && text.contains("--tokens"))
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tokens = dir.appendingPathComponent("tokens")
        try "write short\n".write(to: tokens, atomically: true, encoding: .utf8)
        let (s2, t2) = try start(["--tokens", tokens.path])
        #expect(s2 == 2 && t2.contains("\(tokens.path):1: unknown scope 'write'"))
    }

    /// A request whose body is held back occupies its slot (and, past the timeout, gets 503).
    @Test func concurrencyAndRequestTimeLimits() throws {
        let server = try ServerProcess(["--no-watch", "--max-concurrent", "1", "--request-timeout", "1"])
        let held = try RawHTTP.connect(port: server.port)
        defer { close(held) }
        try RawHTTP.send(held, RawHTTP.head("POST", "/v1/render", headers: [:], contentLength: Self.visitor.count) + Self.visitor.prefix(10))
        Thread.sleep(forTimeInterval: 0.3)
        let refused = try server.request("POST", "/v1/render", body: Self.visitor)
        #expect(refused.status == 429 && refused.header("Retry-After") == "1" && refused.text.contains("--max-concurrent"))
        #expect(try server.request("GET", "/healthz").status == 200)  // probes pass the limit
        let timedOut = try RawHTTP.readAnswer(held)
        #expect(timedOut.status == 503 && timedOut.text.contains("limit.request-time"))
        #expect(try server.request("POST", "/v1/render", body: Self.visitor).status == 200)
    }

    /// SIGTERM stops accepting, lets the requests in flight finish, and exits 0.
    @Test func sigtermFinishesRequestsInFlight() throws {
        let server = try ServerProcess(["--no-watch"])
        let inFlight = try (0..<3).map { _ in try RawHTTP.connect(port: server.port) }
        defer { inFlight.forEach { close($0) } }
        for fd in inFlight {
            try RawHTTP.send(fd, RawHTTP.head("POST", "/v1/render", headers: [:], contentLength: Self.visitor.count) + Self.visitor.prefix(20))
        }
        Thread.sleep(forTimeInterval: 0.3)
        kill(server.process.processIdentifier, SIGTERM)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(server.process.isRunning, "the server exited with requests in flight")
        for fd in inFlight { try RawHTTP.send(fd, Array(Self.visitor.dropFirst(20))) }
        for fd in inFlight {
            let a = try RawHTTP.readAnswer(fd)
            #expect(a.status == 200 && a.header("Tessera-Status") != nil)
        }
        #expect(server.waitForExit(30) == 0)
    }

    /// Requests while the project changes 20 times (one change does not compile): no 5xx, and
    /// every answer comes from one project (its context hash always goes with the same copy).
    @Test func reloadUnderLoad() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for folder in ["brand", "templates", "blocks"] {
            try FileManager.default.copyItem(at: Corpus.project(folder), to: dir.appendingPathComponent(folder))
        }
        let block = dir.appendingPathComponent("blocks/page-hero-default.mjml")
        let original = try String(contentsOf: block, encoding: .utf8)
        let server = try ServerProcess(["--watch-interval", "0.1"], project: dir.path)
        let anonymous = Array(#"{"id":"v2","locale":"en-US","market":"US","decision":{"template":"home-hero"}}"#.utf8)
        let marker = try #require(Self.marker(in: try server.request("POST", "/v1/render", headers: ["Accept": "text/html"], body: anonymous).text))

        let load = Load()
        let group = DispatchGroup()
        for _ in 0..<2 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var count = 0
                while count < 20_000 {
                    if load.stopped { break }
                    count += 1
                    guard let a = try? server.request("POST", "/v1/render", headers: ["Accept": "text/html"], body: anonymous) else { continue }
                    load.add((a.status, a.header("Tessera-Context"), Self.marker(in: a.text)))
                }
            }
        }
        var contexts: Set<String> = [try server.request("GET", "/readyz").json?["context_hash"] as? String ?? ""]
        for i in 1...20 {
            let broken = i == 10
            let text =
                broken
                ? "---\nid: page-hero-default\nslot: [unterminated\n---\n<mj-section/>\n"
                : original.replacingOccurrences(of: marker, with: "\(marker) v\(i)")
            try text.write(to: block, atomically: true, encoding: .utf8)
            // Wait for the reload to be seen (a failed one: its errors on /readyz).
            let deadline = Date(timeIntervalSinceNow: 30)
            while Date() < deadline {
                let ready = try server.request("GET", "/readyz").json ?? [:]
                let errors = ready["errors"] as? [String] ?? []
                if broken, !errors.isEmpty {
                    #expect(errors.contains { $0.hasPrefix("blocks/page-hero-default.mjml:") }, "\(errors)")
                    break
                }
                if !broken, errors.isEmpty, let hash = ready["context_hash"] as? String, !contexts.contains(hash) {
                    contexts.insert(hash)
                    break
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        load.stop()
        group.wait()
        let answers = load.answers
        #expect(answers.count > 40, "too few requests ran during the reloads: \(answers.count)")
        #expect(answers.allSatisfy { $0.status < 500 }, "5xx during reloads: \(answers.filter { $0.status >= 500 }.prefix(3))")
        var byContext: [String: String] = [:]
        for a in answers {
            guard let c = a.context, let m = a.marker else { Issue.record("answer without context or marker"); continue }
            if let seen = byContext[c] { #expect(seen == m, "context \(c) answered with two copies: \(seen) and \(m)") } else { byContext[c] = m }
        }
        #expect(byContext.count >= 10, "the answers saw only \(byContext.count) projects")
        let ready = try server.request("GET", "/readyz").json ?? [:]
        #expect(ready["failed_reloads"] as? Int == 1)
    }

    /// The default hero's first text with a version suffix, as the page shows it.
    static func marker(in html: String) -> String? {
        guard let r = html.range(of: #"Built for the long way round[^<]*"#, options: .regularExpression) else { return nil }
        return String(html[r])
    }
}

/// The answers of the load threads, and their stop flag.
final class Load: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [(status: Int, context: String?, marker: String?)] = []
    private var done = false
    var stopped: Bool { lock.lock(); defer { lock.unlock() }; return done }
    var answers: [(status: Int, context: String?, marker: String?)] { lock.lock(); defer { lock.unlock() }; return list }
    func stop() { lock.lock(); done = true; lock.unlock() }
    func add(_ a: (status: Int, context: String?, marker: String?)) { lock.lock(); list.append(a); lock.unlock() }
}
