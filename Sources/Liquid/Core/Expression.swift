/// A value expression: a literal, a variable path or a range.
public indirect enum LiquidExpression: Sendable {
    case literal(Value)
    case variable(VariablePath)
    case range(LiquidExpression, LiquidExpression)
}

/// `a.b[0][c]`: the root name and the steps after it, split once at parse time.
/// A class, so evaluating an expression passes one reference instead of copying its parts.
public final class VariablePath: Sendable {
    public enum Segment: Sendable {
        case key(String)
        case index(Int)
        case dynamic(LiquidExpression)
    }
    public let segments: [Segment]
    /// UTF-8 offset in the source, for errors.
    public let offset: Int
    /// The path as written (for error messages and `forloop.name`).
    public let text: String

    /// The names when every step is a plain key (`a.b.c`): resolved without enum dispatch.
    let keys: [String]?
    let keyHashes: [Int]

    public init(segments: [Segment], offset: Int, text: String) {
        self.segments = segments
        self.offset = offset
        self.text = text
        var keys: [String] = []
        for s in segments { if case .key(let k) = s { keys.append(k) } }
        self.keys = keys.count == segments.count ? keys : nil
        keyHashes = keys.count == segments.count ? keys.map(KeyHash.of) : []
    }
}

/// A filter application: `| name: arg, key: value`.
/// A class: a render walks every call of every output, and copying the struct cost a retain
/// per field.
public final class FilterCall: Sendable {
    public let name: String
    public let filter: Filter?
    public let args: [LiquidExpression]
    public let keywordArgs: [(String, LiquidExpression)]
    public let offset: Int

    public init(name: String, filter: Filter?, args: [LiquidExpression], keywordArgs: [(String, LiquidExpression)], offset: Int) {
        self.name = name
        self.filter = filter
        self.args = args
        self.keywordArgs = keywordArgs
        self.offset = offset
    }
}

/// An expression followed by filters (output, assign, echo).
public struct FilteredExpression: Sendable {
    public var base: LiquidExpression
    public var filters: [FilterCall]

    /// Where the expression is written (its variable, else its first filter; 0 for a bare literal).
    public var offset: Int {
        if case .variable(let p) = base { return p.offset }
        return filters.first?.offset ?? 0
    }
}

/// A boolean expression of `if`, `unless`, `when` eligibility and the like.
public indirect enum Condition: Sendable {
    public enum Operator: String, Sendable {
        case equal = "==", notEqual = "!=", less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">=", contains
    }
    case value(LiquidExpression)
    case compare(LiquidExpression, Operator, LiquidExpression, offset: Int)
    case and(Condition, Condition)
    case or(Condition, Condition)
}
