import Foundation

/// Lints paths the way the `vale` command does: files and folders (walked, sorted), paths
/// printed relative to the current folder, plus Vale's exit status.
public struct PathRunner {
    public let linter: VoiceLinter
    public let cwd: URL
    /// Only files for which this returns true are linted (all by default).
    public var include: (String) -> Bool = { _ in true }
    /// `--ext`: the format to use for stdin and, when set, for every file.
    public var forcedFormat: String?

    public init(linter: VoiceLinter, cwd: URL) { self.linter = linter; self.cwd = URL(fileURLWithPath: cwd.path, isDirectory: true) }

    static let ignoredFolders: Set<String> = ["node_modules", ".git", ".svn", ".hg", ".bzr", "__pycache__", ".build"]

    /// Files under the given paths, in sorted order, as relative display paths.
    public func files(_ inputs: [String]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for input in inputs {
            let url = URL(fileURLWithPath: input, relativeTo: cwd)
            var dir: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &dir) else { continue }
            if !dir.boolValue { out.append(clean(input)); continue }
            guard let e = fm.enumerator(atPath: url.path) else { continue }
            while let rel = e.nextObject() as? String {
                let full = url.appendingPathComponent(rel)
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: full.path, isDirectory: &isDir) else { continue }  // vanished while listing
                let last = (rel as NSString).lastPathComponent
                if isDir.boolValue {
                    if PathRunner.ignoredFolders.contains(last) { e.skipDescendants() }
                    continue
                }
                // Dotfiles met while walking (the .vale.ini itself, editor files) are not copy.
                if last.hasPrefix(".") || last == "_vale" || last == "vale.ini" || last == "_vale.ini" { continue }
                let display = clean(input == "." ? rel : (input as NSString).appendingPathComponent(rel))
                out.append(display)
            }
        }
        return out.filter(include).sorted()
    }

    private func clean(_ p: String) -> String {
        var p = p
        while p.hasPrefix("./") { p.removeFirst(2) }
        return p
    }

    /// Lints files (and `-` for stdin text) and returns the alerts per file, sorted by path.
    public func run(_ inputs: [String], stdin: String? = nil) throws -> [FileAlerts] {
        var results: [FileAlerts] = []
        let fm = FileManager.default
        var paths: [String] = []
        var strings: [String] = []
        for i in inputs {
            if i == "-" { continue }
            if fm.fileExists(atPath: URL(fileURLWithPath: i, relativeTo: cwd).path) { paths.append(i) } else { strings.append(i) }
        }
        if let stdin, inputs.isEmpty || inputs.contains("-") { strings.append(stdin) }
        for s in strings {
            let ext = forcedFormat ?? "txt"
            let path = "stdin.\(ext)"
            results.append(FileAlerts(path: path, alerts: try linter.lint(text: s, format: ext, path: path)))
        }
        for f in files(paths) {
            guard linter.config.hasAnyRule(for: f) else { continue }
            let url = URL(fileURLWithPath: f, relativeTo: cwd)
            results.append(FileAlerts(path: f, alerts: try linter.lint(fileAt: url, displayPath: f, format: forcedFormat)))
        }
        return results.sorted { $0.path < $1.path }
    }

    /// Vale's exit status: 1 when any alert is an error, else 0.
    public static func exitStatus(_ files: [FileAlerts]) -> Int32 {
        files.contains { $0.alerts.contains { $0.severity == .error } } ? 1 : 0
    }

    /// The `.vale.ini` Vale would use from `folder`: the first of `.vale`, `_vale`, `vale.ini`,
    /// `.vale.ini`, `_vale.ini` found there or in a parent folder.
    public static func findConfig(from folder: URL) -> URL? {
        var dir = folder.standardizedFileURL
        while true {
            for name in [".vale", "_vale", "vale.ini", ".vale.ini", "_vale.ini"] {
                let u = dir.appendingPathComponent(name)
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: u.path, isDirectory: &isDir), !isDir.boolValue { return u }
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }
}
