import ArgumentParser
import Foundation
import Liquid

/// `tessera liquid TEMPLATE [--data FILE.json] [--strict] [--autoescape] [--partials DIR]`
struct LiquidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liquid",
        abstract: "Render a Liquid template with JSON data.",
        discussion: """
            Renders TEMPLATE (or stdin with '-') to stdout. Errors go to stderr as file:line:col: message
            and the exit status is non-zero.

            Examples:
              tessera liquid block.liquid --data recipient.json
              echo 'Hi {{ name | upcase }}' | tessera liquid - --data d.json --strict
              tessera liquid email.liquid --data d.json --autoescape --partials snippets/
              tessera liquid block.liquid --analyze   the data paths the template reads
              tessera liquid page.liquid --data d.json --inline-errors  errors in the page
            """
    )

    @Argument(help: "Template file, or '-' for stdin.")
    var template: String

    @Option(name: .long, help: "JSON file with the data to render (an object).")
    var data: String?

    @Flag(name: .long, help: "Undefined variables and unknown filters are errors.")
    var strict = false

    @Flag(name: .long, help: "HTML-escape every output unless its last filter is raw/safe/escape.")
    var autoescape = false

    @Flag(name: .long, help: "Write a render error inline as 'Liquid error (line N): …' and go on, as Shopify does (default: stop with the error).")
    var inlineErrors = false

    @Option(name: .long, help: "Folder of partials for render/include (default: the template's folder).")
    var partials: String?

    @Flag(name: .long, help: "Print the data paths the template reads (one per line) instead of rendering.")
    var analyze = false

    /// --analyze reads no data and renders nothing: flags that only shape a render are refused with it.
    func validate() throws {
        if analyze, data != nil { throw ValidationError("--data is not read with --analyze (it lists the paths a template reads, without data)") }
        if analyze, autoescape { throw ValidationError("--autoescape has no effect with --analyze (nothing is rendered)") }
        if analyze, inlineErrors { throw ValidationError("--inline-errors has no effect with --analyze (nothing is rendered)") }
    }

    func run() throws {
        let name = template == "-" ? "<stdin>" : template
        let source: String
        do {
            source =
                template == "-"
                ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                : try String(contentsOfFile: template, encoding: .utf8)
        } catch {
            throw failure("\(name): cannot read template: \(error.localizedDescription)")
        }

        var env = Environment()
        env.strictVariables = strict
        env.strictFilters = strict
        env.autoescape = autoescape
        env.renderErrors = inlineErrors ? .inline : .raise
        let partialDir =
            partials
            ?? (template == "-"
                ? FileManager.default.currentDirectoryPath
                : URL(fileURLWithPath: template).deletingLastPathComponent().path)
        env.loader = FileSystemLoader(root: URL(fileURLWithPath: partialDir))

        let values = try loadData()
        do {
            let compiled = try env.parse(source, name: name)
            if analyze {
                let a = compiled.analyze()
                print(a.paths.joined(separator: "\n"))
                return
            }
            var out: [UInt8] = []
            try compiled.render(values, into: &out)
            FileHandle.standardOutput.write(Data(out))
        } catch let e as LiquidError {
            throw failure(e.description)
        }
    }

    func loadData() throws -> Value {
        guard let data else { return .object(LiquidObject()) }
        let value: Value
        do {
            value = try Value.parseJSON(data: Data(contentsOf: URL(fileURLWithPath: data)))
        } catch let e as JSONParseError {
            throw failure("\(data):\(e.line):\(e.column): \(e.message)")
        } catch {
            throw failure("\(data): cannot read data: \(error.localizedDescription)")
        }
        guard case .object = value else { throw failure("\(data):1:1: data must be a JSON object") }
        return value
    }

    /// Prints `message` and gives the exit status to throw (1: the template or its data is wrong).
    func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return ExitCode(1)
    }
}
