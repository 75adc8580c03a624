import Foundation
import TestSupport
import Testing

/// `tessera render --journal`, `generate-conversions` and `lift` as a user runs them, checked
/// against an independent count of the output and conversion files, and against gbstats.
@Suite(.serialized) struct LiftCommandTests {
    /// Conversion timestamps of generated files (whole seconds, UTC).
    static func seconds(_ iso: String) -> Double? { ISO8601DateFormatter().date(from: iso)?.timeIntervalSince1970 }

    struct Output {
        var heldOut: Bool?
        var arm: String?
        var hero: String?
    }

    /// id → what the NDJSON output says the recipient was assigned and got.
    static func outputs(_ path: String) throws -> [String: Output] {
        var out: [String: Output] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let r = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let codes = (r["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            let arm = (r["experiments"] as? [String: String])?["hero-test"]
            let hero = (r["blocks"] as? [String])?.first { $0.hasPrefix("hero-") }
            out[r["id"] as! String] = Output(heldOut: codes.contains("holdout.draw"), arm: arm, hero: hero)
        }
        return out
    }

    /// id → conversion times.
    static func conversions(_ path: String) throws -> [String: [Double]] {
        var out: [String: [Double]] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let c = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            out[c["id"] as! String, default: []].append(try #require(seconds(c["at"] as! String)))
        }
        return out
    }

    @Test func holdoutLiftCountsEveryDrawnRecipientAndOnlyConversionsInTheWindow() throws {
        let f = try LiftFixture()
        defer { f.remove() }
        let output = try f.render(try f.recipients(3_000), runID: "send-1")
        let conversions = f.path("conversions.ndjson")
        let g = try Tessera.run([
            "generate-conversions", "--journal", f.path("journal.sqlite"), "--lift", "0.3", "--base-rate", "0.1",
            "--late", "0.3", "--seed", "4", "--out", conversions,
        ])
        try #require(g.status == 0, "\(g.stderr)")
        let report = try Tessera.liftJSON(["--journal", f.path("journal.sqlite"), "--conversions", conversions, "--by", "template"])

        // Independent counts: holdout from the output's reasons, conversions within 7 days of --now.
        let sent = try #require(Self.seconds(LiftFixture.now))
        let byID = try Self.outputs(output), converted = try Self.conversions(conversions)
        var expected = [false: (n: 0, c: 0), true: (n: 0, c: 0)]
        var late = 0
        for (id, o) in byID {
            let times = converted[id] ?? []
            let inWindow = times.contains { $0 >= sent && $0 < sent + 7 * 86_400 }
            late += times.filter { $0 >= sent + 7 * 86_400 }.count
            expected[o.heldOut!]!.n += 1
            expected[o.heldOut!]!.c += inWindow ? 1 : 0
        }
        #expect(late > 100, "the generated file should hold conversions after the window (it has \(late))")
        let comparisons = try #require(report["comparisons"] as? [[String: Any]])
        try #require(comparisons.count == 1, "one comparison (holdout against treatment, welcome): \(comparisons.count)")
        let c = comparisons[0]
        #expect(c["by"] as? [String: String] == ["template": "welcome"])
        let control = try #require(c["control"] as? [String: Any]), treatment = try #require(c["treatment"] as? [String: Any])
        #expect(control["name"] as? String == "holdout" && treatment["name"] as? String == "treatment")
        #expect(control["n"] as? Int == expected[true]!.n && control["conversions"] as? Int == expected[true]!.c)
        #expect(treatment["n"] as? Int == expected[false]!.n && treatment["conversions"] as? Int == expected[false]!.c)
        #expect(expected[true]!.n + expected[false]!.n == 3_000)
        let relative = try #require(c["relative_lift"] as? [String: Any])
        let ci = try #require(relative["ci"] as? [Double])
        #expect(ci[0] < ci[1] && (relative["estimate"] as? Double).map { ci[0] < $0 && $0 < ci[1] } == true)
        #expect(c["p_adjusted"] is Double && c["significant"] is Bool)

        let srm = try #require(report["srm"] as? [[String: Any]])
        #expect(srm.count == 1 && srm[0]["flag"] as? Bool == false)
        #expect((srm[0]["expected_share"] as? [String: Double])?["holdout"] == 0.05)
        let notes = try #require(report["notes"] as? [String])
        #expect(notes.contains { $0.contains("Only randomized comparisons are reported as lift") && $0.contains("selection decided") })
    }

    @Test func experimentArmsAreStickyNarrowTheSlotAndAreCompared() throws {
        let f = try LiftFixture()
        defer { f.remove() }
        let recipients = try f.recipients(2_000)
        let first = try Self.outputs(try f.render(recipients, runID: "a", jobs: 1))
        let second = try Self.outputs(try f.render(recipients, runID: "b", jobs: 2))
        var arms: [String: Int] = [:]
        for (id, o) in first {
            let arm = try #require(o.arm, "\(id) has no arm in its output record")
            #expect(second[id]?.arm == arm, "\(id): arm \(arm) in run a, \(second[id]?.arm ?? "none") in run b")
            arms[arm, default: 0] += 1
            // Held-out recipients get default content whatever the arm; otherwise the arm decides the hero.
            if o.heldOut == false, o.hero != nil {
                if arm == "classic" { #expect(o.hero == "hero-welcome", "\(id) in arm classic got \(o.hero!)") }
                if arm == "member" {
                    #expect(o.hero != "hero-welcome" || Int(id.dropFirst())! % 2 == 1, "\(id), a member in arm member, got the classic hero")
                }
            }
        }
        #expect(Set(arms.keys) == ["classic", "member"] && arms.values.allSatisfy { $0 > 850 }, "arms: \(arms)")

        let conversions = f.path("c.ndjson")
        #expect(
            try Tessera.run(["generate-conversions", "--journal", f.path("journal.sqlite"), "--run", "a", "--lift", "0.1", "--out", conversions])
                .status == 0)
        let report = try Tessera.liftJSON([
            "--journal", f.path("journal.sqlite"), "--run", "a", "--conversions", conversions, "--by", "experiment", "--by", "segment",
        ])
        let comparisons = try #require(report["comparisons"] as? [[String: Any]])
        let experiment = comparisons.filter { ($0["by"] as? [String: String])?["experiment"] == "hero-test" }
        // Overall and within each of the three segments; member against classic (the first arm).
        #expect(experiment.count == 4, "\(experiment.count) experiment comparisons")
        for c in experiment {
            #expect(
                (c["control"] as? [String: Any])?["name"] as? String == "classic"
                    && (c["treatment"] as? [String: Any])?["name"] as? String == "member")
        }
        let overall = try #require(experiment.first { ($0["by"] as? [String: String])?["segment"] == nil })
        let heldOut = first.values.filter { $0.heldOut == true }.count
        let n = ((overall["control"] as? [String: Any])?["n"] as? Int ?? 0) + ((overall["treatment"] as? [String: Any])?["n"] as? Int ?? 0)
        #expect(n == 2_000 - heldOut, "the arm comparison leaves the held-out recipients out: \(n) of \(2_000 - heldOut)")
        let srm = try #require(report["srm"] as? [[String: Any]])
        #expect(srm.contains { ($0["by"] as? [String: String])?["experiment"] == "hero-test" && $0["flag"] as? Bool == false })
    }

