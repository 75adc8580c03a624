import Foundation

/// A child process with its output captured in files (no pipe to fill up) and a time limit,
/// so a stuck Spark job fails the test instead of hanging CI.
struct TimedProcess {
    var status: Int32
    var stdout: String
    var stderr: String

    static func run(_ executable: String, _ arguments: [String], logs: URL, name: String, timeout: TimeInterval = 120) throws -> TimedProcess {
        let out = logs.appendingPathComponent("\(name).stdout"), err = logs.appendingPathComponent("\(name).stderr")
        guard FileManager.default.createFile(atPath: out.path, contents: nil),
            FileManager.default.createFile(atPath: err.path, contents: nil)
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: logs.path])
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        var timedOut = false
        if p.isRunning {
            timedOut = true
            p.terminate()  // the Spark JVM exits when its Python driver's pipe closes
        }
        p.waitUntilExit()
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        return TimedProcess(
            status: timedOut ? -1 : p.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: timedOut ? "timed out after \(Int(timeout)) s\n" + stderr : stderr)
    }
}
