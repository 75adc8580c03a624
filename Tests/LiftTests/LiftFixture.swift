import Foundation
import TestSupport
import Testing

/// A copy of the shipped project whose welcome template also declares a content experiment on
/// its hero slot, recipients without a decision group (so Tessera's holdout draw applies), and
/// the `tessera` executable built beside the tests.
struct LiftFixture {
    static let now = "2026-11-23T09:00:00Z"
    static let experiment = """
        experiments:
          - id: hero-test
            slot: hero
            arms:
              - {name: classic, weight: 1, blocks: [hero-welcome]}
              - {name: member, weight: 1, tags: [loyalty]}

        """

    let dir: URL
    var project: URL { dir.appendingPathComponent("project") }

    init(experiments: String? = LiftFixture.experiment) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("lift-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("project"), withIntermediateDirectories: true)
        for folder in ["brand", "blocks", "templates"] {
            try fm.copyItem(at: Corpus.project(folder), to: dir.appendingPathComponent("project/\(folder)"))
        }
        if let experiments {
            let welcome = dir.appendingPathComponent("project/templates/welcome.mjml")
            let text = try String(contentsOf: welcome, encoding: .utf8)
            try text.replacingOccurrences(of: "slots:\n", with: experiments + "slots:\n").write(to: welcome, atomically: true, encoding: .utf8)
        }
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// `count` en-US recipients, about a third in each of three segments, half loyalty members.
    func recipients(_ count: Int, name: String = "recipients.ndjson") throws -> String {
        var text = ""
        let segments = ["vip", "trail-runner", "deal-seeker"]
        for i in 0..<count {
            let tier = i % 2 == 0 ? #","loyalty_tier":"gold""# : ""
            text +=
                #"{"id":"u\#(i)","email":"u\#(i)@example.com","locale":"en-US","market":"US","consent":{"email":true,"personalization":true},"segments":["\#(segments[i % 3])"],"profile":{"first_name":"Ann"\#(tier)}}"#
                + "\n"
        }
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    /// Renders with a journal; returns the NDJSON output path.
    @discardableResult
    func render(_ recipients: String, runID: String, jobs: Int = 2, journal: String = "journal.sqlite") throws -> String {
        let out = path("\(runID).ndjson")
        let r = try Tessera.run([
            "render", "--project", project.path, "--recipients", recipients, "--template", "welcome", "--now", Self.now,
            "--out", out, "--journal", path(journal), "--run-id", runID, "--jobs", "\(jobs)", "--quiet",
        ])
        try #require(r.status == 0, "render failed: \(r.stderr)")
        return out
    }
}

/// The `tessera` executable built beside the test bundle (`swift build --build-tests` builds it).
enum Tessera {
    static let url = TesseraExecutable.url

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs tessera to completion, output captured in files.
    static func run(_ args: [String]) throws -> Result {
        let binary = try #require(url, "the tessera executable is not built (swift build --build-tests)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lift-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// `tessera lift … --format json`, decoded.
    static func liftJSON(_ args: [String]) throws -> [String: Any] {
        let r = try run(["lift"] + args + ["--format", "json"])
        try #require(r.status == 0, "lift failed: \(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }
}
