import Foundation
import TestSupport
import Testing

/// The built `tessera` as a new user meets it (issue 20): help that fits 80 columns, plurals,
/// did-you-mean, one `--project` flag, colour only for a person at a terminal, progress for
/// screenshots, files named in the manifest, and one message in the browser with `tessera view`.
@Suite(.serialized) struct NewUserCLITests {
    static let project = Corpus.packageRoot.path
    static let now = "2026-11-23T09:00:00Z"

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Where a child's standard output or error goes: a file (a pipe, as far as colour goes) or
    /// a pseudo-terminal (a person at a terminal).
    enum Sink { case file, terminal }

    /// Runs tessera with `environment` added to ours; a run still going after `deadline` seconds
    /// is killed and reported (a hang would be the bug).
    func tessera(
        _ args: [String], environment: [String: String] = [:], stdout: Sink = .file, stderr: Sink = .file,
        deadline: Double = 300
    ) throws -> Outcome {
        let binary = try #require(TesseraBinary.url, "build tessera first (swift build)")
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        var readers: [() -> String] = []
        for (index, sink) in [stdout, stderr].enumerated() {
            let handle: FileHandle
            switch sink {
            case .file:
                let url = dir.appendingPathComponent("\(index)")
                _ = FileManager.default.createFile(atPath: url.path, contents: nil)
                handle = try FileHandle(forWritingTo: url)
                readers.append { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
            case .terminal:
                let pty = try PseudoTerminal()
                handle = pty.child
                readers.append { pty.finish() }
            }
            if index == 0 { p.standardOutput = handle } else { p.standardError = handle }
        }
        try p.run()
        let start = Date()
        while p.isRunning && Date().timeIntervalSince(start) < deadline { usleep(20_000) }
        if p.isRunning {
            p.terminate()
            Issue.record("tessera \(args.joined(separator: " ")) still running after \(deadline) s")
        }
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, stdout: readers[0](), stderr: readers[1]())
    }

    // MARK: help

    /// Every command's path, from ArgumentParser's own description of the tool.
    func commandPaths() throws -> [[String]] {
        let dump = try tessera(["--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var paths: [[String]] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            paths.append(path)
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                walk(sub, path + [name])
            }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        return paths
    }

    /// At 80 columns no help line is longer, and no example is broken: ArgumentParser wraps an
    /// over-long preformatted line onto the margin, so a line at the margin right after an
    /// indented line is a command cut in two. An example continued on purpose ends with `\`
    /// or `|` and goes on indented.
    @Test func helpFitsEightyColumnsWithExamplesWhole() throws {
        let paths = try commandPaths()
        #expect(paths.count >= 15, "\(paths)")
        for path in paths {
            let help = try tessera(["help"] + path, environment: ["COLUMNS": "80"])
            #expect(help.status == 0, "tessera help \(path.joined(separator: " ")): \(help.stderr)")
            var previous = ""
            for line in help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                let command = (["tessera"] + path).joined(separator: " ")
                #expect(line.count <= 80, "\(command) --help: \(line.count) columns: \(line)")
                let previousIndented = previous.hasPrefix(" ") && !previous.trimmingCharacters(in: .whitespaces).isEmpty
                if previousIndented, let first = line.first, first != " " {
                    Issue.record("\(command) --help: a line broken at the margin:\n\(previous)\n\(line)")
                }
                if previous.hasPrefix("  tessera "), line.hasPrefix("      "), !(previous.hasSuffix("\\") || previous.hasSuffix("|")) {
                    Issue.record("\(command) --help: an example continued without \\ or |:\n\(previous)\n\(line)")
                }
                previous = line
            }
        }
    }

    @Test func mistypedSubcommandSuggestsTheNearestOne() throws {
        let top = try tessera(["rendr", "--recipients", "x.ndjson"])
        #expect(top.status == 64)
        #expect(top.stderr.contains("'rendr' is not a tessera command (did you mean 'render'?)"), "\(top.stderr)")
        let nested = try tessera(["context", "bild"])
        #expect(nested.status == 64)
        #expect(nested.stderr.contains("'bild' is not a tessera context command (did you mean 'build'?)"), "\(nested.stderr)")
        // Nothing close: no guess, but still where to look.
        let far = try tessera(["xyzzy"])
        #expect(far.status == 64 && !far.stderr.contains("did you mean") && far.stderr.contains("tessera --help"), "\(far.stderr)")
    }

    // MARK: plurals

