/// `{% break %}` and `{% continue %}`.
struct InterruptTag: TagParser {
    let kind: RenderContext.Interrupt
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node { InterruptNode(kind: kind) }
}

struct InterruptNode: Node {
    let kind: RenderContext.Interrupt
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws { ctx.interrupt = kind }
}
