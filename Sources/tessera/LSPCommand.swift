import ArgumentParser
import BrandContext
import Foundation
import LanguageServer

/// `tessera lsp` — brand findings in the editor, as a Language Server Protocol server on stdio.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Lint templates, blocks and brand files as they are typed (Language Server Protocol, stdio).",
        discussion: """
            An editor starts `tessera lsp` and talks JSON-RPC on its standard input and output (docs/editors.md: VS Code, Neovim, Helix). Diagnostics for templates, partials, blocks and brand/*.yaml on open and on every change (the unsaved text is linted); hover on claim ids, data paths and block ids; completion of claim ids, slots, tags, data paths and Liquid filters and tags; quick fixes (a voice substitution, a suppression in front matter); go to definition of mj-include paths, claim ids and block ids.

            Without --project the project is the editor's workspace folder. Changes to files on disk are picked up without a restart.

            Examples:
              tessera lsp
              tessera lsp --project /path/to/brand-project --debounce-ms 100
            """
    )

    @Option(help: "Project folder holding brand/, templates/ and blocks/ (default: the editor's workspace folder).") var project: String?
    @Option(help: "Milliseconds without a change before a document is linted again.") var debounceMs: Int = 200
    @Flag(help: "Do not watch the project for changes.") var noWatch = false
    @Option(help: "Largest message (one document's text and then some) in bytes.") var maxMessageBytes: Int = MessageFramer.Limits().bodyBytes
    @Option(help: "Largest header section of a message in bytes.") var maxHeaderBytes: Int = MessageFramer.Limits().headerBytes
    @Option(help: "The day claims are judged on, YYYY-MM-DD (default: today).") var now: String?

    func validate() throws {
        for (flag, value) in [("--max-message-bytes", maxMessageBytes), ("--max-header-bytes", maxHeaderBytes)] where value < 1 {
            throw ValidationError("\(flag) must be at least 1, found \(value)")
        }
        guard (0...60_000).contains(debounceMs) else { throw ValidationError("--debounce-ms must be 0 to 60000, found \(debounceMs)") }
        if let now, CalendarDate(now) == nil { throw ValidationError("--now expects YYYY-MM-DD naming a real day, found '\(now)'") }
        if let project, !FileManager.default.fileExists(atPath: URL(fileURLWithPath: project).appendingPathComponent("brand").path) {
            throw ValidationError("--project \(project) has no brand/ folder (expected brand/, templates/ and blocks/)")
        }
    }

    func run() throws {
        var options = LanguageServer.Options(project: project.map { URL(fileURLWithPath: $0) })
        options.debounce = Double(debounceMs) / 1000
        options.watch = !noWatch
        options.limits.bodyBytes = maxMessageBytes
        options.limits.headerBytes = maxHeaderBytes
        options.now = now.flatMap(CalendarDate.init)
        let status = LanguageServer.runStdio(options)
        if status != 0 { throw ExitCode(status) }
    }
}
