import ArgumentParser
import Assembly
import BrandContext
import Foundation
import Preview

/// `tessera preview` — every version of a message each segment can receive, as a static page.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Enumerate and render every block permutation each segment can receive; write a contact sheet (index.html).",
        discussion: """
            Permutations are enumerated from the blocks' `when` conditions, the decision values seen in the sample recipients or declared (template actions, condition literals), locales and markets, consent and holdout, and the guard rules that can drop blocks; the real selection runs on each representative recipient. Every sample recipient is rendered too and counted into its permutation (one not found by enumeration is flagged).

            Output folder (--out, default out/preview): index.html (one self-contained page: a grid per segment, each permutation at 600 px and 375 px, with blocks, claims, signals, lint status and recipient count; filter by segment and block), p/ID.html per permutation, manifest.json (compared by --baseline), and with --screenshots p/ID.png thumbnails.

            Examples:
              tessera preview --template welcome --now 2026-11-23T09:00:00Z
              tessera preview --template welcome --segment vip --segment churned --text
              tessera preview --template winback --out out/preview-winback --screenshots
              tessera preview --template welcome --baseline out/preview-old \\
                  --out out/preview

            Exit status: 0 done; 1 a sample recipient received a permutation enumeration did not find; 2 bad input (brand, catalog, template, files, Chromium missing for --screenshots).
            """
    )

    @OptionGroup var project: ProjectOptions
    @Option(help: "Template id to preview.") var template: String
    @Option(name: .customLong("segment"), help: "Segment grid to build (repeatable; default: every segment of the sample, then (none)).")
    var segments: [String] = []
    @Option(help: "Sample recipients NDJSON (default: PROJECT/examples/recipients.ndjson when present).") var recipients: String?
    @Option(help: "Output folder (default out/preview; with --text and no --out nothing is written).") var out: String?
    @Flag(help: "PNG thumbnails through headless Chromium, used in the contact sheet.") var screenshots = false
    @Option(help: "A previous preview folder (or its manifest.json): mark permutations new, changed or gone.") var baseline: String?
    @Flag(help: "Print the permutation table (segment, permutation, blocks, count).") var text = false

    /// With --text and no --out nothing is written, so thumbnails would be made for nobody.
    func validate() throws {
        if screenshots && text && out == nil {
            throw ValidationError("--screenshots needs the contact sheet: with --text, give --out DIR too")
        }
    }

    func run() throws {
        let now = try project.clock()
        // Before any work: a missing browser is a setup error, not something to learn at the end.
        let chromium = screenshots ? Chromium.find() : nil
        if screenshots, chromium == nil { printError("error: \(Chromium.missingMessage)"); throw ExitCode(2) }
        let (brand, catalog) = try project.load()
        let sample = try readSample()
        var base: (template: String, entries: [BaselineEntry])?
        if let baseline {
            do { base = try Manifest.readBaseline(URL(fileURLWithPath: baseline)) } catch {
                printError("error: --baseline: \(error)"); throw ExitCode(2)
            }
            if let b = base, !b.template.isEmpty, b.template != template {
                printError("warning: --baseline \(baseline) previewed template '\(b.template)', not '\(template)'")
            }
        }
        let options = PreviewOptions(
            template: template, segments: segments, now: now, recipients: sample.records,
            recipientsSource: sample.source, baseline: base?.entries, baselineSource: baseline)
        let result: PreviewResult
        do { result = try PreviewBuilder.build(options, brand: brand, catalog: catalog) } catch let e as PreviewError {
            printError("error: \(e)"); throw ExitCode(2)
        }
        if text { print(PermutationTable.render(result), terminator: "") }
        if let folder = out ?? (text ? nil : "out/preview") {
            let url = URL(fileURLWithPath: folder)
            do {
                var shots: [String: String] = [:]
                try PreviewFiles.write(result, to: url)
                if let chromium {
                    shots = try Chromium.thumbnails(
                        result, folder: url, chromium: chromium, log: { printError($0) },
                        progress: Self.screenshotProgress(onTerminal: Terminal.isTerminal(STDERR_FILENO)))
                    try PreviewFiles.write(result, to: url, thumbnails: shots)
                }
            } catch let e as PreviewError {
                printError("error: \(e)"); throw ExitCode(2)
            }
            printError("\(PermutationTable.summary(result))\nwrote \(folder)/index.html")
        } else if !text {
            printError(PermutationTable.summary(result))
        }
        if !result.missed.isEmpty { throw ExitCode(1) }
    }

    /// After each thumbnail: on a terminal one line redrawn in place ("screenshots 3/12"), ended
    /// by the last; on a pipe one line each ("screenshot 3/12 p/ID.png") for a log or a CI job.
    static func screenshotProgress(onTerminal: Bool) -> @Sendable (Int, Int, String) -> Void {
        { done, total, id in
            let line =
                onTerminal
                ? "\r\u{1B}[Kscreenshots \(done)/\(total)\(done == total ? "\n" : "")"
                : "screenshot \(done)/\(total) p/\(id).png\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    private func readSample() throws -> (records: [RecipientRecord], source: String) {
        // The default is named as the user would type it (the manifest records it).
        let path =
            recipients
            ?? {
                let d =
                    project.project == "."
                    ? "examples/recipients.ndjson" : (project.project as NSString).appendingPathComponent("examples/recipients.ndjson")
                return FileManager.default.fileExists(atPath: d) ? d : nil
            }()
        guard let path else { return ([], "none") }
        do {
            let r = try SampleReader.read(URL(fileURLWithPath: path))
            if r.rejected > 0 {
                printError(
                    "note: \(Plural.of(r.rejected, "line")) of \(path) \(r.rejected == 1 ? "is not a valid recipient and was" : "are not valid recipients and were") skipped"
                )
            }
            return (r.records, path)
        } catch {
            printError("error: cannot read recipients file '\(path)'"); throw ExitCode(2)
        }
    }
}
