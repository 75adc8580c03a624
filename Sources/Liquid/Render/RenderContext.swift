/// Per-render state: variables, counters, loop registers, limits. One per render call, used by one thread.
/// Used by one thread at a time: its hot stored properties are `@exclusivity(unchecked)` (the
/// dynamic checks cost ~1–10% of a render; the library products carry no unsafe build flags).
public final class RenderContext {
    /// Unretained: the template (or predicate) being rendered owns it and outlives the render.
    @exclusivity(unchecked) unowned(unsafe) var box: EnvironmentBox
    /// Settings read on the hot path, copied out so a render never touches shared reference counts.
    let strictVariables: Bool
    let autoescape: Bool
    /// `renderErrors == .inline`: errors become text where they happened.
    let inlineErrors: Bool
    let limits: Limits
    public var environment: Environment { box.environment }
    @exclusivity(unchecked) var globals: Value
    /// Template-level variables (`assign`, `capture`): the outermost scope.
    @exclusivity(unchecked) var assigns = LiquidObject()
    /// Block-scoped variables (loop variables, include arguments) as a flat stack, innermost last;
    /// `scopeMarks` holds where each scope starts.
    @exclusivity(unchecked) var localNames: [String] = []
    @exclusivity(unchecked) var localHashes: [Int] = []
    @exclusivity(unchecked) var localValues: [Value] = []
    @exclusivity(unchecked) var scopeMarks: [Int] = []
    /// `increment` / `decrement` counters.
    @exclusivity(unchecked) var counters: [String: Int] = [:]
    @exclusivity(unchecked) var cycles: [String: Int] = [:]
    /// `offset: continue` positions by loop name.
    @exclusivity(unchecked) var loopOffsets: [String: Int] = [:]
    @exclusivity(unchecked) var lastIfChanged: String?
    /// Variables holding captured output, which autoescape must not escape again.
    @exclusivity(unchecked) var safeNames: Set<String> = []
    @exclusivity(unchecked) var interrupt: Interrupt?
    @exclusivity(unchecked) var loopIterations = 0
    @exclusivity(unchecked) var partialDepth = 0
    /// Block bodies being rendered, across partials (bounded: each level uses stack).
    @exclusivity(unchecked) var renderDepth = 0
    /// Whether `forloop.parentloop` may see the enclosing loop (not inside `render`).
    @exclusivity(unchecked) var loopStack: [ForLoopDrop] = []
    @exclusivity(unchecked) unowned(unsafe) var source: SourceText
    /// Per-render state for custom tags (Shopify's "registers"): e.g. a queue a `claim` tag fills
    /// and a `disclaimers` tag empties. Set by the caller of `render`; Liquid itself never reads it.
    @exclusivity(unchecked) public var registers: [String: AnyObject] = [:]

    enum Interrupt { case breakLoop, continueLoop }

    init(box: EnvironmentBox, globals: Value, source: SourceText) {
        self.box = box
        strictVariables = box.environment.strictVariables
        autoescape = box.environment.autoescape
        inlineErrors = box.environment.renderErrors == .inline
        limits = box.environment.limits
        self.globals = globals
        self.source = source
    }

    /// Whether this context's copied settings are those of `environment`.
    func sameSettings(as environment: Environment) -> Bool {
        strictVariables == environment.strictVariables && autoescape == environment.autoescape && limits == environment.limits
            && inlineErrors == (environment.renderErrors == .inline)
    }

    // MARK: variables

    /// Looks a top-level name up: loop scopes, assigns, counters, then the data.
    @inline(__always) func lookup(_ name: String) -> Value? { lookup(name, hash: KeyHash.of(name)) }

    @inline(__always) func lookup(_ name: String, hash: Int) -> Value? {
        var i = localNames.count - 1
        while i >= 0 {
            if localHashes[i] == hash && localNames[i] == name { return localValues[i] }
            i -= 1
        }
        if !assigns.isEmpty, let p = assigns.position(of: name, hash: hash) { return assigns.value(at: p) }
        if !counters.isEmpty, let c = counters[name] { return .int(c) }
        if case .object(let o) = globals, let p = o.position(of: name, hash: hash) { return o.value(at: p) }
        return nil
    }

    public func assign(_ name: String, _ value: Value) { assigns[name] = value }

