import ArgumentParser
import Assembly
import BrandContext
import Foundation

/// `tessera generate-recipients` — synthetic recipients for demos and benchmarks.
struct GenerateRecipientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-recipients",
        abstract: "Write realistic synthetic recipients (NDJSON) covering every selection branch.",
        discussion: """
            Records vary locale and market (en-US, en-CA, fr-CA), consents, segments (incl. churned), the decision (a template, or an action; offers; treatment, holdout and customer_managed groups), profile (first name, loyalty tier and points, city, nearest store, last order, cart), events (views, purchases, support tickets with sentiment, returns) and recommendations. A few lines are deliberately broken: truncated JSON, a record without id, a recommendation without an image (a missing variable: the recipient is held). The same --seed and --now give the same bytes.

            Examples:
              tessera generate-recipients --count 500 --seed 1 \\
                  --now 2026-11-23T09:00:00Z > examples/recipients.ndjson
              tessera generate-recipients --count 100000 --welcome-only > /tmp/bench.ndjson
            """
    )

    @Option(help: "Number of records.") var count: Int
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Clock the event dates are relative to (ISO 8601; default 2026-11-23T09:00:00Z, so output is reproducible).") var now: String =
        "2026-11-23T09:00:00Z"
    @Flag(help: "Only welcome-email decisions and no broken lines (the benchmark's input).") var welcomeOnly = false
    @Option(help: "Output file, or - for standard output.") var out: String = "-"
    @Flag(help: "Replace --out even when it is a binary file (a database, an archive), not earlier output.") var force = false

    func validate() throws {
        if count < 0 { throw ValidationError("--count must be 0 or more") }
        if ISOTimestamp.parse(now) == nil {
            throw ValidationError("--now expects an ISO 8601 timestamp naming a real day and time, such as 2026-11-23T09:00:00Z; found '\(now)'")
        }
    }

    func run() throws {
        var gen = RecipientGenerator(seed: seed, now: ISOTimestamp.parse(now)!)
        gen.welcomeOnly = welcomeOnly
        let file: ReplacementFile?
        do { file = out == "-" ? nil : try ReplacementFile(out, force: force) } catch let error as OutputFileError {
            printError("error: \(error.description)"); throw ExitCode(2)
        }
        let handle = file?.handle ?? .standardOutput
        var buffer = ""
        for i in 0..<count {
            buffer += gen.line(i + 1)
            buffer += "\n"
            if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
        }
        handle.write(Data(buffer.utf8))
        do { try file?.commit() } catch let error as OutputFileError {
            printError("error: \(error.description)"); throw ExitCode(2)
        }
    }
}
