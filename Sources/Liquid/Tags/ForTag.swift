/// `{% for x in collection reversed limit: n offset: n|continue %}…{% else %}…{% endfor %}`
struct ForTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        let header = try LoopHeader(tag, parser)
        let (body, end) = try parser.parseBody(until: ["else", "endfor"], opener: tag)
        var bodies = [body]
        if end?.name == "else" {
            let (elseBody, _) = try parser.parseBody(until: ["endfor"], opener: tag)
            bodies.append(elseBody)
        }
        let blank = bodies.stripIfBlank()
        return ForNode(header: header, body: bodies[0], elseBody: bodies.count > 1 ? bodies[1] : nil, blank: blank)
    }
}

struct ForNode: Node {
    let header: LoopHeader
    let body: BlockBody
    let elseBody: BlockBody?
    let blank: Bool
    var isBlank: Bool { blank }

    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        let (items, from) = try header.items(ctx)
        ctx.loopOffsets[header.name] = from + items.count
        if items.isEmpty {
            try elseBody?.render(ctx, &out)
            return
        }
        try ctx.countIterations(items.count, offset: header.tagOffset)
        let loop = ForLoopDrop(name: header.name, length: items.count, parent: ctx.loopStack.last)
        ctx.loopStack.append(loop)
        ctx.pushScope([("forloop", .drop(loop)), (header.variable, .null)])
        let slot = ctx.localValues.count - 1
        defer { ctx.popScope(); ctx.loopStack.removeLast() }
        for item in items {
            ctx.setLocal(at: slot, item)
            try body.render(ctx, &out)
            loop.index0 += 1
            if let i = ctx.interrupt {
                ctx.interrupt = nil
                if i == .breakLoop { break }
            }
        }
    }

    func analyze(_ a: inout Analyzer) {
        a.visit(header.collection)
        [header.limit, header.offset].forEach { if let e = $0 { a.visit(e) } }
        a.pushScope()
        a.bindItem(header.variable, of: header.collection)
        a.bindLocal("forloop")
        body.analyze(&a)
        a.popScope()
        elseBody?.analyze(&a)
    }
}
