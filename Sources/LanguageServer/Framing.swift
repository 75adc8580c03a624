import Foundation

/// LSP's base protocol: each message is `Content-Length: N\r\n` (other headers allowed and
/// ignored), a blank line, then N bytes of JSON. `MessageFramer` cuts a byte stream into
/// message bodies with two limits: a header section over `maxHeaderBytes` or a body over
/// `maxBodyBytes` becomes a `FramingError` (answered as a JSON-RPC error), its bytes are
/// skipped, and reading goes on with the next message. Nothing a client sends ends the server.
package struct MessageFramer {
    package struct Limits: Sendable, Equatable {
        /// The header section of one message (`Content-Length` and `Content-Type` need < 100 bytes).
        package var headerBytes = 8 * 1024
        /// One message body: a document is sent whole on open and on every change.
        package var bodyBytes = 16 * 1024 * 1024
        package init() {}
    }

    package enum Event: Equatable, Sendable {
        case message([UInt8])
        case error(FramingError)
    }

    package let limits: Limits
    private var buffer: [UInt8] = []
    /// Where unread bytes start in `buffer` (compacted when it passes half of the buffer).
    private var start = 0
    /// Body bytes still to be thrown away after an oversized header announced them.
    private var skipping = 0
    /// Dropping a header section over the limit: bytes are discarded up to its blank line.
    private var droppingHeader = false

    package init(limits: Limits = Limits()) { self.limits = limits }

    /// Adds bytes read from the stream.
    package mutating func feed(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message or error, or nil until more bytes are fed.
    package mutating func next() -> Event? {
        defer { compact() }
        if skipping > 0 {
            _ = skipAvailable()
            if skipping > 0 { return nil }
        }
        let end = headerEnd()
        if droppingHeader {
            guard let end else {
                start = max(start, buffer.count - 3)  // keep what may begin the terminator
                return nil
            }
            start = end
            droppingHeader = false
            return next()
        }
        guard let end else {
            if buffer.count - start > limits.headerBytes {
                droppingHeader = true
                start = max(start, buffer.count - 3)
                return .error(.headerTooLarge(limit: limits.headerBytes))
            }
            return nil
        }
        let headerLength = end - start
        if headerLength > limits.headerBytes {
            start = end
            return .error(.headerTooLarge(limit: limits.headerBytes))
        }
        let header = String(decoding: buffer[start..<(end - 4)], as: UTF8.self)
        guard let length = Self.contentLength(header) else {
            start = end
            return .error(.missingContentLength(header: String(header.prefix(200))))
        }
        if length > limits.bodyBytes {
            start = end
            skipping = length
            _ = skipAvailable()
            return .error(.bodyTooLarge(length: length, limit: limits.bodyBytes))
        }
        guard buffer.count - end >= length else { return nil }
        let body = Array(buffer[end..<(end + length)])
        start = end + length
        return .message(body)
    }

    private mutating func skipAvailable() -> Int {
        let n = min(skipping, buffer.count - start)
        start += n
        skipping -= n
        return n
    }

    /// The index just past the first `\r\n\r\n` from `start`, if any.
    private func headerEnd() -> Int? {
        var i = start
        while i + 3 < buffer.count {
            if buffer[i] == 0x0D, buffer[i + 1] == 0x0A, buffer[i + 2] == 0x0D, buffer[i + 3] == 0x0A { return i + 4 }
            i += 1
        }
        return nil
    }

    private mutating func compact() {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
    }

    /// The value of `Content-Length` (case-insensitive name), when it is a plain decimal.
    static func contentLength(_ header: String) -> Int? {
        for line in header.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard name == "content-length" else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty, value.count <= 18, value.allSatisfy(\.isASCIIDigit) else { return nil }
            return Int(value)
        }
        return nil
    }

    /// One message as it goes on the wire.
    package static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

/// Why bytes on the input were not a message; the server answers with a JSON-RPC error
/// (id null) naming the limit or what was expected.
package enum FramingError: Error, Equatable, Sendable, CustomStringConvertible {
    case headerTooLarge(limit: Int)
    case missingContentLength(header: String)
    case bodyTooLarge(length: Int, limit: Int)

    package var description: String {
        switch self {
        case .headerTooLarge(let limit):
            "the header section of a message is over the limit of \(limit) bytes (expected 'Content-Length: N' and a blank line); it was skipped"
        case .missingContentLength(let header):
            "expected a 'Content-Length: N' header with N a decimal byte count; found '\(header)'"
        case .bodyTooLarge(let length, let limit):
            "a message of \(length) bytes is over the limit of \(limit) bytes (--max-message-bytes); it was skipped"
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
