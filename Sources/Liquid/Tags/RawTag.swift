/// `{% raw %}…{% endraw %}`: the tokenizer keeps the body verbatim as one text token.
struct RawTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        let text = parser.nextText() ?? ""
        _ = try parser.parseBody(until: ["endraw"], opener: tag)
        return TextNode(text)
    }
}
