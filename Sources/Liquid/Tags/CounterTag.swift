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
