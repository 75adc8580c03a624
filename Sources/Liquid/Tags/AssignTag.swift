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
