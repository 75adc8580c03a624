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
        if requireLiteralName, case .string = p.current.kind {
        } else if requireLiteralName {
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
        if ctx.partialDepth >= ctx.limits.partialDepth {
            throw LiquidError(.limit, "partials nested deeper than \(ctx.limits.partialDepth) (recursive render?)", offset: offset)
        }
        return (try ctx.box.partial(named: name, offset: offset), name)
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

    /// Analyzes the partial (when its name is literal and the environment can load it) with
    /// its arguments bound: what it prints of them is printed here.
    func followPartial(_ a: inout Analyzer, isolated: Bool) {
        guard case .literal(.string(let n)) = name else { return }
        var bindings = arguments.map { ($0.0, a.binding(of: FilteredExpression(base: $0.1, filters: []))) }
        if let bound {
            bindings.append((variableName(n), isFor ? a.itemBinding(of: bound) : a.binding(of: FilteredExpression(base: bound, filters: []))))
        }
        a.followPartial(n, arguments: bindings, isolated: isolated)
    }
}
