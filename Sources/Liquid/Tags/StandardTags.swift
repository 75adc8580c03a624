/// The tags every environment starts with.
enum StandardTags {
    static let all: [String: any TagParser] = [
        "if": IfTag(negate: false), "unless": IfTag(negate: true),
        "case": CaseTag(),
        "for": ForTag(), "tablerow": TablerowTag(),
        "break": InterruptTag(kind: .breakLoop), "continue": InterruptTag(kind: .continueLoop),
        "cycle": CycleTag(),
        "assign": AssignTag(), "capture": CaptureTag(),
        "increment": CounterTag(step: 1), "decrement": CounterTag(step: -1),
        "echo": EchoTag(),
        "raw": RawTag(), "comment": CommentTag(), "#": InlineCommentTag(), "doc": DocTag(),
        "liquid": LiquidTag(),
        "render": RenderTag(), "include": IncludeTag(),
        "ifchanged": IfChangedTag(),
    ]
}

extension Array where Element == BlockBody {
    /// When every body of a block tag is blank, whitespace in them is dropped (Shopify's rule).
    mutating func stripIfBlank() -> Bool {
        let blank = allSatisfy { $0.isBlank }
        if blank { for i in indices { self[i].removeBlankText() } }
        return blank
    }
}

/// A node that renders nothing (comments, docs).
struct NothingNode: Node {
    var isBlank: Bool { true }
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {}
}

/// Reads a variable name for assign/capture/for: letters, digits, `_` and inner `-`.
func parseVariableName(_ p: inout ExpressionParser, allowQuestionMark: Bool = false) throws -> String {
    let name: String
    switch p.current.kind {
    case .identifier(let s): name = s
    case .int(let i): name = String(i)
    case .string(let s): name = s
    default: throw p.error("expected a variable name, found \(p.describeCurrent)")
    }
    if !allowQuestionMark && name.hasSuffix("?") { throw p.error("invalid variable name '\(name)'") }
    p.advance()
    return name
}
