import ArgumentParser

/// `tessera liquid` — placeholder until issue #4 lands; replaced by its real command.
struct LiquidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liquid",
        abstract: "(arrives with issue #4)"
    )

    func run() throws {
        throw ValidationError("'tessera liquid' is not available in this build yet (issue #4).")
    }
}
