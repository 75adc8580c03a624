/// `{% include 'name' %}`: the partial shares the caller's variables (legacy Shopify tag).
struct IncludeTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        IncludeNode(header: try PartialHeader(tag, parser, requireLiteralName: false))
    }
}

struct IncludeNode: Node {
    let header: PartialHeader

    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        let (template, name) = try header.load(ctx)
        var scope: [(String, Value)] = []
        for (k, e) in header.arguments { scope.append((k, try ctx.evaluate(e))) }
        let varName = header.variableName(name)
        ctx.partialDepth += 1
        ctx.pushScope(scope)
        defer { ctx.popScope(); ctx.partialDepth -= 1 }
        let bound = try header.bound.map { try ctx.evaluate($0) }
        if let bound, case .array(let items) = bound {
            try ctx.countIterations(items.count, offset: header.offset)
            for item in items {
                ctx.setLocal(varName, item)
                try template.renderBody(ctx, &out)
                if ctx.interrupt != nil { return }
            }
            return
        }
        if let bound { ctx.setLocal(varName, bound) }
        try template.renderBody(ctx, &out)
    }

    func analyze(_ a: inout Analyzer) {
        header.analyze(&a)
        header.followPartial(&a, isolated: false)
    }
}
