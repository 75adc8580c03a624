import Foundation

/// Where the public conformance corpora live: `$TESSERA_CORPUS`, else `../shared/corpus` beside
/// the package root. A user's clone has none; corpus tests are then reported as skipped
/// (`@Test(.enabled(if: Corpus.has("mjml"), Comment(rawValue: Corpus.absentNote)))`).
public enum Corpus {
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    public static var root: URL? {
        let candidates: [URL] = [
            ProcessInfo.processInfo.environment["TESSERA_CORPUS"].map { URL(fileURLWithPath: $0) },
            packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus"),
        ].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Why a corpus test was skipped.
    public static let absentNote = "needs the conformance corpora: set TESSERA_CORPUS or clone ../shared beside the project"

    /// Whether the corpus folder `name` is present.
    public static func has(_ name: String) -> Bool { folder(name) != nil }

    /// The folder `name` inside the corpus, or nil when it is absent.
    public static func folder(_ name: String) -> URL? {
        guard let url = root?.appendingPathComponent(name),
            FileManager.default.fileExists(atPath: url.path)
        else { return nil }
        return url
    }

    /// A file under the project itself (e.g. `brand/`), for tests of the shipped example.
    public static func project(_ relative: String) -> URL {
        packageRoot.appendingPathComponent(relative)
    }
}
