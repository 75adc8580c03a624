/// Recursive-descent parser over expression tokens. Tags use it to read their markup;
/// custom tags (registered from outside the module) get one through `TagParser`.
public struct ExpressionParser {
    var tokens: [ExprToken]
    var pos = 0
    let environment: Environment
    let source: [UInt8]
    let baseOffset: Int
    /// Nesting of ranges and brackets, bounded so hostile markup cannot exhaust the stack.
    var depth = 0
    static let maxDepth = 64
    static let maxConditionTerms = 512

    public init(markup: String, offset: Int, environment: Environment) throws {
        tokens = try ExpressionLexer.tokenize(markup, baseOffset: offset)
        self.environment = environment
        self.source = Array(markup.utf8)
        self.baseOffset = offset
    }

    // MARK: token access

    public var current: ExprToken { tokens[pos] }
    public var atEnd: Bool { if case .end = current.kind { return true } else { return false } }
    public mutating func advance() { if pos < tokens.count - 1 { pos += 1 } }

    public func peek(_ n: Int = 1) -> ExprToken { tokens[min(pos + n, tokens.count - 1)] }

    func error(_ message: String) -> LiquidError { LiquidError(.syntax, message, offset: current.offset) }

    public var describeCurrent: String {
        switch current.kind {
        case .identifier(let s): return "'\(s)'"
        case .string(let s): return "string '\(s)'"
        case .int(let i): return "'\(i)'"
        case .double(let d): return "'\(d)'"
        case .dot: return "'.'"
        case .dotDot: return "'..'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .pipe: return "'|'"
        case .colon: return "':'"
        case .comma: return "','"
        case .equals: return "'='"
        case .comparison(let s): return "'\(s)'"
        case .end: return "end of markup"
        }
    }

    public mutating func expect(_ kind: ExprToken.Kind, _ what: String) throws {
        guard current.kind == kind else { throw error("expected \(what), found \(describeCurrent)") }
        advance()
    }

    public mutating func expectEnd() throws {
        guard atEnd else { throw error("unexpected \(describeCurrent)") }
    }

    /// The current token if it is the identifier `word`, consumed.
    public mutating func accept(word: String) -> Bool {
        if case .identifier(word) = current.kind { advance(); return true }
        return false
    }

    public mutating func accept(_ kind: ExprToken.Kind) -> Bool {
        if current.kind == kind { advance(); return true }
        return false
    }

    public mutating func identifier(_ what: String = "a name") throws -> String {
        guard case .identifier(let s) = current.kind else { throw error("expected \(what), found \(describeCurrent)") }
        advance()
        return s
    }

    /// The markup text from the current token to the end (for tags that keep raw text).
    public var remainingText: String {
        let start = current.offset - baseOffset
        return String(decoding: source[min(start, source.count)...], as: UTF8.self)
    }

    func text(from startOffset: Int, to endOffset: Int) -> String {
        let a = max(0, min(startOffset - baseOffset, source.count))
        let b = max(a, min(endOffset - baseOffset, source.count))
        var s = String(decoding: source[a..<b], as: UTF8.self)
        while s.last?.isWhitespace == true { s.removeLast() }
        return s
    }

    // MARK: expressions

