/// `{% case x %}{% when a, b or c %}…{% else %}…{% endcase %}`: every matching `when` renders;
/// an `else` renders when no `when` before it matched.
struct CaseTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        var p = try parser.expressions(tag)
        let subject = try p.parsePrimary()
        try p.expectEnd()
        // Whatever comes before the first `when` is ignored.
        var (_, end) = try parser.parseBody(until: ["when", "else", "endcase"], opener: tag)
        var branches: [(values: [LiquidExpression]?, body: Int)] = []
        var bodies: [BlockBody] = []
        while let e = end, e.name != "endcase" {
            var values: [LiquidExpression]?
            if e.name == "when" {
                var wp = try parser.expressions(e)
                if wp.atEnd { throw LiquidError(.syntax, "'when' needs at least one value", offset: e.offset) }
                var list = [try wp.parsePrimary()]
                while wp.accept(.comma) || wp.accept(word: "or") { list.append(try wp.parsePrimary()) }
                values = list  // anything after is ignored, as in Shopify's lax parser
            }
            let (body, next) = try parser.parseBody(until: ["when", "else", "endcase"], opener: tag)
            bodies.append(body)
            branches.append((values, bodies.count - 1))
            end = next
        }
        let blank = bodies.stripIfBlank()
        return CaseNode(subject: subject, branches: branches.map { CaseNode.Branch(values: $0.values, body: bodies[$0.body]) }, blank: blank)
    }
}

struct CaseNode: Node {
    struct Branch: Sendable {
        let values: [LiquidExpression]?  // nil: else
        let body: BlockBody
    }
    let subject: LiquidExpression
    let branches: [Branch]
    let blank: Bool
    var isBlank: Bool { blank }

    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        let value = try ctx.evaluate(subject)
        var matched = false
        for b in branches {
            guard let values = b.values else {
                if !matched { try b.body.render(ctx, &out) }
                continue
            }
            for v in values where try ctx.evaluate(v).liquidEquals(value) {
                matched = true
                try b.body.render(ctx, &out)
            }
        }
    }

    func analyze(_ a: inout Analyzer) {
        a.visit(subject)
        for b in branches {
            b.values?.forEach { a.visit($0) }
            b.body.analyze(&a)
        }
    }
}
