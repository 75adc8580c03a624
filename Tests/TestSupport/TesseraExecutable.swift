import Foundation

/// The built `tessera` executable, for tests that run the command itself. `swift build
/// --build-tests` (and so `swift test`) builds it beside the test bundle, so a test that cannot
/// find it fails rather than skips: `try #require(TesseraExecutable.url, TesseraExecutable.missing)`.
public enum TesseraExecutable {
    /// The message for a test that needs the executable and has none.
    public static let missing = "the tessera executable is not built (swift build --build-tests)"

    /// `$TESSERA_BINARY` (to run the process tests against another build, e.g. to see a new test
    /// fail on the code before a change), else `tessera` beside the test bundle or in `.build/debug`.
    public static let url: URL? = {
        if let path = ProcessInfo.processInfo.environment["TESSERA_BINARY"] { return URL(fileURLWithPath: path) }
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let folders = [
            bundleFolder, bundleFolder.deletingLastPathComponent(),
            Corpus.packageRoot.appendingPathComponent(".build/debug"),
        ]
        return folders.map { $0.appendingPathComponent("tessera") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}
