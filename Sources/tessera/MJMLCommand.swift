import ArgumentParser
import Foundation
import MJML

/// `tessera mjml` — render MJML to responsive HTML (or its plain-text part).
struct MJMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mjml",
        abstract: "Render MJML to MJML-4-compatible responsive HTML (or, with --text, the plain-text part).",
        discussion: """
            Examples:
              tessera mjml email.mjml -o email.html
              tessera mjml email.mjml --text
              tessera mjml email.mjml --minify -o email.min.html
              cat email.mjml | tessera mjml - --validation strict
              tessera mjml --bench 2000 email.mjml

            Warnings go to stderr as FILE:LINE:COL. With --validation strict, any problem fails (exit 1).
            """
    )

    @Argument(help: "The MJML file to render, or '-' for standard input.")
    var input: String

    @Option(name: [.short, .customLong("output")], help: "Write the result to this file instead of stdout.")
    var output: String?

    @Option(help: "Validation level: strict (problems are errors), soft (warnings) or skip.")
    var validation: String = "soft"

    @Flag(help: "Replace -o/--output even when it is a binary file (a database, an archive), not earlier output.")
    var force = false

    @Flag(help: "Write the plain-text rendering instead of HTML.")
    var text = false

    @Option(help: "Folder mj-include paths resolve under (default: the input file's folder).")
    var includeRoot: String?

    @Flag(help: "Leave <mj-style inline=\"inline\"> rules in the head instead of inlining them.")
    var noInlineCSS = false

    @Flag(help: "Collapse the HTML's whitespace (MJML's minify option).")
    var minify = false

    @Flag(help: "Indent the HTML by nesting (MJML's beautify option).")
    var beautify = false

    @Option(help: "Render N times in-process after warm-up and print the median time.")
    var bench: Int?

    /// The most runs --bench may ask for (each run's time is kept to find the median).
    static let maxBenchRuns = 1_000_000

    /// --bench times the HTML render and writes nothing: -o and --text would be silently ignored;
    /// --minify and --beautify shape HTML, so they exclude each other and --text.
    func validate() throws {
        if minify && beautify { throw ValidationError("--minify and --beautify exclude each other: choose one") }
        if text && (minify || beautify) {
            throw ValidationError("--text writes plain text: \(minify ? "--minify" : "--beautify") has no effect with it")
        }
        guard let bench else { return }
        guard (1...Self.maxBenchRuns).contains(bench) else {
            throw ValidationError("--bench expects 1 to \(Self.maxBenchRuns) runs, found \(bench)")
        }
        if output != nil { throw ValidationError("--bench writes no output: -o/--output has no effect with it") }
        if text { throw ValidationError("--bench times the HTML render: --text has no effect with it") }
    }

    func run() throws {
        guard let level = MJMLValidationLevel(rawValue: validation) else {
            throw ValidationError("--validation must be strict, soft or skip (got '\(validation)')")
        }
        let bytes: [UInt8]
        let fileName = input == "-" ? "<stdin>" : input
        if input == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: input) else {
                throw ValidationError("\(input): cannot read file")
            }
            bytes = Array(data)
        }
        let root =
            includeRoot
            ?? (input == "-"
                ? FileManager.default.currentDirectoryPath
                : URL(fileURLWithPath: input).deletingLastPathComponent().path)
        let options = MJMLParseOptions(includeRoot: root, validation: level, fileName: fileName)
        let document = MJML.parse(bytes: bytes, options: options)
        for d in document.diagnostics {
            FileHandle.standardError.write(Data("\(d)\n".utf8))
        }
        if level == .strict && document.hasErrors {
            throw ExitCode(1)
        }
        let format: MJMLOutputFormat = minify ? .minified : beautify ? .beautified : .standard
        let renderOptions = MJMLRenderOptions(inlineCSS: !noInlineCSS, format: format)
        if let n = bench {
            try runBench(document, renderOptions, n)
            return
        }
        let result = text ? MJML.renderText(document) : MJML.render(document, options: renderOptions)
        if let output {
            do {
                let file = try ReplacementFile(output, force: force)
                file.handle.write(Data(result.utf8))
                try file.commit()
            } catch let error as OutputFileError {
                FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
                throw ExitCode(2)
            }
        } else {
            FileHandle.standardOutput.write(Data(result.utf8))
        }
    }

    private func runBench(_ document: MJMLDocument, _ options: MJMLRenderOptions, _ n: Int) throws {
        for _ in 0..<min(50, n) { _ = MJML.renderBytes(document, options: options) }
        var times: [Double] = []
        times.reserveCapacity(n)
        for _ in 0..<n {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = MJML.render(document, options: options)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
        }
        times.sort()
        print(String(format: "mjml-render: median %.1f us over %d runs", times[times.count / 2], n))
    }
}