    func pushScope(_ scope: [(String, Value)] = []) {
        scopeMarks.append(localNames.count)
        for (k, v) in scope { localNames.append(k); localHashes.append(KeyHash.of(k)); localValues.append(v) }
    }

    func popScope() {
        let mark = scopeMarks.removeLast()
        localNames.removeSubrange(mark...)
        localHashes.removeSubrange(mark...)
        localValues.removeSubrange(mark...)
    }

    /// Sets a variable in the innermost scope.
    func setLocal(_ name: String, _ value: Value) {
        var i = localNames.count - 1
        let floor = scopeMarks.last ?? 0
        while i >= floor {
            if localNames[i] == name { localValues[i] = value; return }
            i -= 1
        }
        localNames.append(name)
        localHashes.append(KeyHash.of(name))
        localValues.append(value)
    }

    /// Sets the value at a slot returned by `pushScope` order (fast path for loop variables).
    @inline(__always) func setLocal(at slot: Int, _ value: Value) { localValues[slot] = value }

    func countIterations(_ n: Int, offset: Int, pending: Int = 0) throws {
        loopIterations += n
        if loopIterations > limits.loopIterations || pending > limits.loopIterations - loopIterations {
            throw LiquidError(.limit, "loop iteration limit of \(limits.loopIterations) exceeded (limits.loopIterations)", offset: offset)
        }
    }

    // MARK: evaluation

    public func evaluate(_ e: LiquidExpression) throws -> Value {
        switch e {
        case .literal(let v): return v
        case .variable(let path): return try resolve(path)
        case .range(let a, let b):
            return .range(try rangeBound(evaluate(a), offset: nil), try rangeBound(evaluate(b), offset: nil))
        }
    }

    func rangeBound(_ v: Value, offset: Int?) throws -> Int {
        switch v {
        case .int(let i): return i
        case .double(let d): return clampedInt(d)
        case .string(let s):
            if let i = Int(s.trimmingWhitespace) { return i }
            if let d = Double(s.trimmingWhitespace) { return clampedInt(d) }
            return 0
        case .null: return 0
        default: throw LiquidError(.type, "range bounds must be numbers, got \(v.typeName)", offset: offset)
        }
    }

    /// Follows a path; undefined is nil unless strict variables are on.
    func resolve(_ path: VariablePath) throws -> Value {
        if let v = try resolveOptional(path) { return v }
        if strictVariables {
            throw LiquidError(.undefinedVariable, "undefined variable '\(path.text)'", offset: path.offset)
        }
        return .null
    }

    func resolveOptional(_ path: VariablePath) throws -> Value? {
        if let keys = path.keys { return resolveKeys(keys, path.keyHashes) }
        var current: Value
        switch path.segments[0] {
        case .key(let name):
            guard let v = lookup(name) else { return nil }
            current = v
        case .index(let i):
            guard let v = lookup(String(i)) else { return nil }
            current = v
        case .dynamic(let e):
            let key = try evaluate(e)
            guard case .string(let name) = key, let v = lookup(name) else { return nil }
            current = v
        }
        var i = 1
        let n = path.segments.count
        while i < n {
            let next: Value?
            switch path.segments[i] {
            case .key(let k):
                // Fast path: a member of an object (the common case in data).
                if case .object(let o) = current, let p = o.position(of: k) {
                    current = o.value(at: p)
                    i += 1
                    continue
                }
                next = current.property(k)
            case .index(let idx): next = current.item(at: idx)
            case .dynamic(let e):
                switch try evaluate(e) {
                case .string(let k): next = current.property(k)
                case .int(let idx): next = current.item(at: idx)
                default: next = nil
                }
            }
            guard let next else { return nil }
            current = next
            i += 1
        }
        return current
    }

    /// `a.b.c` where every step is a name: the common case, kept tight.
    @inline(__always) func resolveKeys(_ keys: [String], _ hashes: [Int]) -> Value? {
        guard var current = lookup(keys[0], hash: hashes[0]) else { return nil }
        var i = 1
        let n = keys.count
        while i < n {
            if case .object(let o) = current, let p = o.position(of: keys[i], hash: hashes[i]) {
                current = o.value(at: p)
            } else {
                guard let next = current.property(keys[i]) else { return nil }
                current = next
            }
            i += 1
        }
        return current
    }

