import ArgumentParser
import Assembly
import Foundation
import Policy

/// `tessera explain` — why one recipient gets what it gets.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one recipient's message: per slot, every candidate block and what happened to it.",
        discussion: """
            Prints the template choice, consent and holdout decisions, then for each slot every candidate block with its outcome: chosen, ineligible (which condition was false), wrong locale, unusable claim, outranked (by which blocks), dropped by a guard rule, or the slot's fallback. Ends with the status and, when rendered, subject, blocks, claims and personal signal classes.

            Examples:
              tessera explain --recipients examples/recipients.ndjson --id r000042
              tessera explain --recipients examples/recipients.ndjson --id r000042 \\
                  --template winback --now 2026-11-23
            """
    )

    @OptionGroup var project: ProjectOptions
    @Option(help: "Recipients NDJSON file.") var recipients: String
    @Option(help: "The recipient id to explain.") var id: String
    @Option(help: "Template id when the decision names none (as in render).") var template: String?

    func run() throws {
        let now = try project.clock()
        let (brand, catalog) = try project.load()
        let assembler = Assembler(
            catalog: catalog, brand: brand,
            options: AssemblyOptions(defaultTemplate: template, now: now, recipientGuard: PolicyGuard(brand: brand, catalog: catalog)))
        guard let data = FileManager.default.contents(atPath: recipients) else {
            printError("error: cannot read recipients file '\(recipients)'"); throw ExitCode(2)
        }
        var number = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            guard case .success(let record) = RecipientRecord.read(line, line: number), record.id == id else { continue }
            print(Explainer.explain(record, assembler: assembler), terminator: "")
            return
        }
        printError("error: no recipient with id '\(id)' in \(recipients)")
        throw ExitCode(1)
    }
}
