import Foundation

@testable import Voice

/// Runs one scenario's `When` step with Voice in a scratch folder laid out like Vale's test
/// tree (`tmp/aruba` two levels below `fixtures/` and `styles/`), and compares the `line` output.
struct ScenarioRunner {
    let corpus: URL
    let scenario: ValeScenario
    let extensions: Set<String>

    struct Result { var ok: Bool; var diff: String }

    func run() -> Result? {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("voice-corpus-\(UUID().uuidString)")
        let aruba = scratch.appendingPathComponent("tmp/aruba")
        try? fm.createDirectory(at: aruba, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        try? fm.createSymbolicLink(at: scratch.appendingPathComponent("fixtures"), withDestinationURL: corpus.appendingPathComponent("fixtures"))
        try? fm.createSymbolicLink(at: scratch.appendingPathComponent("styles"), withDestinationURL: corpus.appendingPathComponent("styles"))
        for (name, body) in scenario.givenFiles {
            try? body.write(to: aruba.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        guard let inv = invocation() else { return nil }
        let cwd = URL(fileURLWithPath: inv.cd.map { aruba.appendingPathComponent($0).standardizedFileURL.path } ?? aruba.path, isDirectory: true)
        var filtered = false
        let output: String
        var status: Int32 = 0
        do {
            let configURL = inv.config.map { URL(fileURLWithPath: $0, relativeTo: cwd) } ?? PathRunner.findConfig(from: cwd)
            guard let configURL else { return Result(ok: false, diff: "no config found from \(cwd.path)") }
            var config = try VoiceConfig.load(configURL)
            if let lv = inv.minAlertLevel { config.minAlertLevel = Severity(name: lv) ?? config.minAlertLevel }
            let linter = try VoiceLinter(config: config, ignoreSyntax: inv.ignoreSyntax)
            var runner = PathRunner(linter: linter, cwd: cwd)
            runner.forcedFormat = inv.ext
            let exts = extensions
            runner.include = { p in
                let ok = exts.contains((p as NSString).pathExtension.lowercased()) || inv.ext.map { exts.contains($0) } == true
                if !ok { filtered = true }
                return ok
            }
            let stdin = inv.stdinFile.flatMap { try? String(contentsOf: cwd.appendingPathComponent($0), encoding: .utf8) }
            let files = try runner.run(inv.args, stdin: stdin)
            status = PathRunner.exitStatus(files)
            output = AlertFormatter.line(files)
        } catch {
            output = "error: \(error)"
            status = 2
        }
        let got = output.split(separator: "\n").map(String.init)
        let keep: (String) -> Bool = { line in
            guard let path = line.split(separator: ":").first else { return true }
            return self.extensions.contains((String(path) as NSString).pathExtension.lowercased()) || inv.ext != nil
        }
        var ok = true
        var diff = ""
        if let exp = scenario.expected {
            let want = exp.filter(keep)
            if !exp.allSatisfy(keep) { filtered = true }
            ok = got == want
            if !ok {
                diff =
                    "  expected:\n" + want.map { "    " + $0 }.joined(separator: "\n") + "\n  got:\n"
                    + got.map { "    " + $0 }.joined(separator: "\n")
            }
        }
        if let c = scenario.contains {
            let want = c.filter(keep)
            for w in want where !got.contains(w) { ok = false; diff += "  missing: \(w)\n" }
        }
        if scenario.expectEmpty && !got.isEmpty { ok = false; diff += "  expected no output, got \(got.count) lines\n" }
        for n in scenario.notContain where output.contains(n) { ok = false; diff += "  should not contain \(n)\n" }
        if let st = scenario.exitStatus, !filtered, Int(status) != st { ok = false; diff += "  exit status \(status), expected \(st)\n" }
        return Result(ok: ok, diff: diff)
    }

    struct Invocation {
        var cd: String?
        var args: [String] = []
        var config: String?
        var minAlertLevel: String?
        var ignoreSyntax = false
        var ext: String?
        var stdinFile: String?
    }

    /// The step's folder and command line, as `features/steps.rb` defines them.
    func invocation() -> Invocation? {
        let s = scenario.step
        func arg(_ re: Regex<(Substring, Substring)>) -> String? { s.firstMatch(of: re).map { String($0.1) } }
        var inv = Invocation()
        if s == "I lint path with exclusions" { inv.cd = "../../fixtures/folders"; inv.args = ["."]; return inv }
        if let a = arg(/^I test "(.*)"$/) { inv.cd = "../../fixtures/\(a)"; inv.args = ["."]; return inv }
        if let a = arg(/^I lint "(.*)"$/) { inv.cd = "../../fixtures/formats"; inv.args = a.split(separator: " ").map(String.init); return inv }
        if let a = arg(/^I test scope "(.*)"$/) { inv.cd = "../../fixtures/scopes/\(a)"; inv.args = ["."]; return inv }
        if let a = arg(/^I apply style "(.*)"$/) { inv.cd = "../../fixtures/styles/\(a)"; inv.args = ["."]; return inv }
        if let a = arg(/^I use Vocab "(.*)"$/) { inv.cd = "../../fixtures/vocab/\(a)"; inv.args = ["."]; return inv }
        if let a = arg(/^I test comments for "(.*)"$/) { inv.cd = "../../fixtures/comments"; inv.args = [a]; return inv }
        if let a = arg(/^I test patterns for "(.*)"$/) { inv.cd = "../../fixtures/patterns"; inv.args = [a]; return inv }
        if let a = arg(/^I run vale "(.*)"$/) { inv.args = a.split(separator: " ").map(String.init); return inv }
        if let a = arg(/^I lint simple "(.*)"$/) { inv.cd = "../../fixtures/formats"; inv.ignoreSyntax = true; inv.args = [a]; return inv }
        if let a = arg(/^I lint with config "(.*)"$/) { inv.cd = "../../fixtures/formats"; inv.config = a; inv.args = ["test.md"]; return inv }
        if let a = arg(/^I lint string "(.*)"$/) { inv.cd = "../../fixtures/formats"; inv.args = [a]; return inv }
        if let m = s.firstMatch(of: /^I assign minAlertLevel "([^\s]+)" "([^\s]+)"$/) {
            inv.minAlertLevel = String(m.1); inv.args = [String(m.2)]; return inv
        }
        if let m = s.firstMatch(of: /^I lint file "([^\s]+)" as "([^\s]+)"$/) {
            inv.cd = "../../fixtures/formats"; inv.ext = String(m.2.dropFirst()); inv.args = [String(m.1)]; return inv
        }
        if let m = s.firstMatch(of: /^I run cat "([^\s]+)" "([^\s]+)"$/) {
            inv.cd = "../../fixtures/formats"; inv.ext = String(m.2.dropFirst()); inv.stdinFile = String(m.1); inv.args = ["-"]; return inv
        }
        return nil
    }
}
