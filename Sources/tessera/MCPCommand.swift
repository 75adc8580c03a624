import ArgumentParser
import Foundation
import MCPServer

/// `tessera mcp` — the brand context for AI agents, as a Model Context Protocol server on stdio.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the brand context to AI agents over the Model Context Protocol (stdio).",
        discussion: """
            An MCP client (Claude Desktop, Claude Code, Cursor, VS Code, the MCP SDKs) starts `tessera mcp` and talks JSON-RPC on its standard input and output (docs/mcp.md). Tools: search_claims, get_claim, brand_guidelines, voice_rules, lint_copy, check_claims, list_templates, list_blocks, render_preview, explain_selection. Resources: tessera://brand, tessera://claims, tessera://claims/{id}, tessera://voice, tessera://templates/{id}, tessera://blocks/{id}. Prompts: write_block, review_copy.

            Changes under brand/, templates/ and blocks/ are picked up without a restart (a change that does not compile keeps the last good project; its errors go to standard error). The same server is at /mcp on `tessera serve`.

            Examples:
              tessera mcp --project /path/to/brand-project
              tessera mcp --max-text-bytes 131072
            """
    )

    @Option(help: "Project folder holding brand/, templates/ and blocks/.") var project: String = "."
    @Flag(help: "Do not watch the project for changes.") var noWatch = false
    @Option(help: "Seconds between two looks at the project's files.") var watchInterval: Double = 0.3
    @Option(help: "Largest draft (text argument) in bytes.") var maxTextBytes: Int = MCPLimits().textBytes
    @Option(help: "Largest recipient (render_preview, explain_selection) in bytes of JSON.") var maxRecipientBytes: Int = MCPLimits().recipientBytes
    @Option(help: "Largest JSON-RPC message (one line) in bytes.") var maxMessageBytes: Int = MCPLimits().messageBytes

    func validate() throws {
        for (flag, value) in [
            ("--max-text-bytes", maxTextBytes), ("--max-recipient-bytes", maxRecipientBytes), ("--max-message-bytes", maxMessageBytes),
        ] where value < 1 {
            throw ValidationError("\(flag) must be at least 1, found \(value)")
        }
        guard watchInterval >= 0.05, watchInterval.isFinite else {
            throw ValidationError("--watch-interval must be at least 0.05 seconds, found \(watchInterval)")
        }
        guard FileManager.default.fileExists(atPath: URL(fileURLWithPath: project).appendingPathComponent("brand").path) else {
            throw ValidationError("--project \(project) has no brand/ folder (expected brand/, templates/ and blocks/)")
        }
    }

    func run() async throws {
        var options = StdioServer.Options(project: URL(fileURLWithPath: project))
        options.watch = !noWatch
        options.watchInterval = watchInterval
        options.limits.textBytes = maxTextBytes
        options.limits.recipientBytes = maxRecipientBytes
        options.limits.messageBytes = maxMessageBytes
        let status = await StdioServer.run(options)
        if status != 0 { throw ExitCode(status) }
    }
}
