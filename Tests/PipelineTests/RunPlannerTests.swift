import Catalog
import Foundation
import Testing

@testable import Pipeline

/// What `tessera render` decides before reading a record (Pipeline's `RunPlanner`): a new run
/// from the flags, or the journal's run with the flags given again checked against it.
@Suite struct RunPlannerTests {
    static func journal(in dir: URL) throws -> Journal { try Journal(path: dir.appendingPathComponent("j.sqlite").path) }

    /// A new run planned and recorded in the journal (its lock released, as by a killed process).
    static func started(_ request: RunRequest, _ journal: Journal, in dir: URL) throws -> JournalPlan {
        let planner = try RunPlanner(request, journal: journal)
        let output = try OutputTarget.file(dir.appendingPathComponent("scratch.ndjson").path)
        defer { output.close() }
        let plan = try #require(try planner.journalPlan(projectHash: "p1", catalog: PipeFixture.catalog, output: output))
        plan.runLock?.release()
        return plan
    }

    static func error(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return ""
    }

    @Test func aNewRunTakesTheFlagsAndDefaults() throws {
        var r = RunRequest(jobs: 3)
        r.shard = "2/8"
        let s = try RunPlanner(r, journal: nil).settings
        #expect(s.recipients == "-" && s.out == "-" && s.format == .ndjson && s.jobs == 3)
        #expect(s.shard == Shard("2/8") && s.resumed == nil)
        r.shard = "9/8"
        #expect(throws: RunRequestError.self) { try RunPlanner(r, journal: nil) }
    }

    @Test func aResumedRunKeepsItsSettings() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = try Self.journal(in: dir)
        var r = RunRequest(jobs: 2)
        r.out = dir.appendingPathComponent("out.ndjson").path
        r.template = "welcome"
        r.runID = "r1"
        let plan = try Self.started(r, journal, in: dir)
        #expect(!plan.resuming && plan.run.id == "r1")

        var resume = RunRequest(jobs: 4)
        resume.resume = "r1"
        let planner = try RunPlanner(resume, journal: journal)
        #expect(planner.settings.resumed?.id == "r1")
        #expect(planner.settings.out == r.out && planner.settings.template == "welcome" && planner.settings.jobs == 4)
        #expect(Self.error { try planner.checkResumable(projectHash: "p2") }.contains("changed since it started (project hash p1, now p2)"))

        resume.template = "winback"
        #expect(
            Self.error { _ = try RunPlanner(resume, journal: journal) }
                == "--template 'winback' differs from run 'r1' (welcome): a resumed run keeps its settings; omit the flag")
        resume.resume = "r9"
        #expect(Self.error { _ = try RunPlanner(resume, journal: journal) }.hasPrefix("no run 'r9' in "))
    }

    @Test func aRunToStandardOutputCannotBeResumed() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = try Self.journal(in: dir)
        var r = RunRequest(jobs: 1)
        r.runID = "to-stdout"
        _ = try Self.started(r, journal, in: dir)
        var resume = RunRequest(jobs: 1)
        resume.resume = "to-stdout"
        #expect(Self.error { _ = try RunPlanner(resume, journal: journal) }.contains("wrote to standard output"))
    }

    @Test func theOutputIsNeverTheInput() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(2), in: dir)
        var r = RunRequest(jobs: 1)
        r.recipients = input.path
        r.out = input.path
        let planner = try RunPlanner(r, journal: nil)
        #expect(Self.error { try planner.refuseSameFile(input: nil, journalFile: nil) }.contains("is the recipients file"))
    }
}
