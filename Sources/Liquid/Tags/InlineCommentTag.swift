/// `{% # comment %}`: every line of a multi-line inline comment must start with `#`.
struct InlineCommentTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        for line in tag.markup.utf8.split(separator: 0x0A).dropFirst() {
            let t = String(decoding: line, as: UTF8.self).trimmingWhitespace
            if !t.isEmpty && !t.hasPrefix("#") {
                throw LiquidError(.syntax, "each line of an inline comment must start with '#'", offset: tag.offset)
            }
        }
        return NothingNode()
    }
}
