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
