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
    /// Data paths whose values reach the output, each with where it is printed: directly
    /// (`{{ a.b }}`, `echo`, `cycle`) or through what carries them (`assign` with filters,
    /// `capture`, loop items of `for`/`tablerow`, `render`/`include` arguments).
    public var printed: [PrintedPath] = []
    /// Filters the environment does not know (lax mode passes their input through), where used.
    public var unknownFilters: [UnknownFilter] = []

    /// The top-level data names read (`recipient` for `recipient.profile.tier`).
    public var roots: [String] {
        var seen = Set<String>()
        return paths.compactMap { p in
            let root = String(p.prefix { $0 != "." && $0 != "[" })
            return seen.insert(root).inserted ? root : nil
        }
    }
}

/// A data path printed by an output: `offset` is the UTF-8 offset of the output's expression in
/// `template`'s source (nil: the template analyzed; else the partial's name).
public struct PrintedPath: Sendable, Equatable {
    public var path: String
    public var offset: Int
    public var template: String?
}

/// A filter name the environment does not know, with its UTF-8 offset in `template`'s source.
public struct UnknownFilter: Sendable, Equatable {
    public var name: String
    public var offset: Int
    public var template: String?
}

/// Walks compiled nodes, tracking which names are loop items or assigned aliases, and which
/// data paths each name carries to the output.
public struct Analyzer {
    /// `local`: a template value (reads of it are not data) carrying `carries` to the output.
    /// `alias`: reads of `x.c` are reads of `base.c`; printing `x` prints `base` and `carries`.
    enum Binding { case local(carries: [String]), alias(String, carries: [String]) }
    let environment: Environment
    var scopes: [[String: Binding]] = [[:]]
    var result = Analysis()
    private var seenPaths = Set<String>()
    private var seenPrinted = Set<String>()
    /// Open `capture` bodies: what they print is carried by the captured name, not output yet.
    private var captures: [[String]] = []
    /// The partial being analyzed (nil: the template itself) and the partials open above it.
    private var currentTemplate: String?
    private var openPartials: [String] = []

    init(environment: Environment) { self.environment = environment }

    public mutating func pushScope() { scopes.append([:]) }
    public mutating func popScope() { scopes.removeLast() }

    /// A variable the template sets (assign, capture, increment); `global` puts it at template level.
    public mutating func bindLocal(_ name: String, global: Bool = false) {
        bind(name, .local(carries: []), global: global)
    }

    private mutating func bind(_ name: String, _ b: Binding, global: Bool) {
        if global {
            scopes[0][name] = b
            if !result.locals.contains(name) { result.locals.append(name) }
        } else {
            scopes[scopes.count - 1][name] = b
        }
    }

    /// `for item in collection`: reads of `item.x` are reads of `collection[].x`.
    public mutating func bindItem(_ name: String, of collection: LiquidExpression) {
        scopes[scopes.count - 1][name] = itemBinding(of: collection)
    }

    /// `assign x = a.b | filters`: `x` reads and prints what the value derives from. Filters that
    /// pick items (`first`, `last`, `find`) make `x.c` a read of `a.b[].c`; `map: "p"` of
    /// `a.b[].p`; those that keep the value's shape (`where`, `sort`, `slice`, `upcase`…) of
    /// `a.b.c`; `size`, `has` and `find_index` give a number or a boolean that carries nothing.
    /// Arguments that end up in the result (`append`, `default`, `replace`…) are carried too.
    public mutating func bindAssign(_ name: String, to value: FilteredExpression) {
        let b = binding(of: value)
        // A plain alias (`assign p = a.b`) is a name for data, not a value of the template's own.
        if value.filters.isEmpty, case .alias = b { scopes[0][name] = b } else { bind(name, b, global: true) }
    }

    /// Filters whose result holds none of their input's values.
    static let opaqueFilters: Set<String> = ["size", "has", "find_index"]
    /// Filters whose result is one item of their input array.
    static let itemFilters: Set<String> = ["first", "last", "find"]
    /// Filters whose positional arguments end up in the result.
    static let carryingArgumentFilters: Set<String> = ["append", "prepend", "default", "replace", "replace_first", "replace_last", "concat", "join"]

