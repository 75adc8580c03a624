import BrandContext
import Foundation
import TestSupport
import Testing

@testable import LanguageServer

/// A language server in process, fed framed messages and collecting what it sends, over a
/// scratch copy of the shipped project (so tests may add files to it).
final class ServerHarness: @unchecked Sendable {
    let root: URL
    let server: LanguageServer
    private let box: SentBox
    private var nextID = 1

    /// Claims are judged on this day in every test (a fixed answer whatever the clock says).
    static let day = CalendarDate("2026-06-01")!

    init(debounce: Double = 0) throws {
        root = try Self.projectCopy()
        var options = LanguageServer.Options(project: root)
        options.debounce = debounce
        options.watch = false
        options.now = Self.day
        let box = SentBox()
        self.box = box
        server = LanguageServer(options: options, send: { box.append($0) }, onExit: { _ in })
        _ = request("initialize", ["processId": .null, "rootUri": .null, "capabilities": [:]])
        notify("initialized", [:])
    }

    deinit {
        server.close()
        try? FileManager.default.removeItem(at: root)
    }

    static func projectCopy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lsp-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("examples"), withIntermediateDirectories: true)
        for folder in ["brand", "templates", "blocks"] {
            try FileManager.default.copyItem(at: Corpus.packageRoot.appendingPathComponent(folder), to: dir.appendingPathComponent(folder))
        }
        try FileManager.default.copyItem(
            at: Corpus.project("examples/recipients.ndjson"), to: dir.appendingPathComponent("examples/recipients.ndjson"))
        return dir
    }

    func uri(_ relative: String) -> String { DocumentURI.uri(root.appendingPathComponent(relative).path) }

    func send(_ message: JSON) {
        server.receive(.message(message.bytes))
        server.drain()
    }

    /// Sends a request and returns its answer (`result` or `error`).
    @discardableResult
    func request(_ method: String, _ params: JSON) -> JSON {
        let id = nextID
        nextID += 1
        send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        return box.messages.last { $0["id"] == .int(id) } ?? .null
    }

    func notify(_ method: String, _ params: JSON) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    func open(_ relative: String, _ text: String, version: Int = 1) {
        notify(
            "textDocument/didOpen",
            ["textDocument": ["uri": .string(uri(relative)), "languageId": "html", "version": .int(version), "text": .string(text)]])
    }

    func change(_ relative: String, _ text: String, version: Int) {
        notify(
            "textDocument/didChange",
            ["textDocument": ["uri": .string(uri(relative)), "version": .int(version)], "contentChanges": [["text": .string(text)]]])
    }

    /// The latest diagnostics published for a document at `version`, waiting (up to a generous
    /// deadline: a debounced lint is scheduled, not immediate) until they come.
    func diagnostics(_ relative: String, version: Int) -> [JSON]? {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            server.drain()
            if let p = box.messages.last(where: { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.string == uri(relative) }
            ),
                p["params"]?["version"]?.int == version
            {
                return p["params"]?["diagnostics"]?.array
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return nil
    }

    func position(_ line: Int, _ character: Int) -> JSON { ["line": .int(line), "character": .int(character)] }

    func at(_ relative: String, _ line: Int, _ character: Int) -> JSON {
        ["textDocument": ["uri": .string(uri(relative))], "position": position(line, character)]
    }

    var messages: [JSON] { box.messages }
}

/// What the server sent, parsed back from its frames.
final class SentBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [JSON] = []

    func append(_ frame: [UInt8]) {
        var framer = MessageFramer()
        framer.feed(frame)
        guard case .message(let body)? = framer.next(), let json = JSON.parse(body) else {
            Issue.record("the server sent a frame that is not one JSON message: \(String(decoding: frame, as: UTF8.self))")
            return
        }
        lock.lock()
        items.append(json)
        lock.unlock()
    }

    var messages: [JSON] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

extension JSON {
    /// `range.start.line`, … of a diagnostic or location as (line, character, line, character).
    var rangeTuple: [Int] {
        guard let r = self["range"] else { return [] }
        return [r["start"]?["line"]?.int ?? -1, r["start"]?["character"]?.int ?? -1, r["end"]?["line"]?.int ?? -1, r["end"]?["character"]?.int ?? -1]
    }
}
