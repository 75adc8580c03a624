/// `{% liquid tag args \n tag args %}`: one tag per line, without delimiters.
struct LiquidTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        let tokens = Self.lineTokens(tag.markup, offset: tag.markupOffset)
        var sub = parser.subParser(tokens)
        let body = try sub.parseDocument()
        return LiquidBlockNode(body: body)
    }

    static func lineTokens(_ markup: String, offset: Int) -> [TemplateToken] {
        var tokens: [TemplateToken] = []
        var lineStart = offset
        for line in Array(markup.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) {
            defer { lineStart += line.count + 1 }
            let bytes = Array(line)
            var i = 0
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { continue }
            let nameStart = i
            if bytes[i] == UInt8(ascii: "#") { i += 1 } else { while i < bytes.count, isWord(bytes[i]) { i += 1 } }
            let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            var e = bytes.count
            while e > i, isSpace(bytes[e - 1]) { e -= 1 }
            let rest = String(decoding: bytes[i..<e], as: UTF8.self)
            tokens.append(TemplateToken(kind: .tag, markup: rest, name: name, offset: lineStart + nameStart, markupOffset: lineStart + i))
        }
        return tokens
    }
}

struct LiquidBlockNode: Node {
    let body: BlockBody
    var isBlank: Bool { body.isBlank }
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws { try body.render(ctx, &out) }
    func analyze(_ a: inout Analyzer) { body.analyze(&a) }
}
