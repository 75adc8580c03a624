import Foundation

/// What the fuzz targets share.
///
/// Each target is one harness, `LLVMFuzzerTestOneInput`, exported with `@_cdecl`. Built by
/// `scripts/fuzz` (`--sanitize fuzzer --sanitize address -Xswiftc -DFUZZING`), libFuzzer's own
/// `main` drives it. SwiftPM compiles a fuzzer build as a library (no top-level code), while a
/// plain `swift build` needs an entry point, so each target declares `@main` only when `FUZZING`
/// is not set: one source builds both ways, and the plain build is a replayer that runs the
/// harness over saved inputs (`FuzzLiquid crash-1234` reproduces a crash without libFuzzer).
public enum Fuzz {
    /// The bytes libFuzzer hands over (it may pass a null pointer for an empty input).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The replayer's `main`: runs `harness` over each file named on the command line (a folder:
    /// every file in it) and prints how many inputs ran. A crash ends the process, as in a fuzz run.
    public static func replay(_ harness: ([UInt8]) -> Void) {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            let name = (CommandLine.arguments.first as NSString?)?.lastPathComponent ?? "fuzz target"
            print("usage: \(name) FILE|DIR… (replays saved inputs; scripts/fuzz builds this target for libFuzzer)")
            return
        }
        var count = 0
        for path in paths {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    print("cannot read \(file)")
                    exit(2)
                }
                harness([UInt8](data))
                count += 1
            }
        }
        print("replayed \(count) input\(count == 1 ? "" : "s") without a crash")
    }

    private static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { (path as NSString).appendingPathComponent($0) }
    }
}
