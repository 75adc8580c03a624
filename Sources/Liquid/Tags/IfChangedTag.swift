/// `{% ifchanged %}…{% endifchanged %}`: renders its body when it differs from the last time.
struct IfChangedTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        let (body, _) = try parser.parseBody(until: ["endifchanged"], opener: tag)
        return IfChangedNode(body: body)
    }
}

struct IfChangedNode: Node {
    let body: BlockBody
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        var buffer = OutputBuffer(bytes: [], limit: out.limit)
        try body.render(ctx, &buffer)
        let s = String(decoding: buffer.bytes, as: UTF8.self)
        if s != ctx.lastIfChanged {
            ctx.lastIfChanged = s
            try out.append(buffer.bytes)
        }
    }
    func analyze(_ a: inout Analyzer) { body.analyze(&a) }
}
