/// `{% if %}…{% elsif %}…{% else %}…{% endif %}` and `{% unless %}` (first condition negated).
struct IfTag: TagParser {
    let negate: Bool

    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        var conditions: [Condition] = []
        var bodies: [BlockBody] = []
        var elseBody: BlockBody?
        var markup = tag
        var seenElse = false
        let ends: Set<String> = ["elsif", "else", "end" + tag.name]
        while true {
            let (body, end) = try parser.parseBody(until: ends, opener: tag)
            if seenElse {
                if elseBody == nil { elseBody = body }  // extra else/elsif blocks are ignored
            } else {
                var p = try parser.expressions(markup)
                let c = try p.parseCondition()
                try p.expectEnd()
                conditions.append(c)
                bodies.append(body)
            }
            guard let end else { break }
            if end.name == "end" + tag.name { break }
            if end.name == "else" { seenElse = true } else if !seenElse { markup = end }
        }
        var all = bodies + (elseBody.map { [$0] } ?? [])
        let blank = all.stripIfBlank()
        let elseResult = elseBody == nil ? nil : all.removeLast()
        return IfNode(conditions: conditions, bodies: all, elseBody: elseResult, negateFirst: negate, blank: blank)
    }
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
