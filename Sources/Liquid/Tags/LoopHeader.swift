/// The shared head of `for` and `tablerow`: variable, collection and loop options.
struct LoopHeader: Sendable {
    let variable: String
    let collection: LiquidExpression
    let name: String  // "x-collection", the key of `offset: continue`
    var reversed = false
    var limit: LiquidExpression?
    var offset: LiquidExpression?
    var offsetContinue = false
    var cols: LiquidExpression?
    let tagOffset: Int

    init(_ tag: TemplateToken, _ parser: TemplateParser) throws {
        var p = try parser.expressions(tag)
        variable = try parseVariableName(&p, allowQuestionMark: true)
        guard p.accept(word: "in") else { throw p.error("expected 'in', found \(p.describeCurrent)") }
        let start = p.current.offset
        collection = try p.parsePrimary()
        name = variable + "-" + p.text(from: start, to: p.current.offset)
        tagOffset = tag.offset
        while !p.atEnd {
            if p.accept(.comma) { continue }
            if p.accept(word: "reversed") { reversed = true; continue }
            let option = try p.identifier("a loop option (limit, offset, reversed)")
            try p.expect(.colon, "':' after '\(option)'")
            switch option {
            case "limit": limit = try p.parsePrimary()
            case "offset":
                if p.accept(word: "continue") { offsetContinue = true } else { offset = try p.parsePrimary() }
            case "cols": cols = try p.parsePrimary()
            default: _ = try p.parsePrimary()  // unknown options are ignored, as in Shopify
            }
        }
    }

    /// The items to iterate, after offset and limit (and `reversed`), and the start index used.
    func items(_ ctx: RenderContext) throws -> (items: [Value], from: Int) {
        let collectionValue = try ctx.evaluate(collection)
        var all: [Value] = []
        var rangeStart: Int?
        let count: Int
        switch collectionValue {
        case .array(let a): all = a; count = a.count
        case .range(let lo, let hi): rangeStart = lo; count = rangeCount(lo, hi)  // materialized after slicing
        case .object(let o): all = o.pairs.map { .array([.string($0.0), $0.1]) }; count = all.count
        case .string(let s): all = s.isEmpty ? [] : [.string(s)]; count = all.count
        default: count = 0
        }
        var from = 0
        if offsetContinue { from = ctx.loopOffsets[name] ?? 0 } else if let offset { from = try integer(offset, ctx, "offset") }
        var to = count
        if let limit {
            let (end, overflow) = from.addingReportingOverflow(try integer(limit, ctx, "limit"))
            to = overflow ? (from < 0 ? Int.min : Int.max) : end  // `limit: 1e30` means every item
        }
        from = max(0, min(from, count))
        to = max(from, min(to, count))
        var slice: [Value]
        if let lo = rangeStart {
            // A hostile `(1..1000000000)` must fail on the limit, not allocate first.
            try ctx.countIterations(0, offset: tagOffset, pending: to - from)
            slice = (from..<to).map { .int(lo &+ $0) }
        } else {
            slice = from == 0 && to == all.count ? all : Array(all[from..<to])  // whole array: no copy
        }
        if reversed { slice.reverse() }
        return (slice, from)
    }

    func integer(_ e: LiquidExpression, _ ctx: RenderContext, _ what: String) throws -> Int {
        switch try ctx.evaluate(e) {
        case .int(let i): return i
        case .double(let d): return clampedInt(d)
        case .string(let s):
            if let i = Int(s.trimmingWhitespace) { return i }
            throw LiquidError(.type, "\(what) must be an integer, got '\(s)'", offset: tagOffset)
        case let v: throw LiquidError(.type, "\(what) must be an integer, got \(v.typeName)", offset: tagOffset)
        }
    }
}
