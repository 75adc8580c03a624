/// `{% comment %}…{% endcomment %}`: the body is skipped (nested comments counted).
struct CommentTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        try parser.skipBlock(tag)
        return NothingNode()
    }
}
