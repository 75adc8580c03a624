import ArgumentParser
import Foundation
import Lift
import Pipeline
import TextEscaping

/// `tessera generate-conversions` — synthetic conversions with a known true effect.
struct GenerateConversionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-conversions",
        abstract: "Write synthetic conversions (NDJSON) for a journal's randomized recipients, with a known true lift.",
        discussion: """
            Every randomized recipient of the runs converts with probability --base-rate if held out and --base-rate × (1 + --lift) otherwise (treatment, or no holdout draw); experiment arms get no effect of their own (a null the report should not call significant). Converters convert once, at a uniform time within --window after the run's clock, with a log-normal order value (median --value); --late adds conversions after the window, which the report must not count. The same journal and --seed give the same bytes.

            Examples:
              tessera generate-conversions --journal out/journal.sqlite \\
                  --lift 0.05 --seed 7 --out out/conversions.ndjson
              tessera generate-conversions --journal out/journal.sqlite \\
                  --lift 0.2 --base-rate 0.1 > conversions.ndjson
            """
    )

    @Option(help: "The run journal written by render --journal: a SQLite file or postgres://USER@HOST:PORT/DB.") var journal: String
    @Option(name: .customLong("run"), help: "A run id (repeatable; default: every run).") var runs: [String] = []
    @Option(help: "The true relative lift of treatment over holdout (0.05 = +5%).") var lift: Double
    @Option(help: "The holdout's conversion probability.") var baseRate: Double = 0.05
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Conversions fall within this window after the send (as lift's --window).") var window: String = "7d"
    @Option(help: "Median order value.") var value: Double = 60
    @Option(help: "Share of recipients who also convert after the window (not counted by lift).") var late: Double = 0.01
    @Option(help: "Output file, or - for standard output.") var out: String = "-"
    @Flag(help: "Replace --out even when it is a binary file (a database, an archive), not earlier output.") var force = false

    func validate() throws {
        if Window(window) == nil { throw ValidationError("--window '\(window)': expected a positive number and a unit s, m, h, d or w (e.g. 7d)") }
        if !(baseRate >= 0 && baseRate <= 1) { throw ValidationError("--base-rate \(baseRate): expected a probability between 0 and 1") }
        if !(lift > -1 && baseRate * (1 + lift) <= 1) {
            throw ValidationError("--lift \(lift): expected above -1 and with --base-rate × (1 + lift) at most 1 (here \(baseRate * (1 + lift)))")
        }
        if !(late >= 0 && late <= 1) { throw ValidationError("--late \(late): expected a share between 0 and 1") }
        if !(value > 0) { throw ValidationError("--value \(value): expected a positive amount") }
    }

    func run() throws {
        try exitingOnError {
            let source = try LiftJournal(path: journal, runIDs: runs)
            let lists = try source.journal.listTexts()
            let window = Window(self.window)!.seconds
            var rng = SeededGenerator(seed: seed)
            let file = out == "-" ? nil : try ReplacementFile(out, force: force)
            let handle = file?.handle ?? .standardOutput
            var buffer = ""
            for run in source.runs {
                let sent = run.now.timeIntervalSince1970
                try source.journal.randomizedRecipients(run) { id, assignments in
                    let heldOut = LiftJournal.items(lists[assignments]).contains("holdout=holdout")
                    let p = heldOut ? baseRate : baseRate * (1 + lift)
                    // Fixed draws per recipient (converted, time, value, late), whatever the branch.
                    let (u, t, v, l) = (rng.unit(), rng.unit(), rng.normal(), rng.unit())
                    let amount = (value * exp(0.6 * v) * 100).rounded() / 100
                    if u < p { buffer += Self.line(id: id, at: sent + t * window, value: amount) }
                    if l < late { buffer += Self.line(id: id, at: sent + window * (1 + t), value: amount) }
                    if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
                }
            }
            handle.write(Data(buffer.utf8))
            try file?.commit()
        }
    }

    static func line(id: String, at: Double, value: Double) -> String {
        return "{\"id\":\(JSONString.quoted(id)),\"at\":\"\(Timestamp.format(at))\",\"value\":\(value),\"event\":\"purchase\"}\n"
    }
}
