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
        for v in values {
            a.visit(v)
            a.printed(v, at: FilteredExpression(base: v, filters: []).offset)
        }
    }
}
