import Foundation
import TestSupport
import Testing
import Yams

/// action.yml (the GitHub Action) and .pre-commit-hooks.yaml: valid YAML of the shape their
/// hosts read, and every tessera command they run exists with the flags they give it.
@Suite(.serialized) struct CIIntegrationFileTests {
    static let root = Corpus.packageRoot

    static func yaml(_ name: String) throws -> Any {
        let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
        return try #require(try Yams.load(yaml: text), "\(name) is empty")
    }

    /// The tool as ArgumentParser describes it (`--experimental-dump-help`).
    static func toolDescription() throws -> [String: Any] {
        let binary = try #require(TesseraBinary.url, "build tessera first (swift build)")
        let p = Process()
        p.executableURL = binary
        p.arguments = ["--experimental-dump-help"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(root["command"] as? [String: Any])
    }

    /// `words` (as `tessera` gets them) name a subcommand, and every `--flag` among them is one
    /// of its options.
    static func expectAccepted(_ words: [String], _ context: String) throws {
        var command = try toolDescription()
        var rest = words[...]
        while let word = rest.first, let sub = (command["subcommands"] as? [[String: Any]])?.first(where: { $0["commandName"] as? String == word }) {
            command = sub
            rest = rest.dropFirst()
        }
        #expect(rest.count < words.count, "\(context): tessera \(words.joined(separator: " ")) names no subcommand")
        let flags = Set(
            (command["arguments"] as? [[String: Any]] ?? []).flatMap { argument in
                (argument["names"] as? [[String: Any]] ?? []).compactMap {
                    $0["kind"] as? String == "long" ? "--\($0["name"] as? String ?? "")" : nil
                }
            })
        for word in rest where word.hasPrefix("--") {
            #expect(
                flags.contains(word),
                "\(context): tessera \(words.joined(separator: " ")): \(word) is not an option of that command (\(flags.sorted()))")
        }
    }

    /// The tessera invocations in a shell script (lines that start with `tessera`, `"$TESSERA"`
    /// or `"$bin"`): the words after it up to the first redirection or operator (variables stay
    /// as words: they are values).
    static func tesseraCommands(in script: String) -> [[String]] {
        script.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let first = words.first, ["tessera", "\"$TESSERA\"", "\"$bin\""].contains(first) else { return nil }
            var command: [String] = []
            for word in words.dropFirst() {
                if word.hasPrefix(">") || word.hasPrefix("|") || word == "&&" || word == ";" { break }
                command.append(word)
            }
            return command
        }
    }

    @Test func actionIsACompositeThatLintsToSARIFAndUploadsIt() throws {
        let action = try #require(try Self.yaml("action.yml") as? [String: Any])
        #expect(action["name"] is String && action["description"] is String)
        let inputs = try #require(action["inputs"] as? [String: Any])
        for input in ["project", "sarif-file", "fail-on-error"] { #expect(inputs[input] != nil, "input \(input)") }
        let runs = try #require(action["runs"] as? [String: Any])
        #expect(runs["using"] as? String == "composite")
        let steps = try #require(runs["steps"] as? [[String: Any]])
        var lintedToSARIF = false
        for step in steps {
            if let run = step["run"] as? String {
                // GitHub requires a shell on every run step of a composite action.
                #expect(step["shell"] as? String == "bash", "step \(step["name"] ?? "?") has no shell")
                for command in Self.tesseraCommands(in: run) where !command.isEmpty && command != ["--version"] {
                    try Self.expectAccepted(command, "action.yml")
                    if command.starts(with: ["lint"]), command.contains("sarif") { lintedToSARIF = true }
                }
            }
        }
        #expect(lintedToSARIF)
        let upload = steps.first { ($0["uses"] as? String)?.hasPrefix("github/codeql-action/upload-sarif@") == true }
        let with = try #require(upload?["with"] as? [String: Any], "no upload-sarif step")
        #expect(with["sarif_file"] as? String == "${{ inputs.sarif-file }}")
    }

    @Test func preCommitHooksLintTemplatesAndBlocksWithCommandsThatExist() throws {
        let hooks = try #require(try Self.yaml(".pre-commit-hooks.yaml") as? [[String: Any]])
        #expect(hooks.count >= 2)
        var coversChangedFiles = false
        for hook in hooks {
            let id = try #require(hook["id"] as? String)
            for key in ["name", "entry", "language"] { #expect(hook[key] is String, "\(id): \(key)") }
            #expect(["swift", "system"].contains(hook["language"] as? String ?? ""), "\(id)")
            let entry = try #require(hook["entry"] as? String).split(separator: " ").map(String.init)
            #expect(entry.first == "tessera", "\(id): \(entry)")
            try Self.expectAccepted(Array(entry.dropFirst()), ".pre-commit-hooks.yaml \(id)")
            let files = try #require(hook["files"] as? String, "\(id): no files pattern")
            let pattern = try NSRegularExpression(pattern: files)
            func matches(_ path: String) -> Bool { pattern.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil }
            if hook["pass_filenames"] as? Bool != false {
                // The files handed over are templates and blocks, which `tessera lint PATHS` takes.
                #expect(matches("templates/welcome.mjml") && matches("blocks/recs-grid.mjml") && matches("templates/partials/footer.mjml"), "\(id)")
                #expect(!matches("brand/claims.yaml") && !matches("README.md"), "\(id)")
                coversChangedFiles = true
            } else {
                #expect(matches("brand/claims.yaml") && !matches("blocks/recs-grid.mjml"), "\(id)")
            }
        }
        #expect(coversChangedFiles)
    }

    /// The hook as pre-commit runs it: the entry's words and then the changed files.
    @Test func preCommitEntryLintsTheFilesItIsGiven() throws {
        let hooks = try #require(try Self.yaml(".pre-commit-hooks.yaml") as? [[String: Any]])
        let hook = try #require(hooks.first { $0["id"] as? String == "tessera-lint" })
        let entry = try #require(hook["entry"] as? String).split(separator: " ").map(String.init)
        let p = Process()
        p.executableURL = try #require(TesseraBinary.url)
        p.currentDirectoryURL = Self.root
        p.arguments = Array(entry.dropFirst()) + ["--now", "2026-11-23", "blocks/recs-grid.mjml", "templates/welcome.mjml"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        // 0 clean or 1 findings: it ran on those files; 2 or 64 would be a broken hook.
        #expect([0, 1].contains(p.terminationStatus), "exit \(p.terminationStatus)")
    }
}
