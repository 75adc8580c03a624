import ArgumentParser
import BrandContext
import Foundation
import Policy

/// `tessera lint` — brand, claims, link, legal and creepiness rules over templates and blocks.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check templates and blocks against the brand: voice, claims, palette, links, CTAs, legal, creepiness.",
        discussion: """
            Lints every template (templates/*.mjml), partial (templates/*/…) and block (blocks/*.mjml) of the project, or only the PATHS given (project-relative files or folders), against brand/. Each finding names file:line:col, a rule id (claims.unapproved, links.https, creepy.browse-quote, voice.Larchwood.Hedging…), a severity and a message. Rules are listed in docs/policy.md.

            Suppress a finding in the file's front matter, by rule id (or family, e.g. claims) with a reason:
              suppress:
                links.utm: "partner link, tracked by the partner"

            Exit status: 0 no error-level finding, 1 error-level findings, 2 could not run (brand or catalog errors).

            Examples:
              tessera lint                               everything, grouped by file
              tessera lint blocks/recs-grid.mjml --format line
              tessera lint --format sarif > lint.sarif   for code scanning
              tessera lint --format codeclimate > gl-code-quality.json   for GitLab
              tessera lint --now 2026-11-23              judge claim validity on a fixed day
            """
    )

    @Argument(help: "Files or folders to report on, relative to the project (default: all).") var paths: [String] = []
    @Option(help: "Project folder holding brand/, templates/, blocks/.") var project: String = "."
    @Option(help: "text, json, sarif, line or codeclimate (GitLab code quality).") var format: String = "text"
    @Option(help: "The day claims are judged on, YYYY-MM-DD (default: today).") var now: String?

    func run() throws {
        guard let fmt = LintFormat(rawValue: format) else {
            printError("error: --format expects \(LintFormat.allCases.map(\.rawValue).joined(separator: ", ")), found '\(format)'")
            throw ExitCode(2)
        }
        var day = CalendarDate.todayUTC
        if let now {
            // The whole value is checked (not only its first ten characters); the day is the one written.
            guard ISOTimestamp.parse(now) != nil, let d = CalendarDate(String(now.prefix(10))) else {
                printError("error: --now expects YYYY-MM-DD (or an ISO 8601 time), found '\(now)'")
                throw ExitCode(2)
            }
            day = d
        }
        let root = URL(fileURLWithPath: project)
        let report = Linter.run(LintOptions(project: root, paths: paths, now: day))
        if !report.setupErrors.isEmpty {
            for e in report.setupErrors { printError("\(e)") }
            printError("lint could not run: fix the errors above")
            throw ExitCode(2)
        }
        let colour = fmt == .text && Terminal.standardOutputColours
        FileHandle.standardOutput.write(Data(LintOutput.render(report, as: fmt, colour: colour).utf8))
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
