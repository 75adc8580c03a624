import ArgumentParser
import Foundation
import Lift

/// `tessera lift` — what each randomized comparison (holdout, content experiment) changed.
struct LiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lift",
        abstract: "Report the lift of every randomized comparison in a run journal against conversions.",
        discussion: """
            Joins the journal's randomized recipients (Tessera's holdout draw per template, and the arms of content experiments) with a conversions file (NDJSON or .csv with id, at, and optionally value and event). A conversion counts for a recipient when it falls within --window after the run's clock (its --now). Comparisons: holdout against treatment per template (--by template), each experiment arm against the first (--by experiment), both again within each segment (--by segment), holdout against treatment within each arm (--by arm). Statistics as GrowthBook's frequentist engine: Welch's t, the delta method for the relative lift, Benjamini-Hochberg adjusted p-values, a chi-square sample-ratio test per template and experiment, and with --sequential always-valid confidence sequences. Recipients who got a block are never compared with those who did not: selection decided that, so it is not an effect. Formulas: docs/lift.md.

            Examples:
              tessera lift --journal out/journal.sqlite \\
                  --conversions out/conversions.ndjson
              tessera lift --journal out/journal.sqlite --conversions orders.csv \\
                  --metric revenue --by template --by segment --format json
              tessera lift --journal out/journal.sqlite --conversions c.ndjson \\
                  --sequential --format html --out out/lift.html
            """
    )

    @Option(help: "The run journal written by render --journal: a SQLite file or postgres://USER@HOST:PORT/DB.") var journal: String
    @Option(name: .customLong("run"), help: "A run id to read (repeatable; default: every run in the journal).") var runs: [String] = []
    @Option(help: "Conversions: NDJSON, or CSV when the name ends in .csv.") var conversions: String
    @Option(help: "Count only conversions whose event is NAME.") var event: String?
    @Option(help: "How long after the send a conversion counts: a number and s, m, h, d or w.") var window: String = "7d"
    @Option(help: "conversion (converted or not) or revenue (sum of values).") var metric: String = "conversion"
    @Option(name: .customLong("by"), help: "template, experiment, segment or arm (repeatable; default: template and experiment).") var breakdowns:
        [String] = []
    @Option(help: "Significance level: intervals are 1 - alpha.") var alpha: Double = 0.05
    @Flag(help: "Always-valid intervals and p-values (confidence sequences): safe to read at any time.") var sequential = false
    @Option(help: "With --sequential: the number of recipients the sequence is tightest at.") var sequentialTuning: Double = 5_000
    @Option(help: "Flag a sample-ratio mismatch below this p-value.") var srmThreshold: Double = SampleRatioCheck.defaultThreshold
    @Option(help: "text, json or html.") var format: String = "text"
    @Option(help: "Write the report here instead of standard output.") var out: String?
    @Flag(help: "Replace --out even when it is a binary file (a database, an archive), not an earlier report.") var force = false

    func validate() throws {
        if Window(window) == nil { throw ValidationError("--window '\(window)': expected a positive number and a unit s, m, h, d or w (e.g. 7d)") }
        if Metric(rawValue: metric) == nil { throw ValidationError("--metric '\(metric)': expected conversion or revenue") }
        for b in breakdowns where Breakdown(rawValue: b) == nil {
            throw ValidationError("--by '\(b)': expected template, experiment, segment or arm")
        }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha \(alpha): expected a number between 0 and 1 (e.g. 0.05)") }
        if !(srmThreshold > 0 && srmThreshold < 1) {
            throw ValidationError("--srm-threshold \(srmThreshold): expected a number between 0 and 1 (default 0.001)")
        }
        if !(sequentialTuning >= 1) { throw ValidationError("--sequential-tuning \(sequentialTuning): expected a number of recipients, 1 or more") }
        if !["text", "json", "html"].contains(format) { throw ValidationError("--format '\(format)': expected text, json or html") }
    }

    func run() throws {
        var settings = LiftSettings()
        settings.metric = Metric(rawValue: metric)!
        settings.window = Window(window)!
        settings.alpha = alpha
        settings.inference = sequential ? .sequential(tuning: sequentialTuning) : .fixed
        if !breakdowns.isEmpty { settings.breakdowns = Set(breakdowns.compactMap(Breakdown.init(rawValue:))) }
        settings.srmThreshold = srmThreshold
        try exitingOnError {
            let source = try LiftJournal(path: journal, runIDs: runs)
            settings.deduplicate = source.runs.count > 1
            var notes: [String] = []
            let randomizations = try source.randomizations(notes: &notes)
            notes += try source.unrandomizedNotes()
            var reader = ConversionReader(event: event)
            let index = try reader.read(path: conversions)
            for e in reader.errors { printError("warning: \(e)") }
            if reader.badLines > 0 {
                notes.append(
                    "\(reader.badLines) lines of \(conversions) could not be read and were left out (the first \(reader.errors.count) are listed on standard error)."
                )
            }
            let analysis = LiftAnalysis(settings: settings, randomizations: randomizations, conversions: index)
            try source.feed(analysis)
            let report = analysis.report(notes: notes)
            let text: String
            switch format {
            case "json": text = report.json()
            case "html": text = report.html(title: "Lift: \(source.runs.map(\.id).joined(separator: ", "))")
            default: text = report.text()
            }
            if let out {
                let file = try ReplacementFile(out, force: force)
                file.handle.write(Data(text.utf8))
                try file.commit()
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}
