import BrandContext
import Dispatch
import Foundation
import LanguageServer
import Policy
import Service

// LSPBench: how long `tessera lsp` takes from a change of a ~200-line block to the diagnostics
// it publishes for it (issue #20's bar: 50 ms, release build). Drives the language server in
// process through its public entry (`receive` of framed JSON-RPC messages, `send` of its
// answers): initialize, didOpen, then N didChange (full text, each a new version), timing each
// change until the publishDiagnostics of its version arrives. The debounce is set to 0 for the
// measurement (the editor's default, 0.2 s, is a wait by design, not work).
//
// It also times the lint itself both ways, interleaved: with the project's compiled rules
// (`Linter.run(proposed:rules:…)`, what the server runs) and rebuilding the brand's rules on
// every call (`Linter.run(proposed:brand:…)`, what every change cost before they were kept).
//
// The block is made from the shipped blocks: hero-cart-items' front matter, then the bodies of
// the English blocks (copy, claims, data paths, links), repeated to 200 lines, plus a line of
// copy the voice rules flag.
// Usage: LSPBench [--project DIR] [--changes N] [--lines L]

/// The command line: (project folder, changes, block lines).
func arguments() -> (String, Int, Int) {
    var (project, changes, lines) = (".", 200, 200)
    var args = CommandLine.arguments.dropFirst().makeIterator()
    while let a = args.next() {
        switch a {
        case "--project": project = args.next() ?? project
        case "--changes": changes = max(1, Int(args.next() ?? "") ?? changes)
        case "--lines": lines = Int(args.next() ?? "") ?? lines
        default: print("unknown argument \(a); usage: LSPBench [--project DIR] [--changes N] [--lines L]"); exit(2)
        }
    }
    return (project, changes, lines)
}
let (project, changes, targetLines) = arguments()
let root = URL(fileURLWithPath: project).standardizedFileURL

func seconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func percentile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted()
    return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
}

func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }

// MARK: The block

/// A block's text split at its front matter: (front matter with its `---` lines, body).
func split(_ text: String) -> (String, String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.first == "---", let close = lines.indices.dropFirst().first(where: { lines[$0] == "---" }) else { return ("", text) }
    return (lines[...close].joined(separator: "\n") + "\n", lines[(close + 1)...].joined(separator: "\n"))
}

func makeBlock() throws -> String {
    let blocks = root.appendingPathComponent("blocks")
    let (frontMatter, first) = split(try String(contentsOf: blocks.appendingPathComponent("hero-cart-items.mjml"), encoding: .utf8))
    var bodies = [first]
    for name in try FileManager.default.contentsOfDirectory(atPath: blocks.path).sorted()
    where name.hasSuffix(".mjml") && !name.contains("-fr") && name != "hero-cart-items.mjml" {
        bodies.append(split(try String(contentsOf: blocks.appendingPathComponent(name), encoding: .utf8)).1)
    }
    // Copy the voice rules flag (hype, an exclamation stack), as a draft in progress has.
    var body = """
        <mj-section padding="8px 0">
          <mj-column>
            <mj-text>EDIT-MARK</mj-text>
            <mj-text>Our amazing, revolutionary jackets utilize the best fabrics!!!</mj-text>
          </mj-column>
        </mj-section>

        """
    var i = 0
    while (frontMatter + body).split(separator: "\n").count < targetLines {
        body += bodies[i % bodies.count].trimmingCharacters(in: .newlines) + "\n"
        i += 1
    }
    // A block's id is its file name.
    return frontMatter.replacingOccurrences(of: "id: hero-cart-items", with: "id: lsp-bench") + body
}

// MARK: The server

/// Publish times of each version of the document, set by the server's `send`.
final class Published: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: (version: Int, semaphore: DispatchSemaphore)?
    private(set) var arrived: Double = 0
    private(set) var diagnostics = 0
    /// The rule ids of the last diagnostics, counted.
    private(set) var codes: [String: Int] = [:]

    func expect(_ version: Int) -> DispatchSemaphore {
        let s = DispatchSemaphore(value: 0)
        lock.lock()
        waiting = (version, s)
        lock.unlock()
        return s
    }

    func received(_ frame: [UInt8]) {
        let now = seconds()
        var framer = MessageFramer()
        framer.feed(frame)
        guard case .message(let body)? = framer.next(), let json = JSON.parse(body),
            json["method"]?.string == "textDocument/publishDiagnostics", let version = json["params"]?["version"]?.int
        else { return }
        lock.lock()
        defer { lock.unlock() }
        guard let w = waiting, w.version == version else { return }
        arrived = now
        let list = json["params"]?["diagnostics"]?.array ?? []
        diagnostics = list.count
        codes = Dictionary(list.map { ($0["code"]?.string ?? "?", 1) }, uniquingKeysWith: +)
        waiting = nil
        w.semaphore.signal()
    }
}

