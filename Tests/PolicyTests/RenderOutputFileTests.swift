import Foundation
import TestSupport
import Testing

/// `tessera render --out PATH` writes through PATH like a shell's `>`: a symlink stays a symlink
/// (and so `/dev/null` stays a device), instead of being replaced by a renamed temporary file.
@Suite struct RenderOutputFileTests {
    @Test func outputThroughSymlinkKeepsTheLink() throws {
        let tessera = try #require(TesseraExecutable.url, Comment(rawValue: TesseraExecutable.missing))
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("render-out-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.ndjson")
        try (RenderCommandTests.line("r1") + "\n").write(to: input, atomically: true, encoding: .utf8)
        let target = dir.appendingPathComponent("target.ndjson"), link = dir.appendingPathComponent("link.ndjson")
        try "old contents that must be truncated\n".write(to: target, atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(at: link, withDestinationURL: target)

        let p = Process()
        p.executableURL = tessera
        p.arguments = [
            "render", "--project", PolicyFixtures.root.path, "--recipients", input.path, "--out", link.path,
            "--now", "2026-11-23T09:00:00Z", "--quiet", "--force",
        ]  // the target is not Tessera output
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)

        let attributes = try fm.attributesOfItem(atPath: link.path)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.hasPrefix(#"{"id":"r1""#))
        #expect(!written.contains("old contents"))
    }
}
