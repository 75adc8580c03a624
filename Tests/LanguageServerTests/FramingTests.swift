import Testing

@testable import LanguageServer

/// LSP's Content-Length framing: messages cut from any chunking, limits that answer with an
/// error and skip the offending bytes, and reading that goes on after every error.
@Suite struct FramingTests {
    static func frame(_ body: String, header: String? = nil) -> [UInt8] {
        Array((header ?? "Content-Length: \(body.utf8.count)\r\n\r\n").utf8) + Array(body.utf8)
    }

    static func events(_ framer: inout MessageFramer) -> [MessageFramer.Event] {
        var out: [MessageFramer.Event] = []
        while let e = framer.next() { out.append(e) }
        return out
    }

    @Test func twoMessagesInOneChunkAndOneByteAtATime() {
        let bytes = Self.frame(#"{"id":1}"#) + Self.frame(#"{"a":"é😀"}"#)
        var whole = MessageFramer()
        whole.feed(bytes)
        #expect(Self.events(&whole) == [.message(Array(#"{"id":1}"#.utf8)), .message(Array(#"{"a":"é😀"}"#.utf8))])
        var trickle = MessageFramer()
        var seen: [MessageFramer.Event] = []
        for b in bytes {
            trickle.feed([b])
            seen += Self.events(&trickle)
        }
        #expect(seen == [.message(Array(#"{"id":1}"#.utf8)), .message(Array(#"{"a":"é😀"}"#.utf8))])
    }

    @Test func headerNameIsCaseInsensitiveAndOtherHeadersAreIgnored() {
        var f = MessageFramer()
        f.feed(Self.frame("{}", header: "content-type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n"))
        #expect(Self.events(&f) == [.message(Array("{}".utf8))])
    }

    @Test func bodyOverTheLimitIsAnErrorAndSkipped() {
        var limits = MessageFramer.Limits()
        limits.bodyBytes = 10
        var f = MessageFramer(limits: limits)
        let big = String(repeating: "x", count: 50)
        f.feed(Self.frame(big).prefix(30))
        #expect(Self.events(&f) == [.error(.bodyTooLarge(length: 50, limit: 10))])
        f.feed(Self.frame(big).dropFirst(30) + Self.frame("{}"))
        #expect(Self.events(&f) == [.message(Array("{}".utf8))])
        #expect(FramingError.bodyTooLarge(length: 50, limit: 10).description.contains("--max-message-bytes"))
    }

    @Test func headerOverTheLimitIsAnErrorAndReadingResumes() {
        var limits = MessageFramer.Limits()
        limits.headerBytes = 64
        var f = MessageFramer(limits: limits)
        f.feed(Array(("X-Padding: " + String(repeating: "p", count: 200)).utf8))
        #expect(Self.events(&f) == [.error(.headerTooLarge(limit: 64))])
        f.feed(Array("\r\n\r\n".utf8) + Self.frame("[1]"))
        #expect(Self.events(&f) == [.message(Array("[1]".utf8))])
    }

    @Test func missingOrMalformedContentLengthIsAnError() {
        var f = MessageFramer()
        f.feed(Self.frame("", header: "Content-Type: x\r\n\r\n") + Self.frame("", header: "Content-Length: -3\r\n\r\n") + Self.frame("{}"))
        let events = Self.events(&f)
        #expect(events.count == 3)
        #expect(events.last == .message(Array("{}".utf8)))
        if case .error(.missingContentLength(let h)) = events[1] {
            #expect(h == "Content-Length: -3")
        } else {
            Issue.record("expected an error, got \(events[1])")
        }
    }

    @Test func frameWritesTheByteLength() {
        #expect(MessageFramer.frame(Array("é".utf8)) == Array("Content-Length: 2\r\n\r\né".utf8))
    }
}

/// Tessera's places (1-based line, column in Unicode scalars) against LSP's (0-based, UTF-16).
@Suite struct PositionTests {
    @Test func emojiCountsTwoUnitsAndOneScalar() {
        let lines = LineIndex("ab\n😀 raincoat\n")
        // `raincoat` is column 3 in scalars (😀=1, space=2), character 3 in UTF-16 (😀=2 units).
        #expect(lines.position(line: 2, column: 3) == Position(line: 1, character: 3))
        #expect(lines.position(line: 2, column: 11) == Position(line: 1, character: 11))
        #expect(lines.offset(Position(line: 1, character: 3)) == 6)
        #expect(lines.position(offset: 6) == Position(line: 1, character: 3))
    }

    @Test func precomposedAndCombiningAccents() {
        // "é" precomposed is one scalar and one unit; "e\u{301}" is two of each.
        let lines = LineIndex("café x\ncafe\u{301} y")
        #expect(lines.position(line: 1, column: 6) == Position(line: 0, character: 5))
        #expect(lines.position(line: 2, column: 7) == Position(line: 1, character: 6))
    }

    @Test func clampsToTheLineAndNeverSplitsASurrogatePair() {
        let lines = LineIndex("x😀\r\nnext")
        #expect(lines.position(line: 1, column: 99) == Position(line: 0, character: 3))  // before \r
        #expect(lines.offset(Position(line: 0, character: 2)) == 1)  // inside 😀: moved to its start
        #expect(lines.offset(Position(line: 9, character: 0)) == lines.units.count)
        #expect(lines.line(0) == "x😀")
    }

    @Test func rangedChangesApplyInUTF16() {
        let text = "😀 rain coat\nsecond"
        let changed = LanguageServer.apply("rain jacket", at: TextRange(Position(line: 0, character: 3), Position(line: 0, character: 12)), to: text)
        #expect(changed == "😀 rain jacket\nsecond")
    }
}
