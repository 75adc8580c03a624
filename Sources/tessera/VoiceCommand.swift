import ArgumentParser

/// `tessera voice` — placeholder until issue #5 lands; replaced by its real command.
struct VoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voice",
        abstract: "(arrives with issue #5)"
    )

    func run() throws {
        throw ValidationError("'tessera voice' is not available in this build yet (issue #5).")
    }
}
