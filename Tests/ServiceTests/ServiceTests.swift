import Assembly
import BrandContext
import Foundation
import Pipeline
import Policy
import Service
import TestSupport
import Testing

/// The operations over a loaded project, called as MCP and the LSP will call them.
@Suite(.serialized) struct ServiceTests {
    static let now = ServiceClock.parse("2026-11-23T09:00:00Z")!
    static let store: ProjectStore = {
        let s = ProjectStore(root: Corpus.packageRoot)
        s.reload()
        return s
    }()

    static func project() throws -> Project { try #require(store.current, "the shipped project did not load: \(store.status.errors)") }

    /// What `tessera render --now … --jobs 1` writes for the sample file (its pipeline, in process).
    static func cliOutput(_ project: Project) throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.ndjson")
        let input = open(Corpus.project("examples/recipients.ndjson").path, O_RDONLY)
        defer { close(input) }
        var settings = PipelineSettings()
        settings.jobs = 1
        let target = try OutputTarget.file(out.path)
        let assembly = AssemblyOptions(now: now, recipientGuard: PolicyGuard(brand: project.brand, catalog: project.catalog))
        _ = try RenderPipeline(catalog: project.catalog, brand: project.brand, assembly: assembly, emitter: NDJSONEmitter(), settings: settings)
            .run(input: input, inputSize: nil, output: target, journal: nil)
        target.close()
        return [UInt8](try Data(contentsOf: out))
    }

    @Test func renderOneIsTheCLIRecordForEachSampleRecipient() throws {
        let project = try Self.project()
        let reference = try Self.cliOutput(project).split(separator: 0x0A).map { Array($0) + [0x0A] }
        let lines = try Data(contentsOf: Corpus.project("examples/recipients.ndjson")).split(separator: 0x0A)
        #expect(lines.count == 500 && reference.count == 500)
        var rejected = 0
        for (i, line) in lines.enumerated() {
            // A line the CLI rejects (the sample has some) is an error naming the same reason.
            if let code = Self.rejectionCode(reference[i]) {
                rejected += 1
                do {
                    _ = try project.render(recipient: line, RenderOptions(now: Self.now))
                    Issue.record("line \(i + 1) was rendered, the CLI rejected it (\(code))")
                } catch {
                    #expect(error.code == code, "line \(i + 1)")
                }
                continue
            }
            let outcome = try project.render(recipient: line, RenderOptions(now: Self.now))
            #expect(outcome.record == reference[i], "line \(i + 1) differs")
        }
        #expect(rejected == 9)
    }

    /// The reason code of a CLI record whose status is rejected.
    static func rejectionCode(_ record: [UInt8]) -> String? {
        guard let o = try? JSONSerialization.jsonObject(with: Data(record)) as? [String: Any], o["status"] as? String == "rejected",
            let reasons = o["reasons"] as? [[String: Any]]
        else { return nil }
        return reasons.first?["code"] as? String
    }

    @Test func batchIsTheCLIOutput() async throws {
        let project = try Self.project()
        let batch = try BatchRender(project: project, options: RenderOptions(now: Self.now))
        let input = [UInt8](try Data(contentsOf: Corpus.project("examples/recipients.ndjson")))
        async let fed: Void = {
            // Cut at odd places: lines span writes.
            var i = 0
            while i < input.count {
                let n = min(7919, input.count - i)
                try await batch.write(Array(input[i..<(i + n)]))
                i += n
            }
            await batch.finishInput()
        }()
        var output: [UInt8] = []
        while let chunk = await batch.read() { output += chunk }
        try await fed
        #expect(output == (try Self.cliOutput(project)))
        #expect(batch.pipelineFailure == nil)
    }

