/// `{% doc %}…{% enddoc %}`: documentation, kept verbatim and never rendered.
struct DocTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        guard tag.markup.isEmpty else { throw LiquidError(.syntax, "'doc' takes no arguments", offset: tag.markupOffset) }
        let body = parser.nextText() ?? ""
        if body.contains("{% doc") || body.contains("{%- doc") {
            throw LiquidError(.syntax, "'doc' blocks cannot be nested", offset: tag.offset)
        }
        _ = try parser.parseBody(until: ["enddoc"], opener: tag)
        return NothingNode()
    }
}
