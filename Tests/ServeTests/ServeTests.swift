import Foundation
import TestSupport
import Testing

/// `tessera serve` as a client meets it: a child process on a free port.
@Suite(.serialized) struct ServeTests {
    static let now = "2026-11-23T09:00:00Z"
    static let samples = Corpus.project("examples/recipients.ndjson")

    static func sampleLines() throws -> [[UInt8]] {
        let data = try Data(contentsOf: samples)
        return data.split(separator: 0x0A).map { Array($0) }
    }

    /// `tessera render` of the sample file: the reference records, one a line.
    static func cliRecords() throws -> [[UInt8]] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("serve-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.ndjson")
        let p = Process()
        p.executableURL = try #require(ServerProcess.binary)
        p.arguments = [
            "render", "--project", Corpus.packageRoot.path, "--recipients", samples.path, "--now", now, "--out", out.path, "--quiet", "--jobs", "1",
        ]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return try Data(contentsOf: out).split(separator: 0x0A).map { Array($0) + [0x0A] }
    }

    @Test func renderIsByteIdenticalToTheCLIOnTheSampleRecipients() throws {
        let server = try ServerProcess(["--no-watch"])
        let lines = try Self.sampleLines()
        let reference = try Self.cliRecords()
        #expect(lines.count == 500 && reference.count == 500)
        var differing: [Int] = []
        var rejected = 0
        for (i, line) in lines.enumerated() {
            let a = try server.request("POST", "/v1/render?now=\(Self.now)", headers: ["Content-Type": "application/json"], body: line)
            #expect(a.header("Tessera-Context")?.count == 16)
            // A line the CLI rejects (the sample has some) is a 400 with the same reason code.
            if let o = try? JSONSerialization.jsonObject(with: Data(reference[i])) as? [String: Any], o["status"] as? String == "rejected" {
                rejected += 1
                let code = ((o["reasons"] as? [[String: Any]])?.first?["code"] as? String) ?? "?"
                #expect(a.status == 400 && (a.json?["error"] as? [String: Any])?["code"] as? String == code, "line \(i + 1): \(a.text.prefix(300))")
                continue
            }
            #expect(a.status == 200, "line \(i + 1): \(a.status) \(a.text.prefix(300))")
            if a.body != reference[i] { differing.append(i + 1) }
        }
        #expect(rejected == 9)
        #expect(differing.isEmpty, "records differ from tessera render on lines \(differing.prefix(10))")
    }

    @Test func batchStreamsTheCLIBytes() throws {
        let server = try ServerProcess(["--no-watch"])
        let body = [UInt8](try Data(contentsOf: Self.samples))
        let a = try server.request("POST", "/v1/render/batch?now=\(Self.now)", headers: ["Content-Type": "application/x-ndjson"], body: body)
        #expect(a.status == 200)
        #expect(a.body == Array(try Self.cliRecords().joined()))
    }

    @Test func htmlAndSlotsAndHeaders() throws {
        let server = try ServerProcess(["--no-watch"])
        let visitor = Array(
            #"{"id":"v1","locale":"en-US","market":"US","decision":{"template":"home-hero"},"profile":{"first_name":"Ada","loyalty_tier":"summit","points_balance":1200}}"#
                .utf8)
        let html = try server.request(
            "POST", "/v1/render?now=\(Self.now)", headers: ["Accept": "text/html", "X-Request-Id": "abc-123"], body: visitor)
        #expect(html.status == 200)
        #expect(html.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(html.header("Tessera-Status") == "rendered")
        #expect(html.header("X-Request-Id") == "abc-123")
        #expect(html.text.hasPrefix("<!doctype html>") && html.text.contains("Welcome back, Ada"))
        let slots = try server.request("POST", "/v1/render?now=\(Self.now)&slots=hero,promo", body: visitor)
        #expect(slots.status == 200)
        let o = try #require(slots.json)
        let fragments = try #require(o["slots"] as? [String: String])
        #expect(fragments["hero"]?.contains("Welcome back, Ada") == true)
        #expect(fragments["hero"]?.contains("<body") == false && fragments["hero"]?.contains("<html") == false)
        #expect(fragments.keys.sorted() == ["hero", "promo"])
        #expect(o["status"] as? String == "rendered" && o["claims"] is [Any] && o["reasons"] is [Any])
        let unknown = try server.request("POST", "/v1/render?slots=sidebar", body: visitor)
        #expect(unknown.status == 400 && unknown.json?["error"] != nil && unknown.text.contains("slot.unknown"))
    }

    @Test func errorsAreJSONWithTheRightStatus() throws {
        let server = try ServerProcess(["--no-watch", "--max-body-bytes", "2000"])
        func error(_ a: HTTPAnswer) -> [String: Any]? { a.json?["error"] as? [String: Any] }
        let notFound = try server.request("GET", "/v1/nothing")
        #expect(notFound.status == 404 && error(notFound)?["code"] as? String == "route.unknown")
        let method = try server.request("GET", "/v1/render")
        #expect(method.status == 405 && method.header("Allow") == "POST")
        let badJSON = try server.request("POST", "/v1/render", body: Array(#"{"id": "x", "#.utf8))
        #expect(badJSON.status == 400 && error(badJSON)?["code"] as? String == "record.invalid-json")
        #expect((error(badJSON)?["message"] as? String)?.contains("line 1:") == true)
        let noID = try server.request("POST", "/v1/render", body: Array(#"{"email": "a@b.c"}"#.utf8))
        #expect(noID.status == 400 && error(noID)?["code"] as? String == "record.missing-id")
        let template = try server.request("POST", "/v1/render?template=../../etc/passwd", body: Array(#"{"id":"x"}"#.utf8))
        #expect(
            template.status == 404 && error(template)?["code"] as? String == "template.unknown"
                && error(template)?["location"] as? String == "template")
        let now = try server.request("POST", "/v1/render?now=yesterday", body: Array(#"{"id":"x"}"#.utf8))
        #expect(now.status == 400 && error(now)?["location"] as? String == "now")
        let big = try server.request("POST", "/v1/render", body: [UInt8](repeating: 0x20, count: 5000))
        #expect(big.status == 413 && (error(big)?["message"] as? String)?.contains("--max-body-bytes") == true)
        let market = try server.request("GET", "/v1/claims?market=ZZ")
        #expect(market.status == 400 && error(market)?["code"] as? String == "market.unknown")
        let claim = try server.request("GET", "/v1/claims/no-such-claim")
        #expect(claim.status == 404)
        let lintPath = try server.request("POST", "/v1/lint", body: Array(#"{"path": "../brand/brand.yaml", "source": "x"}"#.utf8))
        #expect(lintPath.status == 422 && error(lintPath)?["location"] as? String == "path")
        // Still alive and well after all of that.
        #expect(try server.request("GET", "/healthz").status == 200)
    }

    @Test func readEndpointsAnswer() throws {
        let server = try ServerProcess(["--no-watch"])
        let claims = try server.request("GET", "/v1/claims?market=CA&locale=fr-CA&on=2026-11-23")
        #expect(claims.status == 200)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(claims.body)) as? [[String: Any]])
        #expect(!list.isEmpty && list.allSatisfy { $0["locale"] as? String == "fr-CA" })
        let id = try #require(list.first?["id"] as? String)
        #expect(try server.request("GET", "/v1/claims/\(id)").json?["id"] as? String == id)
        #expect(try server.request("GET", "/v1/brand").json?["name"] as? String == "Larchwood Outfitters")
        let templates = try #require(
            try JSONSerialization.jsonObject(with: Data(try server.request("GET", "/v1/templates").body)) as? [[String: Any]])
        #expect(templates.contains { $0["id"] as? String == "welcome" })
        let blocks = try #require(try JSONSerialization.jsonObject(with: Data(try server.request("GET", "/v1/blocks").body)) as? [[String: Any]])
        #expect(blocks.contains { $0["id"] as? String == "hero-welcome" })
        let ready = try server.request("GET", "/readyz")
        #expect(ready.status == 200 && ready.json?["ready"] as? Bool == true && (ready.json?["errors"] as? [Any])?.isEmpty == true)
        let explain = try server.request("POST", "/v1/explain?now=\(Self.now)", body: try Self.sampleLines()[0])
        #expect(explain.status == 200 && (explain.json?["explanation"] as? String)?.contains("status: ") == true)
        let metrics = try server.request("GET", "/metrics")
        #expect(metrics.text.contains(#"tessera_http_requests_total{route="/v1/claims",status="200"} 1"#))
        #expect(metrics.text.contains("tessera_http_request_duration_seconds_bucket{route=\"/v1/brand\""))
        let openapi = try server.request("GET", "/openapi.yaml")
        #expect(openapi.body == [UInt8](try Data(contentsOf: Corpus.project("openapi.yaml"))))
        let lint = try server.request("POST", "/v1/lint", body: Array(Self.proposedBlock.utf8))
        #expect(lint.status == 200)
        #expect(lint.text.contains("links.https") && lint.text.contains("blocks/proposed.mjml"))
        #expect(!FileManager.default.fileExists(atPath: Corpus.project("blocks/proposed.mjml").path))
        let sarif = try server.request("POST", "/v1/lint", headers: ["Accept": "application/sarif+json"], body: Array(Self.proposedBlock.utf8))
        #expect(sarif.json?["version"] as? String == "2.1.0")
        // One JSON access line per request on stderr.
        Thread.sleep(forTimeInterval: 0.2)
        let access = server.stderr.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let brandLine = try #require(access.first { $0["route"] as? String == "/v1/brand" })
        for key in ["method", "route", "status", "ms", "context", "request_id"] { #expect(brandLine[key] != nil, "access line lacks \(key)") }
    }

    static let proposedBlock =
        #"{"path": "blocks/proposed.mjml", "source": "---\nid: proposed\nslot: main\ntags: [story]\npriority: 1\n---\n<mj-section><mj-column><mj-text>Read <a href=\"http://www.larchwood.com/stories?utm_source=larchwood&utm_medium=email&utm_campaign=x\">our story</a>.</mj-text></mj-column></mj-section>\n"}"#
}
