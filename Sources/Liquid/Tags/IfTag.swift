/// `{% if %}…{% elsif %}…{% else %}…{% endif %}` and `{% unless %}` (first condition negated).
struct IfTag: TagParser {
    let negate: Bool

    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        var conditions: [Condition] = []
        var bodies: [BlockBody] = []
        var elseBody: BlockBody?
        var seenElse = false
        let ends: Set<String> = ["elsif", "else", "end" + tag.name]
        conditions.append(try condition(tag, parser))
        while true {
            let (body, end) = try parser.parseBody(until: ends, opener: tag)
            if !seenElse { bodies.append(body) } else if elseBody == nil { elseBody = body }  // extra else/elsif blocks are ignored
            guard let end, end.name != "end" + tag.name else { break }
            if end.name == "else" { seenElse = true } else if !seenElse { conditions.append(try condition(end, parser)) }
        }
        var all = bodies + (elseBody.map { [$0] } ?? [])
        let blank = all.stripIfBlank()
        let elseResult = elseBody == nil ? nil : all.removeLast()
        return IfNode(conditions: conditions, bodies: all, elseBody: elseResult, negateFirst: negate, blank: blank)
    }
}

private func condition(_ tag: TemplateToken, _ parser: TemplateParser) throws -> Condition {
    var p = try parser.expressions(tag)
    if p.atEnd { throw LiquidError(.syntax, "'\(tag.name)' needs a condition", offset: tag.offset) }
    let c = try p.parseCondition()
    try p.expectEnd()
    return c
}

struct IfNode: Node {
    let conditions: [Condition]
    let bodies: [BlockBody]
    let elseBody: BlockBody?
    let negateFirst: Bool
    let blank: Bool
    var isBlank: Bool { blank }

    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        for i in conditions.indices {
            var truth = try ctx.evaluate(conditions[i])
            if i == 0 && negateFirst { truth.toggle() }
            if truth { return try bodies[i].render(ctx, &out) }
        }
        try elseBody?.render(ctx, &out)
    }

    func analyze(_ a: inout Analyzer) {
        for (c, b) in zip(conditions, bodies) { a.visit(c); b.analyze(&a) }
        elseBody?.analyze(&a)
    }
}
