import ArgumentParser
import Assembly
import BrandContext
import Diagnostics
import Foundation
import Policy

/// `tessera view` — one recipient's message as an HTML file, opened in the browser: the quick
/// look a person wants while writing a template or a block.
struct ViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Render one recipient's message to an HTML file and open it in the browser.",
        discussion: """
            Renders the message the way `tessera render` would (selection, fill, guard) for the recipient --id of --recipients (default: PROJECT/examples/recipients.ndjson), writes its HTML to --out (default out/view/TEMPLATE-ID.html) and opens it with $BROWSER, else xdg-open (open on macOS). With --template, that template is rendered whatever the recipient's decision names (as if decision.template named it).

            Examples:
              tessera view --template welcome --id r000001
              tessera view --id r000042 --now 2026-11-23T09:00:00Z --no-open
              tessera view --template winback --id r000007 --out /tmp/winback.html

            Exit status: 0 written; 1 no such recipient, or it was not rendered (suppressed, held or rejected: the reasons are printed); 2 bad input (brand, catalog, files).
            """
    )

    @OptionGroup var project: ProjectOptions
    @Option(help: "The recipient id to render.") var id: String
    @Option(help: "Template to render (default: the one the recipient's decision names, as in render).") var template: String?
    @Option(help: "Recipients NDJSON (default: PROJECT/examples/recipients.ndjson).") var recipients: String?
    @Option(help: "HTML file to write (default: out/view/TEMPLATE-ID.html).") var out: String?
    @Flag(help: "Write the file without opening it.") var noOpen = false
    @Flag(help: "Replace an --out file that is not a text file.") var force = false

    func run() throws {
        let now = try project.clock()
        let (brand, catalog) = try project.load()
        if let template, catalog.template(template) == nil {
            printError(
                "error: --template '\(template)' is not a template\(Suggest.hint(for: template, in: catalog.templates.map(\.id))) (templates: \(catalog.templates.map(\.id).joined(separator: ", ")))"
            )
            throw ExitCode(2)
        }
        let source = recipientsPath()
        guard let (found, line) = try findRecipient(in: source) else {
            printError("error: no recipient with id '\(id)' in \(source)")
            throw ExitCode(1)
        }
        let record = try template.map { try Self.forcing($0, on: found, line: line) } ?? found
        let assembler = Assembler(
            catalog: catalog, brand: brand, options: AssemblyOptions(now: now, recipientGuard: PolicyGuard(brand: brand, catalog: catalog)))
        let message = assembler.render(record)
        guard message.status == .rendered, let rendered = message.template else {
            printError("error: \(id) was not rendered: \(message.status.rawValue)")
            for r in message.reasons where r.code != "block.chosen" { printError("  \(r.code): \(r.detail)") }
            throw ExitCode(1)
        }
        let path = out ?? "out/view/\(rendered)-\(EMLWriter.fileName(id)).html"
        do {
            let file = try ReplacementFile(path, force: force)
            file.handle.write(Data(message.html.utf8))
            try file.commit()
        } catch let e as OutputFileError {
            printError("error: \(e.description)"); throw ExitCode(2)
        }
        print("wrote \(path): \(rendered) for \(id), blocks \(message.blocks.joined(separator: ", "))")
        if !noOpen { Browser.open(path) }
    }

    private func recipientsPath() -> String {
        recipients
            ?? (project.project == "."
                ? "examples/recipients.ndjson" : (project.project as NSString).appendingPathComponent("examples/recipients.ndjson"))
    }

    /// The recipient's record and its line as read.
    private func findRecipient(in path: String) throws -> (RecipientRecord, Data)? {
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("error: cannot read recipients file '\(path)' (give --recipients FILE)")
            throw ExitCode(2)
        }
        var number = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            if case .success(let record) = RecipientRecord.read(line, line: number), record.id == id { return (record, Data(line)) }
        }
        return nil
    }

    /// The record with `decision.template` set: the template asked for wins over the decision's own.
    static func forcing(_ template: String, on record: RecipientRecord, line: Data) throws -> RecipientRecord {
        guard var object = try JSONSerialization.jsonObject(with: line) as? [String: Any] else { return record }
        var decision = object["decision"] as? [String: Any] ?? [:]
        decision["template"] = template
        object["decision"] = decision
        let line = try JSONSerialization.data(withJSONObject: object)
        guard case .success(let forced) = RecipientRecord.read(line, line: record.line) else { return record }
        return forced
    }
}

/// Opens a file for a person: `$BROWSER` (the usual convention), else the desktop's opener.
/// Failing to open is a note, not an error: the file is written and its path printed.
enum Browser {
    static func open(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        #if os(macOS)
        let fallback = "/usr/bin/open"
        #else
        let fallback = "xdg-open"
        #endif
        let command = environment["BROWSER"].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [command, url.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do {
            try p.run()
            // An opener returns at once; a browser started directly may run until it is closed,
            // so it is left running after a few seconds (only an opener's failure is reported).
            let deadline = Date().addingTimeInterval(3)
            while p.isRunning && Date() < deadline { usleep(20_000) }
            if !p.isRunning, p.terminationStatus != 0 {
                printError("note: '\(command)' could not open \(path) (exit \(p.terminationStatus)); open it in a browser")
            }
        } catch {
            printError("note: cannot run '\(command)' to open \(path); open it in a browser, or set BROWSER")
        }
    }
}