    @Test func errorsNameWhatIsWrong() throws {
        let project = try Self.project()
        func failure(_ body: () throws -> Void) -> ServiceError? {
            do { try body(); return nil } catch { return error as? ServiceError }
        }
        let json = failure { _ = try project.render(recipient: Array(#"{"id": 1,"#.utf8), RenderOptions()) }
        #expect(json?.kind == .badRequest && json?.code == "record.invalid-json")
        let utf8 = failure { _ = try project.render(recipient: [0x7B, 0xFF, 0x7D], RenderOptions()) }
        #expect(utf8?.code == "record.invalid-utf8" && utf8?.location == "line 1:2")
        let template = failure { _ = try project.render(recipient: Array(#"{"id":"a"}"#.utf8), RenderOptions(template: "nope")) }
        #expect(template?.kind == .notFound && template?.location == "template")
        let market = failure { _ = try project.claims(ClaimsParameters(market: "XX")) }
        #expect(market?.code == "market.unknown" && market?.location == "market")
        let day = failure { _ = try ClaimsParameters.parse(search: nil, market: nil, channel: nil, locale: nil, product: nil, on: "2026-02-30") }
        #expect(day?.location == "on")
        for path in ["../brand/brand.yaml", "/etc/passwd", "blocks/../x.mjml", "blocks/a/b.mjml", "brand/x.mjml", "blocks/x.txt"] {
            let lint = failure { _ = try project.lint(ProposedFile(path: path, source: "")) }
            #expect(lint?.kind == .unprocessable && lint?.location == "path", "\(path)")
        }
    }

    @Test func claimsAreTheCLIQuery() throws {
        let project = try Self.project()
        let day = CalendarDate("2026-11-23")
        let all: [UsableClaim] = try project.claims(ClaimsParameters(on: day))
        let fr: [UsableClaim] = try project.claims(ClaimsParameters(market: "CA", locale: "fr-CA", on: day))
        #expect(!fr.isEmpty)
        #expect(fr.count <= all.count)
        #expect(fr.allSatisfy { $0.locale == "fr-CA" })
        let one = try project.claim(id: all[0].id)
        #expect(one.id == all[0].id)
        #expect(ClaimsJSON.render(fr).hasPrefix("[\n  {\n    \"id\": "))
    }

    @Test func lintsAProposedFileWithoutWritingIt() throws {
        let project = try Self.project()
        let source =
            "---\nid: proposed\nslot: main\ntags: [story]\npriority: 1\n---\n<mj-section><mj-column><mj-text>Read <a href=\"http://www.larchwood.com/x?utm_source=larchwood&utm_medium=email&utm_campaign=x\">more</a>.</mj-text></mj-column></mj-section>\n"
        let (output, report) = try project.lint(ProposedFile(path: "blocks/proposed.mjml", source: source), format: .json)
        #expect(report.findings.contains { $0.rule == "links.https" && $0.file == "blocks/proposed.mjml" && $0.line == 7 })
        #expect(output.contains("\"links.https\""))
        #expect(!FileManager.default.fileExists(atPath: Corpus.project("blocks/proposed.mjml").path))
        // Only the proposed file is reported on.
        #expect(report.findings.allSatisfy { $0.file == "blocks/proposed.mjml" })
    }

    /// The brand's lint rules (the compiled voice rules above all) are built once per loaded
    /// project and kept, not compiled again from `brand/voice` on every lint: a change typed in
    /// an editor costs the rules' work on that file only. Seen from outside: once a loaded
    /// project has linted, removing its voice folder does not change what it reports (a reload
    /// makes a new project, which reads it again).
    @Test func aLoadedProjectKeepsItsCompiledLintRules() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("service-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for folder in ["brand", "templates", "blocks"] {
            try FileManager.default.copyItem(at: Corpus.project(folder), to: dir.appendingPathComponent(folder))
        }
        let store = ProjectStore(root: dir)
        defer { store.removeScratch() }
        #expect(store.reload() == nil)
        let project = try #require(store.current)
        let file = ProposedFile(
            path: "blocks/proposed.mjml",
            source:
                "---\nid: proposed\nslot: main\ntags: [story]\npriority: 1\n---\n<mj-section><mj-column><mj-text>Our raincoat keeps you dry.</mj-text></mj-column></mj-section>\n"
        )
        let voice = { (findings: [Finding]) in findings.filter { $0.rule.hasPrefix("voice.") }.map(\.rule) }
        let first = voice(try project.problems(in: file, now: CalendarDate("2026-06-01")))
        #expect(first.contains("voice.Larchwood.Terms"), "\(first)")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("brand/voice"))
        #expect(voice(try project.problems(in: file, now: CalendarDate("2026-06-01"))) == first)
        #expect(voice(try project.lint(file, now: CalendarDate("2026-06-01")).report.findings) == first)
    }

    @Test func slotFragmentsHoldTheChosenBlocks() throws {
        let project = try Self.project()
        let visitor = Array(
            #"{"id":"v1","locale":"en-US","market":"US","decision":{"template":"home-hero"},"profile":{"first_name":"<b>Ada</b>","loyalty_tier":"summit"}}"#
                .utf8)
        let outcome = try project.render(recipient: visitor, RenderOptions(now: Self.now, slots: ["hero", "promo"]))
        let slots = try #require(outcome.slots)
        #expect(slots.map(\.name) == ["hero", "promo"])
        #expect(slots[0].html.contains("Welcome back, &lt;b&gt;Ada&lt;/b&gt;"))  // escaped as in the message
        #expect(!slots[0].html.contains("<html") && !slots[0].html.contains("<body"))
        #expect(outcome.blocks.contains("page-hero-member"))
    }

    @Test func reloadKeepsTheLastGoodProject() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("service-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for folder in ["brand", "templates", "blocks"] {
            try FileManager.default.copyItem(at: Corpus.project(folder), to: dir.appendingPathComponent(folder))
        }
        let store = ProjectStore(root: dir)
        defer { store.removeScratch() }
        #expect(store.reload() == nil)
        let first = try #require(store.current)
        let watcher = ProjectWatcher(root: dir)
        let file = dir.appendingPathComponent("templates/home-hero.mjml")
        let good = try String(contentsOf: file, encoding: .utf8)
        try good.replacingOccurrences(of: "slots:\n", with: "slots:\n  - broken\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(watcher.changed())
        let failure = try #require(store.reload())
        #expect(failure.lines.contains { $0.hasPrefix("templates/home-hero.mjml:") })
        #expect(store.current === first)
        #expect(store.status.errors == failure.lines && store.status.counts.failed == 1)
        try good.replacingOccurrences(of: "Larchwood Outfitters", with: "Larchwood").write(to: file, atomically: true, encoding: .utf8)
        #expect(store.reload() == nil)
        #expect(store.current !== first && store.current?.contextHash != first.contextHash)
        #expect(store.status.errors.isEmpty && store.status.counts.reloads == 1)
        #expect(watcher.changed(), "the second save is seen")
        #expect(!watcher.changed(), "and only once")
    }

    /// Editors' swap and backup files and the temporary file of an atomic save are not the
    /// project: seeing one would start a reload of the unchanged text (a failed one, when the
    /// file is broken, counted twice on /readyz).
    @Test func theWatcherSeesSavesButNotScratchFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("service-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for folder in ["brand", "templates", "blocks"] {
            try FileManager.default.copyItem(at: Corpus.project(folder), to: dir.appendingPathComponent(folder))
        }
        let watcher = ProjectWatcher(root: dir)
        #expect(!watcher.changed())
        for scratch in ["blocks/.page-hero-default.mjml.swp", "blocks/page-hero-default.mjml~", "templates/.tmp-save-1a2b", "brand/.claims.yaml.tmp"]
        {
            try "scratch".write(to: dir.appendingPathComponent(scratch), atomically: false, encoding: .utf8)
        }
        #expect(!watcher.changed(), "scratch files are not changes")
        let block = dir.appendingPathComponent("blocks/page-hero-default.mjml")
        try (String(contentsOf: block, encoding: .utf8) + "\n").write(to: block, atomically: true, encoding: .utf8)
        #expect(watcher.changed())
        #expect(!watcher.changed())
    }
}
