import ArgumentParser

/// `tessera claims` — placeholder until issue #2 lands; replaced by its real command.
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "(arrives with issue #2)"
    )

    func run() throws {
        throw ValidationError("'tessera claims' is not available in this build yet (issue #2).")
    }
}
