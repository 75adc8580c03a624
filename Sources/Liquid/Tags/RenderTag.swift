/// `{% render 'name' %}`: the partial sees only its arguments and the render's data, never the caller's variables.
struct RenderTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        RenderNode(header: try PartialHeader(tag, parser, requireLiteralName: true))
    }
}

struct RenderNode: Node {
    let header: PartialHeader

    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        let (template, name) = try header.load(ctx)
        var scope = LiquidObject()
        for (k, e) in header.arguments { scope[k] = try ctx.evaluate(e) }
        let varName = header.variableName(name)
        let bound = try header.bound.map { try ctx.evaluate($0) }
        func child() -> RenderContext {
            let c = RenderContext(box: ctx.box, globals: ctx.globals, source: template.source)
            c.partialDepth = ctx.partialDepth + 1
            c.renderDepth = ctx.renderDepth
            c.loopIterations = ctx.loopIterations
            c.assigns = scope
            return c
        }
        if header.isFor, let items = bound?.arrayItems {
            try ctx.countIterations(items.count, offset: header.offset)
            let loop = ForLoopDrop(name: varName, length: items.count, parent: nil)
            for item in items {
                let c = child()
                c.assigns[varName] = item
                c.assigns["forloop"] = .drop(loop)
                try template.renderBody(c, &out)
                ctx.loopIterations = c.loopIterations
                loop.index0 += 1
            }
            return
        }
        let c = child()
        if let bound { c.assigns[varName] = bound }
        try template.renderBody(c, &out)
        ctx.loopIterations = c.loopIterations
    }

    func analyze(_ a: inout Analyzer) {
        header.analyze(&a)
        header.followPartial(&a, isolated: true)
    }
}
