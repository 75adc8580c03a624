/// Parses a tag's markup and, for block tags, its body. Implement it to add a tag.
public protocol TagParser: Sendable {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node
}

/// Turns template tokens into a tree of nodes, handing each tag to its `TagParser`.
public struct TemplateParser {
    var tokens: [TemplateToken]
    var pos = 0
    public let environment: Environment
    var depth = 0

    init(tokens: [TemplateToken], environment: Environment) {
        self.tokens = tokens
        self.environment = environment
    }

    /// An expression parser over a tag's markup.
    public func expressions(_ tag: TemplateToken) throws -> ExpressionParser {
        try ExpressionParser(markup: tag.markup, offset: tag.markupOffset, environment: environment)
    }

    mutating func parseDocument() throws -> BlockBody {
        let (body, end) = try parseBody(until: [], opener: nil)
        if let end { throw LiquidError(.syntax, "unexpected tag '\(end.name)'", offset: end.offset) }
        return body
    }

    /// Parses nodes until one of the `until` tags (returned) or the end of input (an error when
    /// `opener` is a block that needed closing).
    public mutating func parseBody(until ends: Set<String>, opener: TemplateToken?) throws -> (BlockBody, TemplateToken?) {
        depth += 1
        defer { depth -= 1 }
        if depth > environment.limits.nestingDepth {
            throw LiquidError(.limit, "blocks nested deeper than \(environment.limits.nestingDepth)", offset: opener?.offset)
        }
        var nodes: [any Node] = []
        while pos < tokens.count {
            let tok = tokens[pos]
            pos += 1
            switch tok.kind {
            case .text:
                nodes.append(TextNode(tok.markup))
            case .output:
                var p = try expressions(tok)
                if p.atEnd {
                    nodes.append(OutputNode(expression: FilteredExpression(base: .literal(.null), filters: []), escape: false))
                    continue
                }
                let expr = try p.parseFilteredExpression()
                try p.expectEnd()
                nodes.append(Self.outputNode(expr, escape: shouldEscape(expr)))
            case .tag:
                if ends.contains(tok.name) { return (BlockBody(nodes: nodes), tok) }
                guard let tagParser = environment.tags[tok.name] else {
                    if let opener {
                        throw LiquidError(
                            .syntax,
                            "unexpected tag '\(tok.name.isEmpty ? tok.markup : tok.name)' in '\(opener.name)' (expected \(ends.sorted().map { "'\($0)'" }.joined(separator: " or ")))",
                            offset: tok.offset)
                    }
                    throw LiquidError(.syntax, tok.name.isEmpty ? "expected a tag name" : "unknown tag '\(tok.name)'", offset: tok.offset)
                }
                nodes.append(try tagParser.parse(tok, &self))
            }
        }
        if let opener {
            let end = ends.contains("end" + opener.name) ? "end" + opener.name : ends.sorted().first ?? "end"
            throw LiquidError(.syntax, "tag '\(opener.name)' was never closed (expected '{% \(end) %}')", offset: opener.offset)
        }
        return (BlockBody(nodes: nodes), nil)
    }

    /// Skips tokens up to the matching end tag without parsing them (comment).
    public mutating func skipBlock(_ opener: TemplateToken) throws {
        let end = "end" + opener.name
        var nesting = 0
        while pos < tokens.count {
            let tok = tokens[pos]
            pos += 1
            guard tok.kind == .tag else { continue }
            if tok.name == opener.name { nesting += 1 }
            if tok.name == end {
                if nesting == 0 { return }
                nesting -= 1
            }
        }
        throw LiquidError(.syntax, "tag '\(opener.name)' was never closed (expected '{% \(end) %}')", offset: opener.offset)
    }

    /// The next token, consumed, if it is text (raw and doc bodies).
    mutating func nextText() -> String? {
        guard pos < tokens.count, tokens[pos].kind == .text else { return nil }
        pos += 1
        return tokens[pos - 1].markup
    }

    /// The node printing an expression: a direct variable node when there are no filters.
    static func outputNode(_ expr: FilteredExpression, escape: Bool) -> any Node {
        if expr.filters.isEmpty, case .variable(let path) = expr.base { return VariableOutputNode(path: path, escape: escape) }
        return OutputNode(expression: expr, escape: escape)
    }

    /// Whether an output of this expression is HTML-escaped under autoescape.
    func shouldEscape(_ expr: FilteredExpression) -> Bool {
        guard environment.autoescape else { return false }
        if let last = expr.filters.last, environment.safeFilters.contains(last.name) { return false }
        return true
    }

    /// A sub-parser over other tokens (the lines of `{% liquid %}`).
    func subParser(_ tokens: [TemplateToken]) -> TemplateParser {
        var p = TemplateParser(tokens: tokens, environment: environment)
        p.depth = depth
        return p
    }
}
