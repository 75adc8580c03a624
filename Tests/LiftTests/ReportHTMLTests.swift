import Foundation
import Lift
import Preview
import Testing

/// `lift --format html`: one self-contained page with a forest plot per breakdown and the SRM
/// verdicts, checked as text and in headless Chromium (disabled without Chromium unless
/// TESSERA_REQUIRE_CHROMIUM=1, when it fails saying how to install it).
@Suite struct ReportHTMLTests {
    /// Two templates, three segments, a 50/50 experiment in one: 2 + 6 holdout comparisons and
    /// 1 + 3 experiment comparisons; the second template's split is off (SRM flagged).
    static func report() -> LiftReport {
        var settings = LiftSettings()
        settings.breakdowns = [.template, .experiment, .segment]
        var conversions = ConversionIndex()
        var rng = SeededGenerator(seed: 3)
        let randomizations = [
            Randomization(template: "welcome", experiment: "holdout", arms: ["holdout", "treatment"], weights: [0.1, 0.9]),
            Randomization(template: "welcome", experiment: "hero-test", arms: ["classic", "member"], weights: [1, 1]),
            Randomization(template: "winback", experiment: "holdout", arms: ["holdout", "treatment"], weights: [0.5, 0.5]),
        ]
        var exposures: [(ExposureProfile, UInt64)] = []
        for i in 0..<30_000 {
            let id = UInt64(i) &* 0x9E37_79B9_7F4A_7C15
            let template = i % 3 == 0 ? "winback" : "welcome"
            let held = template == "welcome" ? rng.unit() < 0.1 : rng.unit() < 0.4
            var items = ["holdout=\(held ? "holdout" : "treatment")"]
            if template == "welcome" { items.append("hero-test=\(rng.unit() < 0.5 ? "classic" : "member")") }
            let profile = ExposureProfile(
                template: template, sentAt: 0, assignments: items, segments: [["vip", "family", "rockies"][i % 3 == 0 ? 0 : i % 3]])
            if rng.unit() < (held ? 0.1 : 0.13) { conversions.add(idHash: id, at: 3_600, value: 50) }
            exposures.append((profile, id))
        }
        conversions.finish()
        let analysis = LiftAnalysis(settings: settings, randomizations: randomizations, conversions: conversions)
        for (p, id) in exposures { analysis.add(profile: analysis.profile(p), idHash: id) }
        return analysis.report()
    }

    static func count(_ s: String, _ needle: String) -> Int { s.components(separatedBy: needle).count - 1 }

    @Test func pageIsSelfContainedWithAForestPlotPerBreakdown() {
        let r = Self.report()
        let html = r.html(title: "Lift <test>")
        // Holdout: 2 templates, plus welcome in family and rockies, winback in vip; experiment: overall, family, rockies.
        #expect(r.comparisons.count == 5 + 3)
        let groups = Set(r.comparisons.map { "\($0.family) \($0.by.map(\.0))" })
        #expect(Self.count(html, "<svg class=\"forest\"") == groups.count)
        #expect(Self.count(html, "<circle class=\"estimate\"") == r.comparisons.filter { $0.relative.estimate != nil }.count)
        #expect(Self.count(html, "class=\"srm mismatch\"") == 1 && Self.count(html, "class=\"srm ok\"") == 2)
        #expect(html.contains("Lift &lt;test&gt;") && !html.contains("<test>"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href=") && !html.contains("@import"), "the page loads nothing")
    }

    @Test(
        .enabled(
            if: Chromium.find() != nil || ProcessInfo.processInfo.environment["TESSERA_REQUIRE_CHROMIUM"] == "1",
            "headless Chromium not found (apt-get install chromium)"))
    func chromiumRendersThePlotsAndVerdicts() throws {
        guard let chromium = Chromium.find() else {
            Issue.record(
                "TESSERA_REQUIRE_CHROMIUM=1 but headless Chromium was not found: install it with `apt-get install chromium` (or set TESSERA_CHROMIUM)"
            )
            return
        }
        let r = Self.report()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lift-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("lift.html"), blank = dir.appendingPathComponent("blank.html")
        try r.html(title: "Lift").write(to: page, atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><html><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)

        // The DOM as Chromium parsed it: every plot, point and interval is there.
        let dom = try Self.run(chromium, Chromium.arguments(chromium, width: 1200, height: 900) + ["--dump-dom", page.absoluteString])
        #expect(Self.count(dom, "<svg class=\"forest\"") == Set(r.comparisons.map { "\($0.family) \($0.by.map(\.0))" }).count)
        #expect(Self.count(dom, "<circle class=\"estimate\"") == r.comparisons.count)
        #expect(Self.count(dom, "<line class=\"ci\"") == r.comparisons.filter { $0.relative.ci != nil }.count)
        #expect(dom.contains("Mismatch"))

        // Painted, not blank: the screenshot of the report compresses far worse than a blank page's.
        let shot = dir.appendingPathComponent("lift.png"), empty = dir.appendingPathComponent("blank.png")
        try Chromium.screenshot(chromium, url: page, png: shot, width: 1200, height: 1600)
        try Chromium.screenshot(chromium, url: blank, png: empty, width: 1200, height: 1600)
        let (a, b) = (try Data(contentsOf: shot).count, try Data(contentsOf: empty).count)
        #expect(a > 5 * b, "report screenshot \(a) bytes, blank page \(b) bytes")
    }

    static func run(_ chromium: URL, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = chromium
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
