import ArgumentParser
import Assembly
import BrandContext
import Catalog
import Policy
import Foundation

/// `tessera render` — the main job: one message per recipient, with the reasons for every choice.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one message per recipient: choose template and blocks, fill, write NDJSON, files or .eml.",
        discussion: """
        Reads recipients as NDJSON (one JSON object a line; only "id" is required) and writes exactly one output record per input line, in input order, with status rendered, suppressed, held or rejected and the reasons (codes such as block.chosen, block.ineligible, holdout.draw, consent.email, liquid.undefined).

        The project folder holds brand/, templates/ and blocks/. Templates and blocks are compiled once; each distinct block permutation's HTML is rendered by MJML once and then only filled per recipient.

        Formats:
          ndjson  one JSON object a line: id, status, template, personalized, subject, preheader,
                  html, text, blocks, claims, signals, reasons      (--out FILE or - for stdout)
          files   --out DIR: ID.html and ID.txt per rendered recipient, plus manifest.ndjson
          eml     --out DIR: ID.eml (RFC 5322 multipart/alternative) plus manifest.ndjson

        Examples:
          tessera render --recipients examples/recipients.ndjson --out out/messages.ndjson
          tessera generate-recipients --count 1000 | tessera render --template welcome > out.ndjson
          tessera render --recipients examples/recipients.ndjson --format eml --out out/eml --now 2026-11-23T09:00:00Z

        Exit status: 0 when the run completed (held and rejected records are normal output), 2 when brand/ or the catalog has errors or a file cannot be read or written.
        """
    )

    @OptionGroup var project: ProjectOptions
    @Option(help: "Recipients NDJSON file, or - for standard input.") var recipients: String = "-"
    @Option(help: "Template id for records whose decision names neither a template nor an action a template serves.") var template: String?
    @Option(help: "Output: a file or - (ndjson), a folder (files, eml).") var out: String = "-"
    @Option(help: "ndjson, files or eml.") var format: RenderFormat = .ndjson
    @Flag(help: "No progress or summary on standard error.") var quiet = false

    func run() throws {
        let now = try project.clock()
        let (brand, catalog) = try project.load()
        if template != nil, catalog.template(template!) == nil {
            printError("error: --template '\(template!)' is not a template (known: \(catalog.templates.map(\.id).joined(separator: ", ")))")
            throw ExitCode(2)
        }
        let assembler = Assembler(catalog: catalog, brand: brand, options: AssemblyOptions(defaultTemplate: template, now: now, recipientGuard: PolicyGuard(brand: brand, catalog: catalog)))
        let input = try openInput(recipients)
        let sink = try OutputSink(format: format, out: out, sender: brand.facts.sender, now: now)
        let started = Date()
        let progress: ((RenderRun.Counts) -> Void)? = quiet ? nil : { c in
            printError("… \(c.total) recipients (\(c.rendered) rendered)")
        }
        let counts = RenderRun(assembler: assembler).run(input: input, emit: sink.emit, flush: sink.flush, progress: progress)
        try sink.finish()
        if !quiet {
            let secs = Date().timeIntervalSince(started)
            printError("\(counts.total) recipients: \(counts.rendered) rendered, \(counts.suppressed) suppressed, \(counts.held) held, \(counts.rejected) rejected; \(assembler.mjmlRenders) MJML renders; \(String(format: "%.2f", secs)) s (\(Int(Double(counts.total) / max(secs, 1e-9)))/s)")
        }
    }
}

enum RenderFormat: String, ExpressibleByArgument, CaseIterable {
    case ndjson, files, eml
}

/// `--project` and `--now`, shared by render and explain.
struct ProjectOptions: ParsableArguments {
    @Option(help: "Project folder holding brand/, templates/ and blocks/.") var project: String = "."
    @Option(help: "Pin the clock (ISO 8601, e.g. 2026-11-23T09:00:00Z or 2026-11-23) for deterministic output.") var now: String?