let block = try makeBlock()
let blockPath = "blocks/lsp-bench.mjml"
let uri = DocumentURI.uri(root.appendingPathComponent(blockPath).path)
let day = CalendarDate("2026-06-01")!
var options = LanguageServer.Options(project: root)
options.debounce = 0
options.watch = false
options.now = day
let published = Published()
let server = LanguageServer(options: options, send: { published.received($0) }, onExit: { _ in })

func message(_ method: String, id: Int? = nil, _ params: JSON) {
    var m: [String: JSON] = ["jsonrpc": "2.0", "method": .string(method), "params": params]
    if let id { m["id"] = .int(id) }
    server.receive(.message(JSON.object(m).bytes))
}

/// The block with its marker line changed: each version's text differs from the last.
func edited(_ version: Int) -> String {
    block.replacingOccurrences(of: "EDIT-MARK", with: "Pack for the trail, take \(version) of the weekend.")
}

/// Sends a full-text change (or the open) of `version` and waits for its diagnostics.
func timedChange(_ version: Int, open: Bool = false) -> Double {
    let semaphore = published.expect(version)
    let started = seconds()
    if open {
        message(
            "textDocument/didOpen",
            ["textDocument": ["uri": .string(uri), "languageId": "html", "version": .int(version), "text": .string(edited(version))]])
    } else {
        message(
            "textDocument/didChange",
            ["textDocument": ["uri": .string(uri), "version": .int(version)], "contentChanges": [["text": .string(edited(version))]]])
    }
    if semaphore.wait(timeout: .now() + 60) == .timedOut {
        print("no diagnostics for version \(version) within 60 s")
        exit(1)
    }
    return published.arrived - started
}

let lines = block.split(separator: "\n", omittingEmptySubsequences: false).count
print(
    "LSPBench: \(blockPath), \(lines) lines, \(block.utf8.count) bytes; \(changes) changes; debounce 0 s (set for the measurement; the default is 0.2 s)"
)
message("initialize", id: 1, ["processId": .null, "rootUri": .null, "capabilities": [:]])
message("initialized", [:])
// The project loads after initialize is answered (queued behind it): wait for both.
server.drain()
server.drain()
let openTime = timedChange(1, open: true)
print(
    "didOpen -> publishDiagnostics (the first lint): \(ms(openTime)), \(published.diagnostics) diagnostics: \(published.codes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))"
)
var times: [Double] = []
for v in 2..<(changes + 2) { times.append(timedChange(v)) }
print(
    "didChange -> publishDiagnostics: median \(ms(percentile(times, 0.5))), p95 \(ms(percentile(times, 0.95))), max \(ms(times.max()!)); \(published.diagnostics) diagnostics"
)
message("shutdown", id: 2, .null)
server.drain()
server.close()

// MARK: The lint alone, with and without the kept rules

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lspbench-\(getpid()).sqlite")
defer { try? FileManager.default.removeItem(at: scratch) }
guard case .success(let loaded) = Project.load(root: root, database: scratch) else {
    print("the project at \(root.path) did not load")
    exit(1)
}
let sample = Linter.run(proposed: blockPath, source: edited(999), rules: loaded.lintRules, catalog: loaded.catalog, now: day)
guard sample.setupErrors.isEmpty else {
    print("the block does not compile: \(sample.setupErrors)")
    exit(1)
}
let rounds = max(5, changes / 4)
var kept: [Double] = [], rebuilt: [Double] = []
for r in 0..<rounds {
    let text = edited(1000 + r)
    var t = seconds()
    _ = Linter.run(proposed: blockPath, source: text, rules: loaded.lintRules, catalog: loaded.catalog, now: day)
    kept.append(seconds() - t)
    t = seconds()
    _ = Linter.run(proposed: blockPath, source: text, brand: loaded.brand, catalog: loaded.catalog, now: day)
    rebuilt.append(seconds() - t)
}
print(
    "lint alone, \(rounds) rounds interleaved: rules kept per project median \(ms(percentile(kept, 0.5))), p95 \(ms(percentile(kept, 0.95))); rules rebuilt per lint (as before) median \(ms(percentile(rebuilt, 0.5))), p95 \(ms(percentile(rebuilt, 0.95)))"
)
