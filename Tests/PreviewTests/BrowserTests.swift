import Foundation
import Testing

@testable import Preview

/// The contact sheet in a real browser: headless Chromium opens index.html from disk (file://,
/// no server, no network). Without Chromium the tests are disabled (reported as skipped) unless
/// TESSERA_REQUIRE_CHROMIUM=1, when they fail saying how to install it.
@Suite("Preview in headless Chromium")
struct BrowserTests {
    static let chromium = Chromium.find()
    static let required = ProcessInfo.processInfo.environment["TESSERA_REQUIRE_CHROMIUM"] == "1"
    static let runnable = chromium != nil || required

    static func browser() -> URL? {
        if let c = chromium { return c }
        Issue.record(
            "TESSERA_REQUIRE_CHROMIUM=1 but headless Chromium was not found: install it with `apt-get install chromium` (or set TESSERA_CHROMIUM)")
        return nil
    }

    @Test(.enabled(if: runnable, "headless Chromium not found (apt-get install chromium)"))
    func everyFrameRendersAndTheSheetIsNotBlank() throws {
        guard let chromium = Self.browser() else { return }
        let r = try PreviewFixture.preview("welcome", segments: ["vip"])
        let folder = PreviewFixture.temporaryFolder("browser")
        try PreviewFiles.write(r, to: folder)
        let index = folder.appendingPathComponent("index.html")
        let cards = try String(contentsOf: index, encoding: .utf8).components(separatedBy: "<article class=\"card\"").count - 1
        #expect(cards == r.segments[0].permutations.count)

        // The page's script loads every frame (#eager) and records how many show content.
        let dom = try Self.run(
            chromium,
            Chromium.arguments(chromium, width: 1400, height: 1000) + ["--virtual-time-budget=60000", "--dump-dom", index.absoluteString + "#eager"])
        let frames = try #require(dom.firstMatch(of: /data-frames="(\d+)\/(\d+)"/), "no data-frames attribute in the DOM")
        print("preview-browser: \(frames.1)/\(frames.2) frames with rendered content (\(cards) permutations at 600 and 375 px)")
        #expect(Int(frames.2) == 2 * cards)
        #expect(frames.1 == frames.2)

        // A screenshot of the sheet as opened: not blank.
        let png = folder.appendingPathComponent("sheet.png")
        try Chromium.screenshot(chromium, url: index, png: png, width: 1400, height: 1500)
        let stats = try PNGStats.of(png)
        print(
            "preview-browser: sheet screenshot \(stats.width)x\(stats.height), \(stats.distinctColors) colours, \(Int(stats.nonBackground * 100))% not background"
        )
        #expect(stats.width == 1400)
        #expect(stats.distinctColors > 50)
        #expect(stats.nonBackground > 0.2)
    }

    @Test(.enabled(if: runnable, "headless Chromium not found (apt-get install chromium)"))
    func thumbnailsAreNotBlank() throws {
        guard let chromium = Self.browser() else { return }
        let r = PreviewFixture.shipped["home-hero"]!
        let folder = PreviewFixture.temporaryFolder("thumbs")
        try PreviewFiles.write(r, to: folder)
        let shots = try Chromium.thumbnails(r, folder: folder, chromium: chromium) { _ in }
        try PreviewFiles.write(r, to: folder, thumbnails: shots)
        #expect(shots.count == r.permutations.count)
        for (id, path) in shots.sorted(by: { $0.key < $1.key }) {
            let stats = try PNGStats.of(folder.appendingPathComponent(path))
            #expect(stats.distinctColors > 20 && stats.nonBackground > 0.05, "\(id): looks blank (\(stats))")
        }
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        for id in shots.keys { #expect(html.contains("<img src=\"p/\(id).png\"")) }
    }

    @Test func missingChromiumSaysHowToInstall() {
        #expect(Chromium.find(environment: ["PATH": "/nonexistent", "TESSERA_CHROMIUM": "/nonexistent/chromium"]) == nil)
        #expect(Chromium.missingMessage.contains("apt-get install chromium"))
    }

    static func run(_ exe: URL, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