    func clock() throws -> Date {
        guard let now else { return Date() }
        if let d = parseISODate(now) { return d }
        throw ValidationError("--now expects an ISO 8601 timestamp such as 2026-11-23T09:00:00Z, found '\(now)'")
    }

    /// Loads brand/ and the catalog; prints every diagnostic and exits 2 on errors.
    func load() throws -> (Brand, Catalog) {
        let root = URL(fileURLWithPath: project)
        let prefix = project == "." ? "brand" : (project as NSString).appendingPathComponent("brand")
        let b = BrandLoader.load(directory: root.appendingPathComponent("brand"), displayPrefix: prefix)
        guard let brand = b.brand else {
            for d in b.diagnostics { printError("\(d)") }
            printError("\(b.errors.count) error\(b.errors.count == 1 ? "" : "s") in brand/")
            throw ExitCode(2)
        }
        let c = CatalogLoader.load(project: root, brand: brand)
        for d in c.diagnostics { printError("\(d)") }
        guard let catalog = c.catalog else {
            printError("\(c.errors.count) error\(c.errors.count == 1 ? "" : "s") in templates/ and blocks/")
            throw ExitCode(2)
        }
        return (brand, catalog)
    }
}

func parseISODate(_ s: String) -> Date? {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    if let d = f.date(from: s) { return d }
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let d = f.date(from: s) { return d }
    f.formatOptions = [.withFullDate]
    return f.date(from: s)
}

func openInput(_ path: String) throws -> FileHandle {
    if path == "-" { return FileHandle.standardInput }
    guard let h = FileHandle(forReadingAtPath: path) else {
        printError("error: cannot read recipients file '\(path)'")
        throw ExitCode(2)
    }
    return h
}

/// Where rendered records go, per format.
final class OutputSink {
    let format: RenderFormat
    let handle: FileHandle?
    let folder: URL?
    let sender: Sender
    let now: Date
    var manifest: [UInt8] = []

    init(format: RenderFormat, out: String, sender: Sender, now: Date) throws {
        self.format = format
        self.sender = sender
        self.now = now
        switch format {
        case .ndjson:
            folder = nil
            if out == "-" { handle = FileHandle.standardOutput } else {
                guard let h = openForWriting(out) else {
                    printError("error: cannot write '\(out)'"); throw ExitCode(2)
                }
                handle = h
            }
        case .files, .eml:
            guard out != "-" else { printError("error: --format \(format.rawValue) writes files: give --out DIR"); throw ExitCode(2) }
            let url = URL(fileURLWithPath: out)
            do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
                printError("error: cannot create folder '\(out)': \(error.localizedDescription)"); throw ExitCode(2)
            }
            folder = url
            handle = nil
        }
    }

    func emit(_ r: RenderedRecipient, _ buffer: inout [UInt8]) {
        switch format {
        case .ndjson:
            NDJSONWriter.append(r, to: &buffer)
        case .files, .eml:
            manifest += r.manifestLine()
            guard r.status == .rendered, let id = r.id, let folder else { return }
            let name = EMLWriter.fileName(id)
            if format == .files {
                write(Array(r.html.utf8), folder.appendingPathComponent(name + ".html"))
                write(Array(r.text.utf8), folder.appendingPathComponent(name + ".txt"))
            } else {
                write(EMLWriter.message(r, to: r.email, sender: sender, now: now), folder.appendingPathComponent(name + ".eml"))
            }
        }
    }

    func write(_ bytes: [UInt8], _ url: URL) {
        if !FileManager.default.createFile(atPath: url.path, contents: Data(bytes)) { printError("error: cannot write \(url.path)") }
    }

    func flush(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { handle?.write(Data(buffer: $0)) }
    }

    func finish() throws {
        if let folder { write(manifest, folder.appendingPathComponent("manifest.ndjson")) }
    }
}