    @Test func oneRecipientAndOneFileAreSingular() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(1, welcomeOnly: true), in: dir)
        let render = try tessera([
            "render", "--project", Self.project, "--recipients", input.path, "--now", Self.now,
            "--out", dir.appendingPathComponent("o.ndjson").path,
        ])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stderr.contains("1 recipient: ") && !render.stderr.contains("1 recipients"), "\(render.stderr)")
        let lint = try tessera(["lint", "--project", Self.project, "blocks/recs-grid.mjml", "--now", "2026-11-23"])
        #expect(lint.stdout.hasSuffix("in 1 file.\n"), "\(lint.stdout)")
    }

    // MARK: --project everywhere

    @Test func contextCommandsTakeProjectAndStillTakeBrand() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("c.sqlite").path
        let build = try tessera(["context", "build", "--project", Self.project, "--out", db])
        #expect(build.status == 0, "\(build.stderr)")
        let claims = try tessera(["claims", "--project", Self.project, "--out", db, "--market", "US", "--format", "json"])
        #expect(claims.status == 0 && claims.stdout.hasPrefix("["), "\(claims.stderr)")
        let sql = try tessera(["context", "sql", "--project", Self.project, "--out", db, "SELECT count(*) AS n FROM claims"])
        #expect(sql.status == 0, "\(sql.stderr)")
        // The old spelling names the brand folder itself.
        let old = try tessera(["claims", "--brand", Self.project + "/brand", "--out", db, "--market", "US", "--format", "json"])
        #expect(old.status == 0 && old.stdout == claims.stdout, "\(old.stderr)")
        let both = try tessera(["claims", "--brand", Self.project + "/brand", "--project", Self.project, "--out", db])
        #expect(both.status == 64 && both.stderr.contains("not both"), "\(both.stderr)")
        // Without --out, the database goes into the project, as everything else does.
        let scratch = dir.appendingPathComponent("p")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Corpus.project("brand"), to: scratch.appendingPathComponent("brand"))
        #expect(try tessera(["context", "build", "--project", scratch.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent(".tessera/context.sqlite").path))
    }

    // MARK: colour

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let escape = "\u{1B}["
        let bad = ["lint", "--project", Self.project, "--format", "nope"]
        let onTerminal = try tessera(bad, environment: ["TERM": "xterm", "NO_COLOR": ""], stderr: .terminal)
        #expect(onTerminal.status == 2)
        #expect(onTerminal.stderr.contains("\(escape)1;31merror:\(escape)0m --format expects"), "\(onTerminal.stderr.debugDescription)")
        let noColor = try tessera(bad, environment: ["TERM": "xterm", "NO_COLOR": "1"], stderr: .terminal)
        #expect(noColor.stderr.contains("error: --format expects") && !noColor.stderr.contains(escape), "\(noColor.stderr.debugDescription)")
        let piped = try tessera(bad, environment: ["TERM": "xterm"])
        #expect(piped.stderr.hasPrefix("error: --format expects") && !piped.stderr.contains(escape))
        // A report on standard output (voice alerts on a sentence that breaks the brand's rules):
        // coloured on a terminal only. An empty NO_COLOR does not count (no-color.org).
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("copy.md")
        try "We think this jacket is the best, very unique and super amazing.\n".write(to: copy, atomically: true, encoding: .utf8)
        let voice = ["voice", "--styles", Self.project + "/brand/voice", copy.path]
        let report = try tessera(voice, environment: ["TERM": "xterm", "NO_COLOR": ""], stdout: .terminal)
        #expect(report.stdout.contains("Larchwood.Absolutes") && report.stdout.contains(escape), "\(report.stdout.debugDescription)")
        let plain = try tessera(voice, environment: ["TERM": "xterm", "NO_COLOR": "1"], stdout: .terminal)
        #expect(plain.stdout.contains("Larchwood.Absolutes") && !plain.stdout.contains(escape))
        let dumb = try tessera(voice, environment: ["TERM": "dumb", "NO_COLOR": ""], stdout: .terminal)
        #expect(dumb.stdout.contains("Larchwood.Absolutes") && !dumb.stdout.contains(escape))
        #expect(!(try tessera(voice, environment: ["TERM": "xterm"]).stdout.contains(escape)))
    }

    // MARK: preview

    /// A stand-in for Chromium: writes the file `--screenshot=PATH` names.
    static func fakeChromium(in dir: URL) throws -> URL {
        let script = dir.appendingPathComponent("fake-chromium")
        try """
        #!/bin/sh
        for a in "$@"; do case "$a" in --screenshot=*) printf 'PNG' > "${a#--screenshot=}";; esac; done

        """.write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        return script
    }

    @Test func screenshotsReportProgressOneLineEach() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("preview")
        let r = try tessera(
            [
                "preview", "--project", Self.project, "--template", "welcome", "--now", Self.now,
                "--out", out.path, "--screenshots",
            ], environment: ["TESSERA_CHROMIUM": try Self.fakeChromium(in: dir).path])
        #expect(r.status == 0, "\(r.stderr)")
        let pngs = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("p").path).filter { $0.hasSuffix(".png") }
        #expect(pngs.count > 1)
        let lines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("screenshot ") }
        #expect(lines.count == pngs.count, "\(r.stderr)")
        for (i, line) in lines.enumerated() {
            let parts = line.split(separator: " ")
            #expect(parts.count == 3 && parts[1] == "\(i + 1)/\(pngs.count)" && pngs.contains(String(parts[2].dropFirst(2))), "\(line)")
        }
    }

    // MARK: --format files

    @Test func filesManifestNamesEachRecordsFiles() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = PipeFixture.write(PipeFixture.generated(30), in: dir)
        let out = dir.appendingPathComponent("files")
        let r = try tessera([
            "render", "--project", Self.project, "--recipients", input.path, "--now", Self.now,
            "--format", "files", "--out", out.path, "--quiet",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.ndjson"), encoding: .utf8)
        var rendered = 0
        for line in manifest.split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(o["id"] as? String)
            if o["status"] as? String == "rendered" {
                rendered += 1
                #expect(o["html"] as? String == "\(id).html" && o["text"] as? String == "\(id).txt", "\(line)")
                #expect(o["files"] as? [String] == ["\(id).html", "\(id).txt"])
                let html = try String(contentsOf: out.appendingPathComponent("\(id).html"), encoding: .utf8)
                #expect(html.contains("<html"))
            } else {
                #expect(o["html"] as? String == "" && o["files"] as? [String] == [], "\(line)")
            }
        }
        #expect(rendered > 0)
    }

    // MARK: tessera view

    @Test func viewWritesOneMessageAndOpensIt() throws {
        let dir = PipeFixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let opened = dir.appendingPathComponent("opened")
        let browser = dir.appendingPathComponent("browser")
        try "#!/bin/sh\nprintf '%s' \"$1\" > '\(opened.path)'\n".write(to: browser, atomically: true, encoding: .utf8)
        chmod(browser.path, 0o755)
        let html = dir.appendingPathComponent("welcome.html")
        // r000001's decision names winback: --template welcome renders welcome all the same.
        let r = try tessera(
            [
                "view", "--project", Self.project, "--template", "welcome", "--id", "r000001", "--now", Self.now,
                "--out", html.path,
            ], environment: ["BROWSER": browser.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("wrote \(html.path): welcome for r000001"), "\(r.stdout)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.hasPrefix("<!doctype html>") || page.lowercased().contains("<html"))
        #expect(try String(contentsOf: opened, encoding: .utf8) == html.path)

        // Without --template, the recipient's own template; --no-open opens nothing.
        try? FileManager.default.removeItem(at: opened)
        let own = try tessera(
            ["view", "--project", Self.project, "--id", "r000001", "--now", Self.now, "--out", html.path, "--no-open"],
            environment: ["BROWSER": browser.path])
        #expect(own.status == 0 && own.stdout.contains(": winback for r000001"), "\(own.stdout) \(own.stderr)")
        #expect(!FileManager.default.fileExists(atPath: opened.path))

        let missing = try tessera(["view", "--project", Self.project, "--id", "nobody", "--no-open"])
        #expect(missing.status == 1 && missing.stderr.contains("no recipient with id 'nobody'"), "\(missing.stderr)")
        let typo = try tessera(["view", "--project", Self.project, "--id", "r000001", "--template", "welcom", "--no-open"])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean 'welcome'?"), "\(typo.stderr)")
    }
}

/// A pseudo-terminal for a child's output: the child writes to `child` (isatty is true there);
/// what it wrote is read from the parent side as it comes, so a long output never blocks it.
final class PseudoTerminal: @unchecked Sendable {
    let child: FileHandle
    private let parent: Int32
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    /// posix_openpt, grantpt, unlockpt and ptsname are in libc but hidden from Swift's Glibc
    /// module (they need _XOPEN_SOURCE), so they are looked up by name.
    private static func libc<T>(_ name: String, as: T.Type) throws -> T {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { throw CocoaError(.featureUnsupported) }
        return unsafeBitCast(symbol, to: T.self)
    }

    init() throws {
        typealias IntCall = @convention(c) (Int32) -> Int32
        let openpt = try Self.libc("posix_openpt", as: IntCall.self)
        let grant = try Self.libc("grantpt", as: IntCall.self)
        let unlock = try Self.libc("unlockpt", as: IntCall.self)
        let ptsname = try Self.libc("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
        parent = openpt(O_RDWR | O_NOCTTY)
        guard parent >= 0, grant(parent) == 0, unlock(parent) == 0, let name = ptsname(parent) else {
            throw CocoaError(.fileReadUnknown)
        }
        let fd = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard fd >= 0 else { throw CocoaError(.fileReadUnknown) }
        child = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        let parent = self.parent
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(parent, &buffer, buffer.count)
                if n <= 0 { break }  // EIO once every child side is closed
                lock.lock(); bytes += buffer[0..<n]; lock.unlock()
            }
            done.signal()
        }
    }

    /// Everything written, once the child has exited (our copy of its side is closed here).
    func finish() -> String {
        try? child.close()
        done.wait()
        close(parent)
        lock.lock(); defer { lock.unlock() }
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }
}
