/// `{% assign name = expression | filters %}`
struct AssignTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        var p = try parser.expressions(tag)
        let name = try parseVariableName(&p)
        try p.expect(.equals, "'=' after the variable name")
        let value = try p.parseFilteredExpression()
        try p.expectEnd()
        return AssignNode(name: name, value: value)
    }
}

struct AssignNode: Node {
    let name: String
    let value: FilteredExpression
    var isBlank: Bool { true }
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        ctx.assigns[name] = try ctx.evaluate(value)
        if !ctx.safeNames.isEmpty { ctx.safeNames.remove(name) }
    }
    func analyze(_ a: inout Analyzer) {
        a.visit(value)
        a.bindAssign(name, to: value)
    }
}

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
        if ctx.environment.autoescape { ctx.safeNames.insert(name) }
    }
    func analyze(_ a: inout Analyzer) {
        body.analyze(&a)
        a.bindLocal(name, global: true)
    }
}

/// `{% increment name %}` (renders, then adds one) and `{% decrement name %}` (subtracts, then renders).
struct CounterTag: TagParser {
    let step: Int
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        var p = try parser.expressions(tag)
        let name = try parseVariableName(&p)
        try p.expectEnd()
        return CounterNode(name: name, step: step)
    }
}

struct CounterNode: Node {
    let name: String
    let step: Int
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        let current = ctx.counters[name] ?? 0
        ctx.counters[name] = current + step
        try out.append(String(step > 0 ? current : current + step))
    }
    func analyze(_ a: inout Analyzer) { a.bindLocal(name, global: true) }
}

/// `{% echo expression | filters %}`
struct EchoTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        var p = try parser.expressions(tag)
        if p.atEnd { return OutputNode(expression: FilteredExpression(base: .literal(.null), filters: []), escape: false) }
        let e = try p.parseFilteredExpression()
        try p.expectEnd()
        return TemplateParser.outputNode(e, escape: parser.shouldEscape(e))
    }
}

/// `{% cycle 'a', 'b' %}` or `{% cycle group: 'a', 'b' %}`.
struct CycleTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        var p = try parser.expressions(tag)
        var group: LiquidExpression?
        if p.peek().kind == .colon {
            group = try p.parsePrimary()
            p.advance()
        }
        let start = p.current.offset
        var values = [try p.parsePrimary()]
        while p.accept(.comma) { values.append(try p.parsePrimary()) }
        try p.expectEnd()
        let key = "u:" + p.text(from: start, to: p.current.offset)
        return CycleNode(group: group, unnamedKey: key, values: values)
    }
}

struct CycleNode: Node {
    let group: LiquidExpression?
    let unnamedKey: String
    let values: [LiquidExpression]
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        let key = try group.map { "n:" + (try ctx.evaluate($0)).liquidString } ?? unnamedKey
        var i = ctx.cycles[key] ?? 0
        if i < values.count { try out.append(try ctx.evaluate(values[i]), escape: false) }
        i += 1
        if i >= values.count { i = 0 }
        ctx.cycles[key] = i
    }
    func analyze(_ a: inout Analyzer) {
        if let group { a.visit(group) }
        values.forEach { a.visit($0) }
    }
}

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
