import ArgumentParser
import Foundation
import TextEscaping
import Voice

/// `tessera voice` — lint prose against Vale-style rules, with Vale's outputs and exit codes.
struct VoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voice",
        abstract: "Lint copy (Markdown, HTML, MJML, text) against Vale-style voice rules.",
        discussion: """
            The configuration is --config, else the first .vale.ini (or .vale, _vale, vale.ini, _vale.ini) found from the current folder upward, or --styles DIR to use a styles folder (such as brand/voice) without an ini. Use '-' to read text from stdin.

            Exit status: 0 when no alert is an error, 1 when some alert is an error, 2 on a runtime or configuration error.

            Examples:
              tessera voice docs/
              tessera voice --output JSON --minAlertLevel warning blocks/*.mjml
              tessera voice --styles brand/voice --output sarif blocks/ > voice.sarif
              echo 'This is very good.' | tessera voice --ext md -
            """
    )

    @Option(name: .long, help: "The .vale.ini to use.")
    var config: String?

    @Option(name: .long, help: "A styles folder to use without a .vale.ini (e.g. brand/voice): all its styles and vocabularies.")
    var styles: String?

    @Option(name: .long, help: "Output format: line, JSON, CLI or sarif.")
    var output: String = "CLI"

    @Option(name: .customLong("minAlertLevel"), help: "Lowest level reported: suggestion, warning or error.")
    var minAlertLevel: String?

    @Option(name: .long, help: "Format of stdin text (e.g. md, html, mjml, txt).")
    var ext: String?

    @Flag(name: .customLong("ignore-syntax"), help: "Lint every file as plain text.")
    var ignoreSyntax = false

    @Argument(help: "Files, folders, or '-' for stdin.")
    var paths: [String] = []

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        guard let format = OutputFormat(rawValue: output) ?? OutputFormat.allCases.first(where: { $0.rawValue.lowercased() == output.lowercased() })
        else {
            throw failure("unknown --output '\(output)' (expected line, JSON, CLI or sarif)", format: .CLI)
        }
        do {
            var cfg: VoiceConfig
            if let styles, config == nil {
                cfg = try VoiceConfig.styles(folder: URL(fileURLWithPath: styles, relativeTo: cwd).standardizedFileURL)
            } else {
                guard let url = config.map({ URL(fileURLWithPath: $0, relativeTo: cwd) }) ?? PathRunner.findConfig(from: cwd) else {
                    throw failure(
                        "E100 [.vale.ini not found] Runtime error: no .vale.ini found from \(cwd.path) upward (use --config or --styles)",
                        format: format)
                }
                cfg = try VoiceConfig.load(url)
            }
            if let lv = minAlertLevel {
                guard let s = Severity(name: lv) else {
                    throw failure("--minAlertLevel must be suggestion, warning or error (got '\(lv)')", format: format)
                }
                cfg.minAlertLevel = s
            }
            let linter = try VoiceLinter(config: cfg, ignoreSyntax: ignoreSyntax)
            var runner = PathRunner(linter: linter, cwd: cwd)
            runner.forcedFormat = ext.map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
            var stdin: String? = nil
            if paths.isEmpty || paths.contains("-") {
                stdin = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            }
            let files = try runner.run(paths, stdin: stdin)
            let tty = Terminal.standardOutputColours
            print(AlertFormatter.render(files, as: format, linted: files.count, color: tty), terminator: "")
            throw ExitCode(PathRunner.exitStatus(files))
        } catch let e as VoiceError {
            // Vale's error shapes: E201 (a bad rule or config, with a position) or E100.
            let code = e.line > 0 ? "E201" : "E100"
            switch format {
            case .JSON:
                let text =
                    "{\"Line\": \(e.line), \"Path\": \(AlertFormatter.goString(e.path)), \"Text\": \(AlertFormatter.goString(e.message)), \"Code\": \"\(code)\", \"Span\": [\(max(e.column, 1)), \(max(e.column, 1))]}\n"
                FileHandle.standardError.write(Data(text.utf8))
            case .line:
                FileHandle.standardError.write(Data("\(e.path):\(e.line):\(code):\(e.message)\n".utf8))
            default:
                FileHandle.standardError.write(Data("tessera voice: \(e.description)\n".utf8))
            }
            throw ExitCode(2)
        }
    }

    /// Prints `message` in the shape of `format`; gives exit status 2 to throw.
    private func failure(_ message: String, format: OutputFormat) -> ExitCode {
        if format == .JSON {
            FileHandle.standardError.write(Data("{\"Code\": \"E100\", \"Text\": \(JSONString.quoted(message))}\n".utf8))
        } else {
            FileHandle.standardError.write(Data("tessera voice: \(message)\n".utf8))
        }
        return ExitCode(2)
    }
}
