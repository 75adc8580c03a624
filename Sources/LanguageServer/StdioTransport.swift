import Foundation

extension LanguageServer {
    /// Runs the server on standard input and output until the client sends `exit` or closes
    /// its input. Returns the exit status: 0 after `shutdown` then `exit`, 1 otherwise (as LSP
    /// asks). Standard output carries only protocol messages; the log goes to standard error.
    package static func runStdio(_ options: Options) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let output = OutputLock()
        // The `exit` notification ends the process even while the read below waits for input
        // (the server has stopped its watcher and removed its scratch files by then).
        let server = LanguageServer(options: options, send: { output.write($0) }, onExit: { Foundation.exit($0) })
        var framer = MessageFramer(limits: options.limits)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            framer.feed(chunk[0..<n])
            while let event = framer.next() { server.receive(event) }
        }
        // The input closed without `exit`: answer what was asked, then stop.
        server.drain()
        server.close()
        return server.shutDown ? 0 : 1
    }
}

/// Writes whole frames to standard output, one at a time.
final class OutputLock: @unchecked Sendable {
    private let lock = NSLock()

    func write(_ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        var done = 0
        bytes.withUnsafeBytes { raw in
            while done < raw.count {
                let n = Foundation.write(1, raw.baseAddress! + done, raw.count - done)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return }  // the client is gone; the read loop ends at end of input
                done += n
            }
        }
    }
}
