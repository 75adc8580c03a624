/// `{% capture name %}…{% endcapture %}`
struct CaptureTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        var p = try parser.expressions(tag)
        let name = try parseVariableName(&p)
        try p.expectEnd()
        let (body, _) = try parser.parseBody(until: ["endcapture"], opener: tag)
        return CaptureNode(name: name, body: body)
    }
}

struct CaptureNode: Node {
    let name: String
    let body: BlockBody
    var isBlank: Bool { true }
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        var buffer = OutputBuffer(bytes: [], limit: out.limit - out.bytes.count)
        try body.render(ctx, &buffer)
        ctx.assigns[name] = .string(String(decoding: buffer.bytes, as: UTF8.self))
        // Captured output was escaped as it was rendered; printing it must not escape it twice.
        if ctx.autoescape { ctx.safeNames.insert(name) }
    }
    func analyze(_ a: inout Analyzer) { a.capture(name, body) }
}
