import Foundation
import TestSupport

/// What `examples/spark/` needs on this machine: the built `tessera`, a Python that imports
/// pyspark, and Java. Looked up once per test run.
enum SparkEnvironment {
    /// CI sets `TESSERA_REQUIRE_SPARK=1`: there a missing pyspark or Java is a failure, not a skip.
    static let required = ProcessInfo.processInfo.environment["TESSERA_REQUIRE_SPARK"] == "1"

    /// The Python that runs the job (and whose pyspark is checked): `$TESSERA_PYTHON`, else `python3`.
    static let python = ProcessInfo.processInfo.environment["TESSERA_PYTHON"] ?? "python3"

    static let howToInstall = "install them with: pip install pyspark (PyPI) and apt-get install -y openjdk-17-jre-headless"

    /// The `tessera` executable built beside the test bundle (as `swift test` builds it).
    static let tessera = TesseraExecutable.url

    /// Why the example cannot run here, or nil when everything it needs is present.
    static let missing: String? = {
        var absent: [String] = []
        if tessera == nil { absent.append("the tessera executable (swift build)") }
        if !succeeds([python, "-c", "import pyspark"]) {
            absent.append("pyspark (\(python) cannot import it)")
        }
        if !succeeds(["java", "-version"]) { absent.append("Java 17 (no java on PATH)") }
        return absent.isEmpty ? nil : "missing " + absent.joined(separator: " and ")
    }()

    /// Runs a command found on PATH, its output discarded; true when it exits 0.
    private static func succeeds(_ command: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = command
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
