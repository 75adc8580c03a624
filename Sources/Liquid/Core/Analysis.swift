/// What a template reads: the data paths (`recipient.profile.first_name`, `recipient.events[].sku`
/// for items of a loop over `recipient.events`), the variables it sets itself, and the partials it names.
public struct Analysis: Sendable, Equatable {
    /// Paths into the render data, in first-read order.
    public var paths: [String] = []
    /// Variables the template assigns, captures or counts (not data).
    public var locals: [String] = []
    /// Partials named by `render`/`include` with a literal name.
    public var partials: [String] = []
    /// What custom tags reported through `Analyzer.note` (e.g. `["claims": ["eco-1"]]`).
    public var notes: [String: [String]] = [:]

    /// The top-level data names read (`recipient` for `recipient.profile.tier`).
    public var roots: [String] {
        var seen = Set<String>()
        return paths.compactMap { p in
            let root = String(p.prefix { $0 != "." && $0 != "[" })
            return seen.insert(root).inserted ? root : nil
        }
    }
}

/// Walks compiled nodes, tracking which names are loop items or assigned aliases.
public struct Analyzer {
    enum Binding { case local, alias(String) }
    let environment: Environment
    var scopes: [[String: Binding]] = [[:]]
    var result = Analysis()
    private var seenPaths = Set<String>()

    init(environment: Environment) { self.environment = environment }

    public mutating func pushScope() { scopes.append([:]) }
    public mutating func popScope() { scopes.removeLast() }

    /// A variable the template sets (assign, capture, increment); `global` puts it at template level.
    public mutating func bindLocal(_ name: String, global: Bool = false) {
        if global {
            scopes[0][name] = .local
            if !result.locals.contains(name) { result.locals.append(name) }
        } else {
            scopes[scopes.count - 1][name] = .local
        }
    }

    /// `for item in collection`: reads of `item.x` are reads of `collection[].x`.
    public mutating func bindItem(_ name: String, of collection: LiquidExpression) {
        if case .variable(let p) = collection, let base = path(of: p) {
            scopes[scopes.count - 1][name] = .alias(base + "[]")
        } else {
            scopes[scopes.count - 1][name] = .local
        }
    }

    /// `assign x = a.b` (no filters) makes `x.c` a read of `a.b.c`; anything else is a local value.
    public mutating func bindAssign(_ name: String, to value: FilteredExpression) {
        if value.filters.isEmpty, case .variable(let p) = value.base, let base = path(of: p) {
            scopes[0][name] = .alias(base)
        } else {
            bindLocal(name, global: true)
        }
    }

    /// Records something a custom tag references (a claim id, an asset…) under `category`.
    public mutating func note(_ category: String, _ value: String) {
        if !(result.notes[category]?.contains(value) ?? false) { result.notes[category, default: []].append(value) }
    }

    public mutating func noteTemplate(_ name: String) {
        if !result.partials.contains(name) { result.partials.append(name) }
    }

    public mutating func visit(_ e: LiquidExpression) {
        switch e {
        case .literal: return
        case .range(let a, let b): visit(a); visit(b)
        case .variable(let p):
            if let s = path(of: p), seenPaths.insert(s).inserted { result.paths.append(s) }
        }
    }

    public mutating func visit(_ fe: FilteredExpression) {
        visit(fe.base)
        for f in fe.filters {
            f.args.forEach { visit($0) }
            f.keywordArgs.forEach { visit($0.1) }
        }
    }

    public mutating func visit(_ c: Condition) {
        switch c {
        case .value(let e): visit(e)
        case .compare(let l, _, let r, _): visit(l); visit(r)
        case .and(let a, let b), .or(let a, let b): visit(a); visit(b)
        }
    }

    func binding(_ name: String) -> Binding? {
        for s in scopes.reversed() { if let b = s[name] { return b } }
        return nil
    }

    /// The data path a variable reads, or nil when it reads a template-local value.
    mutating func path(of p: VariablePath) -> String? {
        var out: String
        switch p.segments[0] {
        case .key(let name):
            switch binding(name) {
            case .local?: out = ""
            case .alias(let base)?: out = base
            case nil: out = name
            }
        case .index(let i): out = String(i)
        case .dynamic(let e): visit(e); out = ""
        }
        for seg in p.segments.dropFirst() {
            switch seg {
            case .key(let k): if !out.isEmpty { out += "." + k }
            case .index(let i): if !out.isEmpty { out += "[\(i)]" }
            case .dynamic(let e):
                visit(e)
                if !out.isEmpty { out += "[]" }
            }
        }
        return out.isEmpty ? nil : out
    }
}
