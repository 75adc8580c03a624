/// The shared head of `render` and `include`: `'name' [with|for expr [as alias]] [, key: value]…`
struct PartialHeader: Sendable {
    let name: LiquidExpression
    var bound: LiquidExpression?
    var isFor = false
    var alias: String?
    var arguments: [(String, LiquidExpression)] = []
    let offset: Int

    init(_ tag: TemplateToken, _ parser: TemplateParser, requireLiteralName: Bool) throws {
        var p = try parser.expressions(tag)
        offset = tag.offset
        if requireLiteralName, case .string = p.current.kind {} else if requireLiteralName {
            throw p.error("expected a quoted partial name, found \(p.describeCurrent)")
        }
        name = try p.parsePrimary()
        if case .identifier(let w) = p.current.kind, w == "with" || w == "for", p.peek().kind != .colon {
            p.advance()
            isFor = w == "for"
            bound = try p.parsePrimary()
            if p.accept(word: "as") { alias = try p.identifier("an alias name") }
        }
        while !p.atEnd {
            if p.accept(.comma) { continue }
            let key = try p.identifier("a keyword argument")
            try p.expect(.colon, "':' after '\(key)'")
            arguments.append((key, try p.parsePrimary()))
        }
    }

    func partialName(_ ctx: RenderContext) throws -> String {
        let v = try ctx.evaluate(name)
        guard case .string(let s) = v else { throw LiquidError(.type, "partial name must be a string, got \(v.typeName)", offset: offset) }
        return s
    }

    func load(_ ctx: RenderContext) throws -> (Template, String) {
        let name = try partialName(ctx)
        if ctx.partialDepth >= ctx.environment.limits.partialDepth {
            throw LiquidError(.limit, "partials nested deeper than \(ctx.environment.limits.partialDepth) (recursive render?)", offset: offset)
        }
        return (try ctx.environment.partial(named: name, offset: offset), name)
    }

    func variableName(_ partial: String) -> String {
        alias ?? String(partial.split(separator: "/").last ?? Substring(partial))
    }

    func analyze(_ a: inout Analyzer) {
        a.visit(name)
        if let bound { a.visit(bound) }
        arguments.forEach { a.visit($0.1) }
        if case .literal(.string(let n)) = name { a.noteTemplate(n) }
    }
}

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
            let c = RenderContext(environment: ctx.environment, globals: ctx.globals, source: template.source)
            c.partialDepth = ctx.partialDepth + 1
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

    func analyze(_ a: inout Analyzer) { header.analyze(&a) }
}

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

    func analyze(_ a: inout Analyzer) { header.analyze(&a) }
}