    /// What an expression's value derives from, as a binding.
    mutating func binding(of value: FilteredExpression) -> Binding {
        var current: Binding
        switch value.base {
        case .variable(let p): current = derive(p)
        default: current = .local(carries: [])
        }
        for f in value.filters {
            var extra: [String] = []
            if Self.carryingArgumentFilters.contains(f.name) {
                for arg in f.args { if case .variable(let p) = arg { extra += carried(derive(p)) } }
            }
            if Self.opaqueFilters.contains(f.name) {
                current = .local(carries: extra)
                continue
            }
            switch current {
            case .local(let carries): current = .local(carries: carries + extra)
            case .alias(let base, let carries):
                if Self.itemFilters.contains(f.name) {
                    current = .alias(base + "[]", carries: carries + extra)
                } else if f.name == "map", case .literal(.string(let key))? = f.args.first {
                    current = .alias(base + "[]." + key, carries: carries + extra)
                } else {
                    current = .alias(base, carries: carries + extra)
                }
            }
        }
        return current
    }

    /// The binding a variable path reads through: a data path (with what it carries) or a local.
    mutating func derive(_ p: VariablePath) -> Binding {
        var carries: [String] = []
        if case .key(let name) = p.segments[0] {
            switch binding(name) {
            case .local(let c)?: return .local(carries: c)  // a template value (and what it holds)
            case .alias(_, let c)?: carries = c
            case nil: break
            }
        }
        guard let s = path(of: p) else { return .local(carries: carries) }
        return .alias(s, carries: carries)
    }

    /// What one item of `collection` derives from (`for x in a.b`: `a.b[]`).
    mutating func itemBinding(of collection: LiquidExpression) -> Binding {
        guard case .variable(let p) = collection else { return .local(carries: []) }
        switch derive(p) {
        case .alias(let base, let carries): return .alias(base + "[]", carries: carries)
        case let local: return local
        }
    }

    /// Every data path a binding's value holds.
    func carried(_ b: Binding) -> [String] {
        switch b {
        case .local(let carries): return carries
        case .alias(let base, let carries): return [base] + carries
        }
    }

    /// An output of `value` at `offset`: the data paths it prints (see `Analysis.printed`).
    public mutating func printed(_ value: FilteredExpression, at offset: Int) {
        let paths = carried(binding(of: value))
        if !captures.isEmpty {
            captures[captures.count - 1] += paths
            return
        }
        for path in paths where seenPrinted.insert("\(currentTemplate ?? "")\u{0}\(offset)\u{0}\(path)").inserted {
            result.printed.append(PrintedPath(path: path, offset: offset, template: currentTemplate))
        }
    }

    public mutating func printed(_ e: LiquidExpression, at offset: Int) {
        printed(FilteredExpression(base: e, filters: []), at: offset)
    }

    /// `capture name`: analyzes the body, then `name` carries what the body printed.
    mutating func capture(_ name: String, _ body: BlockBody) {
        captures.append([])
        body.analyze(&self)
        let carries = captures.removeLast()
        var seen = Set<String>()
        bind(name, .local(carries: carries.filter { seen.insert($0).inserted }), global: true)
    }

    /// A partial named by a literal in `render`/`include`, analyzed where the environment has a
    /// loader: `arguments` (name, value) are bound in its scope; `include` also sees the caller's
    /// names. A partial already open (recursion), unknown or failing to parse is not followed.
    mutating func followPartial(_ name: String, arguments bindings: [(String, Binding)], isolated: Bool) {
        guard let loader = environment.loader, !openPartials.contains(name), openPartials.count < environment.limits.partialDepth,
            let source = try? loader.source(named: name), let partial = try? environment.parse(source, name: name)
        else { return }
        let saved = (scopes, currentTemplate)
        if isolated { scopes = [[:]] } else { scopes.append([:]) }
        for (key, b) in bindings { scopes[scopes.count - 1][key] = b }
        openPartials.append(name)
        currentTemplate = name
        partial.body.analyze(&self)
        openPartials.removeLast()
        (scopes, currentTemplate) = saved
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
            if f.filter == nil, !result.unknownFilters.contains(where: { $0.offset == f.offset && $0.template == currentTemplate }) {
                result.unknownFilters.append(UnknownFilter(name: f.name, offset: f.offset, template: currentTemplate))
            }
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
            case .alias(let base, _)?: out = base
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
