import ArgumentParser

@main
struct Tessera: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tessera",
        abstract: "Content assembly and brand-context engine: brand rules in, checked per-recipient email and pages out.",
        discussion: """
            Typical flow:
              tessera render --recipients examples/recipients.ndjson \\
                  --out out/messages.ndjson
              tessera view --template welcome --id r000001   one message, in the browser
              tessera explain --recipients examples/recipients.ndjson --id r000042
              tessera generate-recipients --count 1000 --seed 7 > recipients.ndjson
              tessera context build          validate brand/ and index it into SQLite
              tessera claims --market US     approved claims usable in a context
              tessera mjml email.mjml -o email.html    MJML to responsive HTML
              tessera liquid block.liquid --data d.json
              tessera voice blocks/          lint copy against the brand's voice rules
              tessera lint                   check templates and blocks against the brand
              tessera lift --journal J --conversions C    lift of each comparison

            Run 'tessera help SUBCOMMAND' for the options of each command.
            """,
        version: "0.1.0",
        subcommands: [
            RenderCommand.self,
            RunsCommand.self,
            JournalCommand.self,
            ExplainCommand.self,
            ViewCommand.self,
            GenerateRecipientsCommand.self,
            ContextCommand.self,
            ClaimsCommand.self,
            MJMLCommand.self,
            LiquidCommand.self,
            VoiceCommand.self,
            LintCommand.self,
            PreviewCommand.self,
            LiftCommand.self,
            GenerateConversionsCommand.self,
            ServeCommand.self,
            MCPCommand.self,
            LSPCommand.self,
        ]
    )
}
