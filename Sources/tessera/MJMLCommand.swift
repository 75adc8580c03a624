import ArgumentParser

/// `tessera mjml` — placeholder until issue #3 lands; replaced by its real command.
struct MJMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mjml",
        abstract: "(arrives with issue #3)"
    )

    func run() throws {
        throw ValidationError("'tessera mjml' is not available in this build yet (issue #3).")
    }
}