    public func evaluate(_ fe: FilteredExpression) throws -> Value {
        var value: Value
        if strictVariables, fe.filters.first?.name == "default", case .variable(let path) = fe.base {
            value = try resolveOptional(path) ?? .null  // `x | default: y` is an explicit fallback, even in strict mode
        } else {
            value = try evaluate(fe.base)
        }
        for call in fe.filters {
            guard let filter = call.filter else { continue }  // unknown filter, lax mode: pass through
            var args: [Value] = []
            if !call.args.isEmpty {
                args.reserveCapacity(call.args.count)
                for a in call.args { args.append(try evaluate(a)) }
            }
            var kwargs: [String: Value] = [:]
            for (k, e) in call.keywordArgs { kwargs[k] = try evaluate(e) }
            do {
                try checkSize(value, offset: call.offset)
                for a in args { try checkSize(a, offset: call.offset) }
                value = try filter.body(value, args, kwargs, limits)
                try checkSize(value, offset: call.offset)
                if case .array(let items) = value { try checkBuilt(items, offset: call.offset) }
            } catch var e as LiquidError {
                if e.offset == nil { e.offset = call.offset }
                throw LiquidError(e.kind, "\(call.name): \(e.message)\(Self.reading(fe.base, call))", offset: e.offset)
            }
        }
        return value
    }

    /// ` (reading 'item.price')`: the variables a failed filter call read (its input's and its
    /// arguments'), so that the reason a record is held names the value at fault.
    static func reading(_ base: LiquidExpression, _ call: FilterCall) -> String {
        var paths: [String] = []
        for e in [base] + call.args + call.keywordArgs.map(\.1) {
            if case .variable(let path) = e, !paths.contains(path.text) { paths.append(path.text) }
        }
        return paths.isEmpty ? "" : " (reading " + paths.map { "'\($0)'" }.joined(separator: ", ") + ")"
    }

    /// Strings filters build, and ranges they would expand, stay within the limits.
    @inline(__always) func checkSize(_ v: Value, offset: Int) throws {
        switch v {
        case .range(let lo, let hi) where rangeCount(lo, hi) > limits.arrayItems:
            throw LiquidError.arrayLimit(rangeCount(lo, hi), limits, offset: offset)
        case .string(let s) where s.utf8.count > limits.outputBytes:
            throw LiquidError.stringLimit("string of \(s.utf8.count) bytes", limits, offset: offset)
        default: return
        }
    }

    /// An array a filter built: at most `arrayItems` items, and text (what `{{ }}`, `join` or a
    /// string filter would make of it) within `outputBytes`, so that arrays doubled by `concat`
    /// cannot turn into gigabytes of text later. Only filter results pay for this walk.
    func checkBuilt(_ items: [Value], offset: Int) throws {
        if items.count > limits.arrayItems { throw LiquidError.arrayLimit(items.count, limits, offset: offset) }
        var budget = limits.outputBytes
        if !Value.textFits(items, within: &budget) {
            throw LiquidError.stringLimit("the text of an array of \(items.count) items", limits, offset: offset)
        }
    }

    public func evaluate(_ c: Condition) throws -> Bool {
        switch c {
        case .value(let e): return try evaluate(e).isTruthy
        case .and(let a, let b): return try evaluate(a) && evaluate(b)
        case .or(let a, let b): return try evaluate(a) || evaluate(b)
        case .compare(let l, let op, let r, let offset):
            return try compare(evaluate(l), op, evaluate(r), offset: offset)
        }
    }

    func compare(_ l: Value, _ op: Condition.Operator, _ r: Value, offset: Int) throws -> Bool {
        switch op {
        case .equal: return l.liquidEquals(r)
        case .notEqual: return !l.liquidEquals(r)
        case .contains: return r.isTruthy && l.liquidContains(r)  // Shopify: a falsy needle never matches
        case .less, .greater, .lessOrEqual, .greaterOrEqual:
            switch (l, r) {
            case (.null, _), (_, .null), (.empty, _), (_, .empty), (.blank, _), (_, .blank): return false
            default: break
            }
            guard let order = l.liquidCompare(r) else {
                if case .array = l { return false }
                if case .object = l { return false }
                throw LiquidError(.type, "cannot compare \(l.typeName) with \(r.typeName) using '\(op.rawValue)'", offset: offset)
            }
            switch op {
            case .less: return order == .orderedAscending
            case .greater: return order == .orderedDescending
            case .lessOrEqual: return order != .orderedDescending
            default: return order != .orderedAscending
            }
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
