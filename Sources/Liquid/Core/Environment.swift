import Foundation

/// Everything a template is parsed and rendered with: tags, filters, modes, limits and where
/// partials come from. Configure it once, then parse templates from it; it is a value, so a
/// change after parsing does not affect templates already compiled.
public struct Environment: Sendable {
    /// Filters by name. Register more with `register(filter:)`.
    public var filters: [String: Filter]
    /// Tag parsers by tag name. Register more with `register(tag:)`.
    public var tags: [String: any TagParser]
    /// Undefined variables (and properties) raise an error instead of rendering nothing.
    public var strictVariables = false
    /// Unknown filters raise an error at parse time instead of passing their input through.
    public var strictFilters = false
    /// HTML-escape every output unless its last filter marks it safe (`raw`, `safe`, `escape`…).
    public var autoescape = false
    /// What a render does with an error in a tag or an output (see `RenderErrorMode`).
    public var renderErrors = RenderErrorMode.raise
    /// Filters whose result is already HTML (never escaped again under `autoescape`).
    public var safeFilters: Set<String> = ["raw", "safe", "escape", "escape_once", "h"]
    /// Resource limits that turn a hostile template into an error.
    public var limits = Limits()
    /// Where `render` and `include` find partials.
    public var loader: (any TemplateLoader)?

    /// The standard Liquid tags and filters.
    public init() {
        filters = StandardFilters.all
        tags = StandardTags.all
    }

    /// The standard environment for HTML output: autoescape on (templates opt out with `| raw`).
    public static var html: Environment {
        var env = Environment()
        env.autoescape = true
        return env
    }

    public mutating func register(filter name: String, _ filter: Filter) { filters[name] = filter }
    public mutating func register(tag name: String, _ parser: any TagParser) { tags[name] = parser }

    /// Parses a template once; render it many times (from any thread).
    public func parse(_ source: String, name: String? = nil) throws -> Template {
        let text = SourceText(name: name, text: source)
        do {
            let tokens = try Tokenizer(source).tokenize()
            var parser = TemplateParser(tokens: tokens, environment: self)
            let body = try parser.parseDocument()
            return Template(body: body, source: text, box: EnvironmentBox(self))
        } catch let e as LiquidError {
            throw e.located(in: text)
        }
    }

    /// Compiles a bare condition (`a contains "x" and b.tier == "gold"`) into a reusable predicate.
    public func compileCondition(_ source: String, name: String? = nil) throws -> Predicate {
        let text = SourceText(name: name, text: source)
        do {
            var p = try ExpressionParser(markup: source, offset: 0, environment: self)
            let condition = try p.parseCondition()
            try p.expectEnd()
            return Predicate(condition: condition, source: text, box: EnvironmentBox(self))
        } catch let e as LiquidError {
            throw e.located(in: text)
        }
    }

}

/// The environment a template was compiled with, shared by reference so a render does not copy it,
/// and the partials it has loaded (parsed on first use with that same configuration).
final class EnvironmentBox: Sendable {
    let environment: Environment
    let partials = PartialCache()
    init(_ environment: Environment) { self.environment = environment }

    func partial(named name: String, offset: Int) throws -> Template {
        if let t = partials.get(name) { return t }
        guard let loader = environment.loader, let source = try loader.source(named: name) else {
            throw LiquidError(.partialNotFound, "partial '\(name)' not found", offset: offset)
        }
        let t = try environment.parse(source, name: name)
        partials.set(name, t)
        return t
    }
}

/// What a render does with an error raised by a tag or an output (a filter's bad argument, a
/// type error, a missing partial).
public enum RenderErrorMode: Sendable, Equatable {
    /// The render stops and throws the `LiquidError` (the default: a message is never sent half-made).
    case raise
    /// Shopify's lax rendering: the tag or output is replaced by `Liquid error (line N): message`
    /// (`(NAME line N)` when the template has a name) and the render goes on. As in Shopify, an
    /// undefined variable or filter under a strict mode and an error in a tag that prints nothing
    /// (`assign`…) leave no text, and a limit (`limits.*`) still ends the render.
    case inline
}

/// Limits on what one render may consume.
public struct Limits: Sendable, Equatable {
    /// Total loop iterations (for, tablerow, render-for) in one render.
    public var loopIterations = 1_000_000
    /// Bytes of output of one render, and of any string a filter, `capture` or text of an array builds.
    public var outputBytes = 16 * 1024 * 1024
    /// Items of any array a filter builds (`split`, `concat`, `map`…) or a range it expands.
    public var arrayItems = 1_000_000
    /// Nesting of render/include (partial recursion).
    public var partialDepth = 32
    /// Nesting of rendered blocks across partials; keeps a render within a 512 KB thread stack.
    public var renderDepth = 100
    /// Nesting of blocks in one template (parsing recurses per level; partials may be parsed on
    /// a render thread, so this too must fit a 512 KB stack, even in debug builds).
    public var nestingDepth = 50
    public init() {}
}

/// Source of partial templates for `render` and `include`.
public protocol TemplateLoader: Sendable {
    func source(named name: String) throws -> String?
}

/// Partials held in memory (tests, embedded templates).
public struct DictionaryLoader: TemplateLoader {
    public let templates: [String: String]
    public init(_ templates: [String: String]) { self.templates = templates }
    public func source(named name: String) throws -> String? { templates[name] }
}

/// Partials read from a folder: `name`, `name.liquid` (Shopify snippets) or `_name.liquid`.
public struct FileSystemLoader: TemplateLoader {
    public let root: URL
    public init(root: URL) { self.root = root }
    public func source(named name: String) throws -> String? {
        guard !name.contains("..") else { return nil }
        for candidate in [name, name + ".liquid", "_" + name + ".liquid"] {
            let url = root.appendingPathComponent(candidate)
            if let s = try? String(contentsOf: url, encoding: .utf8) { return s }
        }
        return nil
    }
}

/// Thread-safe cache of compiled partials.
final class PartialCache: @unchecked Sendable {
    private let lock = NSLock()
    private var templates: [String: Template] = [:]
    func get(_ name: String) -> Template? { lock.lock(); defer { lock.unlock() }; return templates[name] }
    func set(_ name: String, _ t: Template) { lock.lock(); templates[name] = t; lock.unlock() }
}

/// A filter: how many positional arguments it takes and what it does.
public struct Filter: Sendable {
    public var minArgs: Int
    public var maxArgs: Int
    /// The filter with the render's limits: filters whose result can outgrow their input
    /// (`join`, `replace`, `split`) check the limits before they build it.
    let body: @Sendable (_ input: Value, _ args: [Value], _ keywords: [String: Value], _ limits: Limits) throws -> Value

    public init(args: ClosedRange<Int> = 0...0, _ apply: @escaping @Sendable (Value, [Value], [String: Value]) throws -> Value) {
        self.init(args: args, limited: { input, args, keywords, _ in try apply(input, args, keywords) })
    }

    /// A filter that reads the render's limits (to refuse a result before building it).
    public init(args: ClosedRange<Int> = 0...0, limited apply: @escaping @Sendable (Value, [Value], [String: Value], Limits) throws -> Value) {
        minArgs = args.lowerBound
        maxArgs = args.upperBound
        body = apply
    }

    public func apply(_ input: Value, _ args: [Value], _ keywords: [String: Value], limits: Limits = Limits()) throws -> Value {
        try body(input, args, keywords, limits)
    }
}