    /// A literal, range or variable path.
    public mutating func parsePrimary() throws -> LiquidExpression {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw error("expression nested deeper than \(Self.maxDepth)") }
        let tok = current
        switch tok.kind {
        case .string(let s): advance(); return .literal(.string(s))
        case .int(let i): advance(); return .literal(.int(i))
        case .double(let d): advance(); return .literal(.double(d))
        case .leftParen:
            advance()
            let start = try parsePrimary()
            try expect(.dotDot, "'..' in a range")
            let stop = try parsePrimary()
            try expect(.rightParen, "')' to close the range")
            if case .literal(let a) = start, case .literal(let b) = stop {
                return .literal(.range(Self.rangeBound(a), Self.rangeBound(b)))
            }
            return .range(start, stop)
        case .identifier(let name):
            switch name {
            case "true": advance(); return .literal(.bool(true))
            case "false": advance(); return .literal(.bool(false))
            case "nil", "null": advance(); return .literal(.null)
            case "empty": advance(); return .literal(.empty)
            case "blank": advance(); return .literal(.blank)
            default: return .variable(try parsePath())
            }
        case .leftBracket:
            return .variable(try parsePath())
        default:
            throw error("expected a value, found \(describeCurrent)")
        }
    }

    static func rangeBound(_ v: Value) -> Int {
        switch v {
        case .int(let i): return i
        case .double(let d): return clampedInt(d)
        case .string(let s): return Int(s) ?? clampedInt(Double(s) ?? 0)
        default: return 0
        }
    }

    mutating func parsePath() throws -> VariablePath {
        let start = current.offset
        var segments: [VariablePath.Segment] = []
        if case .identifier(let name) = current.kind {
            segments.append(.key(name))
            advance()
        } else {
            segments.append(try parseBracket())
        }
        while true {
            if current.kind == .dot {
                advance()
                guard case .identifier(let name) = current.kind else { throw error("expected a property name after '.', found \(describeCurrent)") }
                segments.append(.key(name))
                advance()
            } else if current.kind == .leftBracket {
                segments.append(try parseBracket())
            } else {
                break
            }
        }
        return VariablePath(segments: segments, offset: start, text: text(from: start, to: current.offset))
    }

    mutating func parseBracket() throws -> VariablePath.Segment {
        try expect(.leftBracket, "'['")
        let inner = try parsePrimary()
        try expect(.rightBracket, "']'")
        switch inner {
        case .literal(.string(let s)): return .key(s)
        case .literal(.int(let i)): return .index(i)
        default: return .dynamic(inner)
        }
    }

    /// `expr | filter: args | …`
    public mutating func parseFilteredExpression() throws -> FilteredExpression {
        let base = try parsePrimary()
        var filters: [FilterCall] = []
        while current.kind == .pipe {
            advance()
            filters.append(try parseFilterCall())
        }
        return FilteredExpression(base: base, filters: filters)
    }

    mutating func parseFilterCall() throws -> FilterCall {
        let offset = current.offset
        let name = try identifier("a filter name")
        var args: [LiquidExpression] = []
        var kwargs: [(String, LiquidExpression)] = []
        if accept(.colon) {
            repeat {
                if case .identifier(let key) = current.kind, peek().kind == .colon {
                    advance(); advance()
                    kwargs.append((key, try parsePrimary()))
                } else {
                    args.append(try parsePrimary())
                }
            } while accept(.comma)
        }
        let filter = environment.filters[name]
        if let filter {
            guard args.count >= filter.minArgs, args.count <= filter.maxArgs else {
                let expected = filter.minArgs == filter.maxArgs ? "\(filter.minArgs)" : "\(filter.minArgs) to \(filter.maxArgs)"
                throw LiquidError(
                    .argument, "filter '\(name)' takes \(expected) argument\(filter.maxArgs == 1 ? "" : "s"), got \(args.count)", offset: offset)
            }
        } else if environment.strictFilters {
            throw LiquidError(.undefinedFilter, "unknown filter '\(name)'", offset: offset)
        }
        return FilterCall(name: name, filter: filter, args: args, keywordArgs: kwargs, offset: offset)
    }

    /// `a == b and c contains d or e` (right associative, as Shopify evaluates it).
    public mutating func parseCondition() throws -> Condition {
        var terms = [try parseComparison()]
        var ops: [Bool] = []  // true: and, false: or
        while true {
            if accept(word: "and") { ops.append(true) } else if accept(word: "or") { ops.append(false) } else { break }
            if terms.count >= Self.maxConditionTerms { throw error("condition has more than \(Self.maxConditionTerms) terms") }
            terms.append(try parseComparison())
        }
        // Build right to left: `a and b or c` is `a and (b or c)`.
        var result = terms.removeLast()
        while let op = ops.popLast() {
            let left = terms.removeLast()
            result = op ? .and(left, result) : .or(left, result)
        }
        return result
    }

    mutating func parseComparison() throws -> Condition {
        let left = try parsePrimary()
        let offset = current.offset
        var op: Condition.Operator?
        switch current.kind {
        case .comparison(let s): op = s == "<>" ? .notEqual : Condition.Operator(rawValue: s)
        case .identifier("contains"): op = .contains
        default: break
        }
        guard let op else { return .value(left) }
        advance()
        let right = try parsePrimary()
        return .compare(left, op, right, offset: offset)
    }
}
