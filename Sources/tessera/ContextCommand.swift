import ArgumentParser

/// `tessera context` — placeholder until issue #2 lands; replaced by its real command.
struct ContextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract: "(arrives with issue #2)"
    )

    func run() throws {
        throw ValidationError("'tessera context' is not available in this build yet (issue #2).")
    }
}
