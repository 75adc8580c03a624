import Foundation
import TestSupport

/// GrowthBook's gbstats (PyPI) through Python, for the parity tests. CI sets
/// `TESSERA_REQUIRE_GBSTATS=1`: there a missing gbstats fails the test instead of skipping it.
enum PythonReference {
    static let required = ProcessInfo.processInfo.environment["TESSERA_REQUIRE_GBSTATS"] == "1"
    static let python = ProcessInfo.processInfo.environment["TESSERA_PYTHON"] ?? "python3"
    static let howToInstall = "install it with: python3 -m pip install gbstats"

    /// Why gbstats cannot be run here, or nil.
    static let missing: String? = {
        let (status, _, _) = (try? run([python, "-c", "import gbstats, scipy.stats"])) ?? (-1, "", "")
        return status == 0 ? nil : "\(python) cannot import gbstats and scipy"
    }()

    /// Runs a script of this folder on a JSON input file and decodes its JSON output.
    static func script(_ name: String, input: Any) throws -> Any {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("input.json")
        try JSONSerialization.data(withJSONObject: input).write(to: file)
        let path = Corpus.project("Tests/LiftTests/\(name)").path
        let (status, out, err) = try run([python, path, file.path])
        guard status == 0 else { throw ScriptError(description: "\(name) exited \(status): \(err.suffix(2000))") }
        return try JSONSerialization.jsonObject(with: Data(out.utf8))
    }

    struct ScriptError: Error, CustomStringConvertible { var description: String }

    /// Runs a command found on PATH; output captured in files (no pipe to fill).
    static func run(_ command: [String]) throws -> (Int32, String, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lift-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = command
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, (try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