    @Test(
        .enabled(
            if: PythonReference.missing == nil || PythonReference.required,
            "needs gbstats (pip install gbstats); set TESSERA_REQUIRE_GBSTATS=1 to fail instead of skipping"))
    func reportMatchesGBStatsOnAnIndependentReadingOfTheJournal() throws {
        if let missing = PythonReference.missing {
            Issue.record("TESSERA_REQUIRE_GBSTATS=1 but \(missing); \(PythonReference.howToInstall)")
            return
        }
        let f = try LiftFixture()
        defer { f.remove() }
        try f.render(try f.recipients(4_000), runID: "send")
        let conversions = f.path("c.ndjson")
        for metric in ["conversion", "revenue"] {
            #expect(
                try Tessera.run([
                    "generate-conversions", "--journal", f.path("journal.sqlite"), "--lift", "0.25", "--base-rate", "0.15",
                    "--seed", "9", "--late", "0.1", "--out", conversions,
                ]).status == 0)
            let mine = try Tessera.liftJSON([
                "--journal", f.path("journal.sqlite"), "--conversions", conversions, "--metric", metric,
                "--by", "template", "--by", "experiment", "--alpha", "0.1",
            ])
            let theirs = try #require(
                try PythonReference.script(
                    "gbstats_report.py",
                    input: [
                        "journal": f.path("journal.sqlite"), "conversions": conversions, "window_seconds": 7 * 86_400.0, "alpha": 0.1,
                        "metric": metric,
                    ]) as? [String: Any])
            let reference = try #require(theirs["comparisons"] as? [[String: Any]])
            let reported = try #require(mine["comparisons"] as? [[String: Any]])
            try #require(
                reported.count == reference.count && reference.count == 2, "\(metric): \(reported.count) comparisons, gbstats \(reference.count)")
            for (m, r) in zip(reported, reference) {
                let label = "\(metric) \(m["by"] ?? "")"
                #expect(m["by"] as? [String: String] == r["by"] as? [String: String], "\(label): order differs")
                for side in ["control", "treatment"] {
                    let a = try #require(m[side] as? [String: Any]), b = try #require(r[side] as? [String: Any])
                    #expect(a["name"] as? String == b["name"] as? String && a["n"] as? Int == b["n"] as? Int, "\(label) \(side)")
                    GBStatsParityTests.expectClose(a[metric == "conversion" ? "conversions" : "sum"] as? Double, b["sum"], "\(label) \(side) sum")
                }
                for (kind, key) in [("relative", "relative_lift"), ("absolute", "absolute_lift")] {
                    let a = try #require(m[key] as? [String: Any]), b = try #require(r[kind] as? [String: Any])
                    let (ci, refCI) = (try #require(a["ci"] as? [Double]), try #require(b["ci"] as? [Double]))
                    GBStatsParityTests.expectClose(a["estimate"] as? Double, b["estimate"], "\(label) \(kind) estimate")
                    GBStatsParityTests.expectClose(ci[0], refCI[0], "\(label) \(kind) ci low")
                    GBStatsParityTests.expectClose(ci[1], refCI[1], "\(label) \(kind) ci high")
                    GBStatsParityTests.expectClose(a["p_value"] as? Double, b["p_value"], "\(label) \(kind) p-value", absoluteFloor: 1e-15)
                }
            }
            let srm = try #require(mine["srm"] as? [[String: Any]]), refSRM = try #require(theirs["srm"] as? [[String: Any]])
            #expect(srm.count == refSRM.count)
            for (a, b) in zip(srm, refSRM) { GBStatsParityTests.expectClose(a["p_value"] as? Double, b["p_value"], "\(metric) SRM \(b)") }
        }
    }

    /// A later duplicate of an id is rejected; it must not count as a second exposure.
    @Test func duplicateLinesAreNotCountedTwice() throws {
        let f = try LiftFixture()
        defer { f.remove() }
        let recipients = try f.recipients(300)
        let lines = try String(contentsOfFile: recipients, encoding: .utf8).split(separator: "\n")
        try (lines + lines.prefix(40)).joined(separator: "\n").appending("\n").write(toFile: recipients, atomically: true, encoding: .utf8)
        try f.render(recipients, runID: "dup")
        let conversions = f.path("c.ndjson")
        #expect(try Tessera.run(["generate-conversions", "--journal", f.path("journal.sqlite"), "--lift", "0.1", "--out", conversions]).status == 0)
        let report = try Tessera.liftJSON([
            "--journal", f.path("journal.sqlite"), "--conversions", conversions, "--by", "template", "--by", "experiment",
        ])
        let comparisons = try #require(report["comparisons"] as? [[String: Any]])
        #expect(comparisons.count == 2, "holdout and experiment, welcome only: \(comparisons.map { $0["by"] ?? "" })")
        for c in comparisons {
            #expect((c["by"] as? [String: String])?["template"] == "welcome", "a comparison outside the welcome template: \(c["by"] ?? "")")
            let n = ((c["control"] as? [String: Any])?["n"] as? Int ?? 0) + ((c["treatment"] as? [String: Any])?["n"] as? Int ?? 0)
            #expect(n <= 300, "\(c["by"] ?? ""): \(n) recipients from 300 distinct ids")
        }
        let holdout = try #require((report["comparisons"] as? [[String: Any]])?.first { ($0["by"] as? [String: String]) == ["template": "welcome"] })
        #expect(((holdout["control"] as? [String: Any])?["n"] as? Int ?? 0) + ((holdout["treatment"] as? [String: Any])?["n"] as? Int ?? 0) == 300)
    }

    @Test func userErrorsNameTheFlagOrTheLine() throws {
        let f = try LiftFixture(experiments: nil)
        defer { f.remove() }
        try f.render(try f.recipients(200), runID: "r")
        let conversions = f.path("c.ndjson")
        try #"{"id":"u1","at":"2026-11-24T10:00:00Z"}"#.appending("\n{\"id\":\"u2\",\"at\":\"yesterday\"}\n{\"id\":\"u3\" \"at\"}\n").write(
            toFile: conversions, atomically: true, encoding: .utf8)
        let r = try Tessera.run(["lift", "--journal", f.path("journal.sqlite"), "--conversions", conversions])
        #expect(r.status == 0, "bad lines are reported, not fatal: \(r.stderr)")
        #expect(r.stderr.contains("c.ndjson:2:1: \"at\" \"yesterday\" is not an ISO 8601 time"), "\(r.stderr)")
        #expect(r.stderr.contains("c.ndjson:3:"), "\(r.stderr)")
        #expect(r.stdout.contains("2 lines of"), "\(r.stdout)")

        let window = try Tessera.run(["lift", "--journal", f.path("journal.sqlite"), "--conversions", conversions, "--window", "7x"])
        #expect(window.status != 0 && window.stderr.contains("--window '7x': expected a positive number and a unit"), "\(window.stderr)")
        let run = try Tessera.run(["lift", "--journal", f.path("journal.sqlite"), "--conversions", conversions, "--run", "nope"])
        #expect(run.status == 2 && run.stderr.contains("--run 'nope': no such run") && run.stderr.contains("runs: r"), "\(run.stderr)")
        let by = try Tessera.run(["lift", "--journal", f.path("journal.sqlite"), "--conversions", conversions, "--by", "block"])
        #expect(by.status != 0 && by.stderr.contains("--by 'block': expected template, experiment, segment or arm"), "\(by.stderr)")
    }
}
