import Foundation
import TestSupport
import Testing

/// `examples/web/`: a static page on its own origin fetches its hero and promo slots from the
/// server in headless Chromium, which allows it only with `--cors-origin`.
@Suite(.serialized) struct WebExampleTests {
    static func open(_ site: StaticSite, server: ServerProcess, visitor: String) throws -> DevToolsBrowser {
        let chromium = try #require(LivePreviewTests.chromium, "TESSERA_REQUIRE_CHROMIUM=1 but Chromium was not found: apt-get install chromium")
        return try DevToolsBrowser(
            chromium, url: "http://127.0.0.1:\(site.port)/index.html?server=http://127.0.0.1:\(server.port)&visitor=\(visitor)")
    }

    @Test(.enabled(if: LivePreviewTests.chromium != nil || LivePreviewTests.required, "headless Chromium not found (apt-get install chromium)"))
    func thePageFetchesItsSlotsFromTheServer() throws {
        let site = try StaticSite(folder: Corpus.project("examples/web"))
        let server = try ServerProcess(["--no-watch", "--cors-origin", "http://127.0.0.1:\(site.port)"])
        let browser = try Self.open(site, server: server, visitor: "member")
        #expect(try browser.waitUntil("['loaded', 'error'].includes(document.body && document.body.dataset.state)", seconds: 60))
        #expect(try browser.evaluate("document.body.dataset.state") as? String == "loaded")
        // The member's hero, placed in the page's own layout, with its fragment's styles.
        #expect(try browser.evaluate("document.body.dataset.blocks") as? String == "page-hero-member page-promo-trails")
        let hero = try browser.evaluate("document.getElementById('hero').innerText") as? String ?? ""
        #expect(hero.contains("Ada"), "hero: \(hero.prefix(200))")
        #expect(try browser.evaluate("document.querySelectorAll('#hero style').length > 0") as? Bool == true)
        #expect(try browser.evaluate("document.getElementById('status').textContent.includes('project ')") as? Bool == true)
        #expect(server.terminate() == 0)
    }

    @Test(.enabled(if: LivePreviewTests.chromium != nil || LivePreviewTests.required, "headless Chromium not found (apt-get install chromium)"))
    func withoutCORSTheBrowserKeepsThePageOut() throws {
        let site = try StaticSite(folder: Corpus.project("examples/web"))
        let server = try ServerProcess(["--no-watch"])
        let browser = try Self.open(site, server: server, visitor: "anonymous")
        #expect(try browser.waitUntil("['loaded', 'error'].includes(document.body && document.body.dataset.state)", seconds: 60))
        #expect(try browser.evaluate("document.body.dataset.state") as? String == "error")
        #expect(try browser.evaluate("document.getElementById('hero').innerHTML") as? String == "")
        #expect(server.terminate() == 0)
    }

    @Test func preflightIsAnsweredForAllowedOriginsOnly() throws {
        let server = try ServerProcess(["--no-watch", "--cors-origin", "https://www.example.com"])
        let allowed = try server.request(
            "OPTIONS", "/v1/render", headers: ["Origin": "https://www.example.com", "Access-Control-Request-Method": "POST"])
        #expect(allowed.status == 204)
        #expect(allowed.header("access-control-allow-origin") == "https://www.example.com")
        #expect(allowed.header("access-control-allow-headers")?.contains("Authorization") == true)
        let other = try server.request("OPTIONS", "/v1/render", headers: ["Origin": "https://evil.example", "Access-Control-Request-Method": "POST"])
        #expect(other.status == 405 && other.header("access-control-allow-origin") == nil)
        let render = try server.request(
            "POST", "/v1/render?template=home-hero", headers: ["Origin": "https://www.example.com"], body: Array(#"{"id":"v1"}"#.utf8))
        #expect(render.status == 200)
        #expect(render.header("access-control-allow-origin") == "https://www.example.com")
        #expect(render.header("access-control-expose-headers")?.contains("Tessera-Context") == true)
        #expect(server.terminate() == 0)
    }
}

/// A static file server for one folder on a free loopback port: the page's own origin.
final class StaticSite: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let folder: URL

    init(folder: URL) throws {
        self.folder = folder
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw ServeTestError("static site: cannot listen (\(errno))") }
        port = Int(UInt16(bigEndian: addr.sin_port))
        Thread.detachNewThread { Self.serve(fd, folder) }
    }

    private static func serve(_ listener: Int32, _ folder: URL) {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 { return }
            var request = [UInt8](repeating: 0, count: 8192)
            let n = read(fd, &request, request.count)
            let line = String(decoding: request[..<max(0, n)], as: UTF8.self).split(separator: "\r\n").first ?? ""
            let path = line.split(separator: " ").dropFirst().first.map { String($0.split(separator: "?").first ?? "") } ?? "/"
            let name = path == "/" ? "index.html" : String(path.dropFirst())
            var head: String
            var body = Data()
            if !name.contains("/"), let data = try? Data(contentsOf: folder.appendingPathComponent(name)) {
                body = data
                head = "HTTP/1.1 200 OK\r\nContent-Type: \(name.hasSuffix(".html") ? "text/html; charset=utf-8" : "application/octet-stream")\r\n"
            } else {
                head = "HTTP/1.1 404 Not Found\r\n"
            }
            head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            let bytes = Array(head.utf8) + Array(body)
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
    }

    deinit { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }
}
