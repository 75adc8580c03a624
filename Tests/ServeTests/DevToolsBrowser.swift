import Foundation
import Testing

/// Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
/// commands in on fd 3, answers out on fd 4, each a JSON text ended by a NUL byte). Unlike
/// `--dump-dom`, the page stays open: a test can change the project on disk and read the page
/// again, as a person with the preview open in a tab would see it.
final class DevToolsBrowser {
    private var pid: pid_t = 0
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private var buffer: [UInt8] = []
    private var nextID = 0
    private var session: String?
    private let profile: URL

    /// Debian's `chromium` (or `$TESSERA_CHROMIUM`); nil when none is installed.
    static func find() -> String? {
        let env = ProcessInfo.processInfo.environment["TESSERA_CHROMIUM"]
        for path in [env, "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].compactMap({ $0 })
        where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return nil
    }

    /// Starts the browser on `url` and attaches to its page.
    init(_ chromium: String, url: String) throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("devtools-\(UUID().uuidString)")
        var commands: [Int32] = [0, 0], answers: [Int32] = [0, 0]
        guard pipe(&commands) == 0, pipe(&answers) == 0 else { throw ServeTestError("pipe: \(errno)") }
        toBrowser = commands[1]
        fromBrowser = answers[0]
        // Our ends stay ours: the browser must see only fds 3 and 4.
        _ = fcntl(toBrowser, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fromBrowser, F_SETFD, FD_CLOEXEC)
        let args = [
            chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-dev-shm-usage", "--mute-audio",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
            "--user-data-dir=\(profile.path)", "--remote-debugging-pipe", "--window-size=1280,1000", url,
        ]
        // A browser that exits mid-test must fail the test, not end the test process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, commands[0], 3)
        posix_spawn_file_actions_adddup2(&actions, answers[1], 4)
        let devnull = open("/dev/null", O_WRONLY)
        posix_spawn_file_actions_adddup2(&actions, devnull, 1)
        posix_spawn_file_actions_adddup2(&actions, devnull, 2)
        let argv = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, chromium, &actions, nil, argv, environ)
        close(commands[0])
        close(answers[1])
        close(devnull)
        guard spawned == 0 else { throw ServeTestError("cannot start \(chromium): \(spawned)") }
        let targets = try call("Target.getTargets")
        let infos = (targets["targetInfos"] as? [[String: Any]]) ?? []
        guard let page = infos.first(where: { $0["type"] as? String == "page" })?["targetId"] as? String else {
            throw ServeTestError("no page target in \(infos)")
        }
        session = try call("Target.attachToTarget", ["targetId": page, "flatten": true])["sessionId"] as? String
    }

    /// The value of a JavaScript expression in the page (`returnByValue`).
    func evaluate(_ expression: String) throws -> Any? {
        let answer = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true], inSession: true)
        return (answer["result"] as? [String: Any])?["value"]
    }

    /// Polls `expression` until it is true or `seconds` pass (a hang is the failure this bounds).
    func waitUntil(_ expression: String, seconds: Double) throws -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            if (try? evaluate(expression)) as? Bool == true { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    /// Sends one command and reads messages until its answer (events in between are dropped).
    private func call(_ method: String, _ params: [String: Any] = [:], inSession: Bool = false) throws -> [String: Any] {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": params]
        if inSession, let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
            guard n > 0 else { throw ServeTestError("write to the browser: \(errno)") }
            sent += n
        }
        while true {
            let text = try readMessage()
            guard let object = try JSONSerialization.jsonObject(with: Data(text)) as? [String: Any], object["id"] as? Int == nextID else { continue }
            if let error = object["error"] { throw ServeTestError("\(method): \(error)") }
            return (object["result"] as? [String: Any]) ?? [:]
        }
    }

    private func readMessage() throws -> [UInt8] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                return message
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            var ready = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 60_000) > 0 else { throw ServeTestError("the browser did not answer within 60 s") }
            let n = read(fromBrowser, &chunk, chunk.count)
            guard n > 0 else { throw ServeTestError("the browser closed its pipe") }
            buffer += chunk[..<n]
        }
    }

    deinit {
        if pid > 0 {
            // Closing the browser ends its helper processes too; SIGKILL only if it does not exit.
            _ = try? call("Browser.close")
            var status: Int32 = 0
            let deadline = Date(timeIntervalSinceNow: 10)
            while waitpid(pid, &status, WNOHANG) == 0 {
                if Date() > deadline { kill(pid, SIGKILL); waitpid(pid, &status, 0); break }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        close(toBrowser)
        close(fromBrowser)
        try? FileManager.default.removeItem(at: profile)
    }
}
