/// `{% tablerow x in collection cols: n limit: n offset: n %}`: an HTML table body.
struct TablerowTag: TagParser {
    func parse(_ tag: TemplateToken, _ parser: inout TemplateParser) throws -> any Node {
        let header = try LoopHeader(tag, parser)
        let (body, _) = try parser.parseBody(until: ["endtablerow"], opener: tag)
        return TablerowNode(header: header, body: body)
    }
}

struct TablerowNode: Node {
    let header: LoopHeader
    let body: BlockBody

    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        let (items, _) = try header.items(ctx)
        try ctx.countIterations(items.count, offset: header.tagOffset)
        var cols = items.count
        if let c = header.cols {
            let v = try ctx.evaluate(c)
            if !v.isNil { cols = try header.integer(.literal(v), ctx, "cols") }
        }
        let loop = TablerowLoopDrop(length: items.count, cols: max(cols, 1))
        ctx.pushScope([("tablerowloop", .drop(loop)), (header.variable, .null)])
        defer { ctx.popScope() }
        try out.append("<tr class=\"row1\">\n")
        for item in items {
            ctx.setLocal(header.variable, item)
            try out.append("<td class=\"col\(loop.col0 + 1)\">")
            try body.render(ctx, &out)
            try out.append("</td>")
            if let i = ctx.interrupt {
                ctx.interrupt = nil
                if i == .breakLoop { break }
            }
            if loop.col0 == loop.cols - 1 && loop.index0 != loop.length - 1 {
                try out.append("</tr>\n<tr class=\"row\(loop.row + 1)\">")
            }
            loop.advance()
        }
        try out.append("</tr>\n")
    }

    func analyze(_ a: inout Analyzer) {
        a.visit(header.collection)
        a.pushScope()
        a.bindItem(header.variable, of: header.collection)
        a.bindLocal("tablerowloop")
        body.analyze(&a)
        a.popScope()
    }
}

/// Used by one thread at a time: its hot stored properties are `@exclusivity(unchecked)` (the
/// dynamic checks cost ~1–10% of a render; the library products carry no unsafe build flags).
final class TablerowLoopDrop: LiquidDrop, @unchecked Sendable {
    let length: Int
    let cols: Int
    @exclusivity(unchecked) var index0 = 0
    @exclusivity(unchecked) var col0 = 0
    @exclusivity(unchecked) var row = 1

    init(length: Int, cols: Int) {
        self.length = length
        self.cols = cols
    }

    func advance() {
        index0 += 1
        col0 += 1
        if col0 == cols { col0 = 0; row += 1 }
    }

    func property(_ key: String) -> Value? {
        switch key {
        case "col": return .int(col0 + 1)
        case "col0": return .int(col0)
        case "col_first": return .bool(col0 == 0)
        case "col_last": return .bool(col0 == cols - 1)
        case "row": return .int(row)
        default: return loopPosition(key, index0: index0, length: length)
        }
    }
}
