import BrandContext
import Dispatch
import Foundation
import Policy
import Service

/// `tessera lsp`: a Language Server Protocol server, a thin adapter over Service. It keeps the
/// open documents (full or ranged sync), lints their unsaved text on open and, debounced, on
/// every change, and answers hover, completion, definition and code actions from the loaded
/// project, which reloads when files under the project change.
///
/// Messages are handled one at a time, in order, on `queue`; the state below is touched only
/// there. The transport (stdio in `tessera lsp`, a buffer in tests) feeds framing events to
/// `receive` and gets framed messages through `send`.
package final class LanguageServer: @unchecked Sendable {
    package struct Options: Sendable {
        /// The project folder; nil: the client's root (`rootUri`), else the current folder.
        package var project: URL?
        package var limits = MessageFramer.Limits()
        /// Seconds between the last change of a document and its lint.
        package var debounce = 0.2
        package var watch = true
        package var watchInterval = 0.3
        /// The day claims are judged on (nil: today, UTC), as `tessera lint --now`.
        package var now: CalendarDate?
        package init(project: URL? = nil) { self.project = project }
    }

    let options: Options
    private let send: @Sendable ([UInt8]) -> Void
    /// Called once on the `exit` notification with the exit status (0 after `shutdown`).
    private let onExit: @Sendable (Int32) -> Void
    let queue = DispatchQueue(label: "tessera.lsp")

    private var store: ProjectStore?
    private var watcher: ProjectWatcher?
    private var documents: [String: OpenDocument] = [:]
    /// What was last published per document, and for which version (code actions use it).
    private var published: [String: (version: Int, diagnostics: [PublishedDiagnostic])] = [:]
    private var initialized = false
    private var shutdownRequested = false

    package init(options: Options, send: @escaping @Sendable ([UInt8]) -> Void, onExit: @escaping @Sendable (Int32) -> Void) {
        self.options = options
        self.send = send
        self.onExit = onExit
    }

    /// Hands one framing event to the server (from the reading thread).
    package func receive(_ event: MessageFramer.Event) {
        queue.async { self.handle(event) }
    }

    /// Whether the client asked for `shutdown`.
    package var shutDown: Bool { queue.sync { shutdownRequested } }

    /// Waits until every message received so far has been handled.
    package func drain() { queue.sync {} }

    /// Stops watching and removes the per-process context database.
    package func close() {
        queue.sync {
            watcher?.stop()
            store?.removeScratch()
        }
    }

    // MARK: Messages

    private func handle(_ event: MessageFramer.Event) {
        switch event {
        case .error(let e):
            reply(id: .null, error: RPCError(code: -32600, message: e.description))
        case .message(let bytes):
            guard let message = JSON.parse(bytes), case .object = message else {
                reply(
                    id: .null, error: RPCError(code: -32700, message: "expected a JSON-RPC 2.0 message (a JSON object); the body is not valid JSON"))
                return
            }
            guard let method = message["method"]?.string else { return }  // a response: this server sends no requests
            let params = message["params"] ?? .null
            if let id = message["id"] {
                let result = request(method, params)
                switch result {
                case .success(let value): reply(id: id, result: value)
                case .failure(let error): reply(id: id, error: error)
                }
            } else {
                notification(method, params)
            }
        }
    }

    private func request(_ method: String, _ params: JSON) -> Result<JSON, RPCError> {
        if method == "initialize" {
            // LSP: `initialize` is sent once; a second one is an InvalidRequest (-32600).
            if initialized { return .failure(RPCError(code: -32600, message: "'initialize' was already received: it is sent once per session")) }
            return .success(initialize(params))
        }
        guard initialized else { return .failure(RPCError(code: -32002, message: "expected 'initialize' before '\(method)'")) }
        if shutdownRequested {
            return .failure(RPCError(code: -32600, message: "the server is shutting down: only 'exit' is expected after 'shutdown'"))
        }
        switch method {
        case "shutdown":
            shutdownRequested = true
            return .success(.null)
        case "textDocument/hover": return withDocument(params) { $0.hover(at: $1) }
        case "textDocument/completion": return withDocument(params) { $0.completion(at: $1) }
        case "textDocument/definition": return withDocument(params) { $0.definition(at: $1) }
        case "textDocument/codeAction": return codeActions(params)
        default:
            return .failure(RPCError(code: -32601, message: "unknown method '\(method)'"))
        }
    }

    private func notification(_ method: String, _ params: JSON) {
        switch method {
        case "exit":
            watcher?.stop()
            store?.removeScratch()
            onExit(shutdownRequested ? 0 : 1)
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didClose": didClose(params)
        default: break  // initialized, didSave (the watcher reloads), $/… notifications
        }
    }

    // MARK: Lifecycle

    private func initialize(_ params: JSON) -> JSON {
        initialized = true
        let root =
            options.project ?? params["rootUri"]?.string.flatMap(DocumentURI.path).map { URL(fileURLWithPath: $0) }
            ?? params["rootPath"]?.string.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let store = ProjectStore(root: root)
        self.store = store
        // Load after the answer is written: the client waits for nothing it did not ask for.
        queue.async { self.loadProject() }
        let capabilities: JSON = [
            "textDocumentSync": ["openClose": true, "change": 1],
            "hoverProvider": true,
            "completionProvider": ["triggerCharacters": ["\"", "'", ".", "|", " "]],
            "definitionProvider": true,
            "codeActionProvider": ["codeActionKinds": ["quickfix"]],
        ]
        return ["capabilities": capabilities, "serverInfo": ["name": "tessera"]]
    }

    private func loadProject() {
        guard let store else { return }
        let watching = options.watch ? ProjectWatcher(root: store.root, interval: options.watchInterval) : nil
        if let failure = store.reload() { log("the project at \(store.root.path) did not load:\n\(failure.description)") }
        if let watching {
            // The reload itself runs on the server's queue, in order with the messages.
            watching.start(thread: "tessera.lsp.watch") { [weak self] in
                guard let self else { return }
                self.queue.async { self.reloadProject() }
            }
            watcher = watching
        }
        relintAll()
    }

    private func reloadProject() {
        if let failure = store?.reload() { log("reload failed (the last good project keeps answering):\n\(failure.description)") }
        relintAll()
    }

    private func relintAll() {
        for uri in documents.keys.sorted() { publish(uri) }
    }

    // MARK: Documents

    private func didOpen(_ params: JSON) {
        guard let item = params["textDocument"], let uri = item["uri"]?.string, let text = item["text"]?.string else { return }
        let path = store.flatMap { DocumentURI.relative(uri, to: $0.root) }
        documents[uri] = OpenDocument(uri: uri, path: path, text: text, version: item["version"]?.int ?? 0)
        publish(uri)
    }

    private func didChange(_ params: JSON) {
        guard let uri = params["textDocument"]?["uri"]?.string, var doc = documents[uri] else { return }
        let version = params["textDocument"]?["version"]?.int ?? doc.version + 1
        var text = doc.text
        for change in params["contentChanges"]?.array ?? [] {
            guard let newText = change["text"]?.string else { continue }
            if let range = TextRange(change["range"]) {
                text = Self.apply(newText, at: range, to: text)
            } else {
                text = newText
            }
        }
        doc.replace(text, version: version)
        documents[uri] = doc
        // Debounced: a lint runs only when no newer change came within `debounce` seconds.
        queue.asyncAfter(deadline: .now() + options.debounce) { [weak self] in
            guard let self, self.documents[uri]?.version == version else { return }
            self.publish(uri)
        }
    }

    /// A ranged change (clients may send them even under full sync).
    static func apply(_ newText: String, at range: TextRange, to text: String) -> String {
        let lines = LineIndex(text)
        let a = lines.offset(range.start), b = max(a, lines.offset(range.end))
        return lines.text(0..<a) + newText + lines.text(b..<lines.units.count)
    }

    private func didClose(_ params: JSON) {
        guard let uri = params["textDocument"]?["uri"]?.string else { return }
        documents[uri] = nil
        published[uri] = nil
        notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])
    }

    // MARK: Diagnostics

    private func publish(_ uri: String) {
        guard let doc = documents[uri] else { return }
        let diagnostics = diagnose(doc)
        published[uri] = (doc.version, diagnostics)
        notify(
            "textDocument/publishDiagnostics", ["uri": .string(uri), "version": .int(doc.version), "diagnostics": .array(diagnostics.map(\.json))])
    }

    /// The findings on the document's current text, placed in it.
    func diagnose(_ doc: OpenDocument) -> [PublishedDiagnostic] {
        guard let path = doc.path, let store else { return [] }
        let findings: [Finding]
        switch doc.kind {
        case .brand(let name):
            guard BrandLoader.requiredFiles.contains(name) else { return [] }
            findings = (try? Project.brandProblems(root: store.root, file: name, text: doc.text)) ?? []
        case .template, .partial, .block:
            guard let project = store.current else {
                findings = loadFailure(store, path: path)
                break
            }
            do {
                findings = try project.problems(in: ProposedFile(path: path, source: doc.text), now: options.now)
            } catch {
                findings = [Finding(file: path, line: 1, column: 1, rule: error.code, severity: .error, message: error.message)]
            }
        case .other:
            return []
        }
        return findings.map { Self.place($0, in: doc, path: path) }
    }

    /// Without a loaded project: the load's errors in this file at their places, else one
    /// finding at the top naming the first errors elsewhere.
    private func loadFailure(_ store: ProjectStore, path: String) -> [Finding] {
        let errors = store.status.errors
        let mine = errors.map { Project.finding(diagnosticLine: $0, rule: Project.compileRule, otherwise: path) }.filter { $0.file == path }
        if !mine.isEmpty { return mine }
        let summary = errors.isEmpty ? "the project at \(store.root.path) did not load" : errors.prefix(3).joined(separator: "; ")
        return [Finding(file: path, line: 1, column: 1, rule: "project.not-loaded", severity: .error, message: "no project is loaded: " + summary)]
    }

    /// A finding's LSP range: its start and, when the rule gives no end, the token there. A
    /// finding in another file (a cross-check) is shown on the first line, naming its place.
    static func place(_ f: Finding, in doc: OpenDocument, path: String) -> PublishedDiagnostic {
        guard f.file == path else {
            var moved = f
            moved.message = "\(f.file):\(f.line):\(f.column): \(f.message)"
            moved.replacements = nil
            return PublishedDiagnostic(
                finding: moved,
                range: TextRange(Position(line: 0, character: 0), Syntax(lines: doc.lines).extent(from: Position(line: 0, character: 0))))
        }
        let start = doc.lines.position(line: f.line, column: f.column)
        var end = f.endColumn.map { doc.lines.position(line: f.line, column: $0) } ?? Syntax(lines: doc.lines).extent(from: start)
        if end <= start { end = Syntax(lines: doc.lines).extent(from: start) }
        return PublishedDiagnostic(finding: f, range: TextRange(start, end))
    }

    // MARK: Requests on a document

    private func withDocument(_ params: JSON, _ answer: (Features, Position) -> JSON) -> Result<JSON, RPCError> {
        guard let uri = params["textDocument"]?["uri"]?.string, let p = Position(params["position"]) else {
            return .failure(RPCError(code: -32602, message: "expected params.textDocument.uri and params.position {line, character}"))
        }
        guard let doc = documents[uri], doc.path != nil, let project = store?.current else { return .success(.null) }
        return .success(answer(Features(project: project, document: doc, now: options.now), p))
    }

    private func codeActions(_ params: JSON) -> Result<JSON, RPCError> {
        guard let uri = params["textDocument"]?["uri"]?.string, let range = TextRange(params["range"]) else {
            return .failure(RPCError(code: -32602, message: "expected params.textDocument.uri and params.range {start, end}"))
        }
        guard let doc = documents[uri], let project = store?.current else { return .success([]) }
        // A change still waiting for its lint: lint now, so edits are placed in the current text.
        if published[uri]?.version != doc.version { publish(uri) }
        return .success(
            Features(project: project, document: doc, now: options.now).codeActions(for: range, diagnostics: published[uri]?.diagnostics ?? []))
    }

    // MARK: Output

    private func reply(id: JSON, result: JSON) {
        write(["jsonrpc": "2.0", "id": id, "result": result])
    }

    private func reply(id: JSON, error: RPCError) {
        write(["jsonrpc": "2.0", "id": id, "error": ["code": .int(error.code), "message": .string(error.message)]])
    }

    private func notify(_ method: String, _ params: JSON) {
        write(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    private func write(_ message: JSON) {
        send(MessageFramer.frame(message.bytes))
    }

    private func log(_ line: String) {
        FileHandle.standardError.write(Data("tessera lsp: \(line)\n".utf8))
        notify("window/logMessage", ["type": 1, "message": .string(line)])
    }
}

/// A JSON-RPC error answer.
struct RPCError: Error {
    var code: Int
    var message: String
}
