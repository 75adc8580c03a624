import Foundation
import TestSupport
import Testing

/// The live preview at `/preview/`: pages over HTTP, and an open page in headless Chromium that
/// follows the project on disk (server-sent events, no manual reload).
@Suite(.serialized) struct LivePreviewTests {
    static let now = "2026-11-23T09:00:00Z"
    static let chromium = DevToolsBrowser.find()
    static let required = ProcessInfo.processInfo.environment["TESSERA_REQUIRE_CHROMIUM"] == "1"

    /// A copy of the project (brand, templates, blocks, sample recipients) the test may edit.
    static func projectCopy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("preview-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("examples"), withIntermediateDirectories: true)
        for folder in ["brand", "templates", "blocks"] {
            try FileManager.default.copyItem(at: Corpus.project(folder), to: dir.appendingPathComponent(folder))
        }
        try FileManager.default.copyItem(
            at: Corpus.project("examples/recipients.ndjson"), to: dir.appendingPathComponent("examples/recipients.ndjson"))
        return dir
    }

    @Test func pagesShowTemplatesContactSheetsAndARecipientWithItsExplanation() throws {
        let server = try ServerProcess(["--no-watch"])
        let index = try server.request("GET", "/preview/")
        #expect(index.status == 200 && index.header("content-type")?.hasPrefix("text/html") == true)
        for id in ["welcome", "home-hero", "winback"] { #expect(index.text.contains("href=\"/preview/t/\(id)/\"")) }
        #expect(index.text.contains("<tr data-block=\"page-hero-default\">"))

        #expect(try server.request("GET", "/preview/t/home-hero").status == 308)
        let sheet = try server.request("GET", "/preview/t/home-hero/?now=\(Self.now)")
        #expect(sheet.status == 200)
        // Preview's own contact sheet (its cards and frames), with the live parts added.
        #expect(sheet.text.contains("<article class=\"card\" data-perm=\"home-hero-"))
        #expect(sheet.text.contains("new EventSource(\"/preview/events\")"))
        let perm = try #require(sheet.text.firstMatch(of: /href="(p\/home-hero-[0-9a-f]{8}\.html)"/)).1
        let single = try server.request("GET", "/preview/t/home-hero/\(perm)?now=\(Self.now)")
        #expect(single.status == 200 && single.text.contains("<html"))

        let recipient = try server.request("GET", "/preview/r/r000001?now=\(Self.now)")
        #expect(recipient.status == 200)
        #expect(recipient.text.contains("<iframe width=\"600\"") && recipient.text.contains("<iframe width=\"375\""))
        #expect(recipient.text.contains("<pre class=\"explain\">recipient r000001"))
        #expect(try server.request("GET", "/preview/r/?id=r000001&now=\(Self.now)").status == 200)

        #expect(try server.request("GET", "/preview/r/nobody").status == 404)
        #expect(try server.request("GET", "/preview/t/nope/").status == 404)
        #expect(try server.request("GET", "/preview/t/home-hero/p/nope.html?now=\(Self.now)").status == 404)
        #expect(server.terminate() == 0)
    }

    @Test func previewNeedsThePreviewScopeAndKeepsABrowserTokenInACookie() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("preview-tokens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let tokens = dir.appendingPathComponent("tokens")
        try "preview pppppppppppppppppppppppp\nrender rrrrrrrrrrrrrrrrrrrrrrrr\n".write(to: tokens, atomically: true, encoding: .utf8)
        let server = try ServerProcess(["--no-watch", "--tokens", tokens.path])
        #expect(try server.request("GET", "/preview/").status == 401)
        #expect(try server.request("GET", "/preview/", headers: ["Authorization": "Bearer rrrrrrrrrrrrrrrrrrrrrrrr"]).status == 403)
        #expect(try server.request("GET", "/preview/", headers: ["Authorization": "Bearer pppppppppppppppppppppppp"]).status == 200)
        let first = try server.request("GET", "/preview/?access_token=pppppppppppppppppppppppp")
        #expect(first.status == 200)
        let cookie = try #require(first.header("set-cookie"))
        #expect(cookie.hasPrefix("tessera_preview=pppppppppppppppppppppppp;") && cookie.contains("HttpOnly") && cookie.contains("Path=/preview"))
        #expect(try server.request("GET", "/preview/", headers: ["Cookie": "tessera_preview=pppppppppppppppppppppppp"]).status == 200)
        // The cookie is the preview's only: the API still needs the header.
        #expect(try server.request("GET", "/v1/templates", headers: ["Cookie": "tessera_preview=pppppppppppppppppppppppp"]).status == 401)
        #expect(server.terminate() == 0)
    }

    /// The issue's bar: a block edited on disk changes the open page. Then a change that does
    /// not compile shows its errors with their place, and the fix clears them.
    @Test(.enabled(if: chromium != nil || required, "headless Chromium not found (apt-get install chromium)"))
    func anOpenPageFollowsTheProjectOnDisk() throws {
        let chromium = try #require(Self.chromium, "TESSERA_REQUIRE_CHROMIUM=1 but Chromium was not found: apt-get install chromium")
        let dir = try Self.projectCopy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try ServerProcess(["--watch-interval", "0.1"], project: dir.path)
        let browser = try DevToolsBrowser(chromium, url: "http://127.0.0.1:\(server.port)/preview/t/home-hero/?now=\(Self.now)")
        #expect(
            try browser.waitUntil(
                "document.querySelectorAll('article.card').length > 0 && document.body.innerHTML.includes('Built for the long way round')",
                seconds: 120))
        let stamp = try #require(try browser.evaluate("document.body.dataset.stamp") as? String)

        // Edit a block: new copy, and a link that is not https (a lint finding on that block).
        let block = dir.appendingPathComponent("blocks/page-hero-default.mjml")
        let original = try String(contentsOf: block, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "Built for the long way round", with: "Edited while the page was open")
            .replacingOccurrences(of: "https://www.larchwood.com/new", with: "http://www.larchwood.com/new")
        try edited.write(to: block, atomically: true, encoding: .utf8)
        let saved = Date()
        let changed = try browser.waitUntil(
            "document.body.dataset.stamp !== '\(stamp)' && document.body.innerHTML.includes('Edited while the page was open')", seconds: 60)
        #expect(changed)
        if changed {
            print("live-preview: the open page showed the edited block \(String(format: "%.2f", Date().timeIntervalSince(saved))) s after the save")
        }
        #expect(try browser.evaluate("document.body.innerHTML.includes('Built for the long way round')") as? Bool == false)
        #expect(
            try browser.waitUntil(
                "(document.querySelector('tr[data-block=\"page-hero-default\"]') || {}).textContent.includes('links.https')", seconds: 30))

        // A change that does not compile: the last good project stays, its errors are shown with file:line:col.
        try (edited + "{% if %}\n").write(to: block, atomically: true, encoding: .utf8)
        // The page is redrawn as the errors arrive: wait for errors and cards together (one
        // evaluation right after the errors showed could land between two redraws).
        #expect(
            try browser.waitUntil(
                "(document.querySelector('.errors') || {textContent: ''}).textContent.includes('blocks/page-hero-default.mjml:') && document.querySelectorAll('article.card').length > 0",
                seconds: 60))
        #expect(try browser.evaluate("document.body.innerHTML.includes('Edited while the page was open')") as? Bool == true)

        try original.write(to: block, atomically: true, encoding: .utf8)
        #expect(
            try browser.waitUntil(
                "document.querySelector('.errors') === null && document.body.innerHTML.includes('Built for the long way round')", seconds: 60))
        #expect(server.terminate() == 0)
    }
}
