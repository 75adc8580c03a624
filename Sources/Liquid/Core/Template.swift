import Foundation

/// A compiled template: immutable, Sendable, rendered from many threads at once.
public struct Template: Sendable {
    let body: BlockBody
    public let source: SourceText
    let box: EnvironmentBox
    public var environment: Environment { box.environment }

    public var name: String? { source.name }

    /// Renders to a string.
    public func render(_ data: Value = .object(LiquidObject())) throws -> String {
        var bytes: [UInt8] = []
        try render(data, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the output to a caller-provided buffer (keep it across renders to reuse its capacity).
    public func render(_ data: Value, into bytes: inout [UInt8]) throws {
        let ctx = RenderContext(box: box, globals: data, source: source)
        var out = OutputBuffer(bytes: [], limit: ctx.limits.outputBytes)
        swap(&out.bytes, &bytes)
        defer { swap(&out.bytes, &bytes) }
        try renderBody(ctx, &out)
    }

    /// Renders in hole mode: every output value (`{{ }}`, `echo`, and custom tags that write values
    /// with `OutputBuffer.append(_:escape:)`) is appended to `holes` and its placeholder
    /// `U+E000 <index> U+E001` is written instead. Structure (`if`, `for`…) is decided with the real
    /// values, so the output is a skeleton: the same bytes for every data set that takes the same
    /// branches. Captured text holds real values. `registers` start empty.
    public func render(_ data: Value, into bytes: inout [UInt8], holes: inout [Hole], registers: [String: AnyObject] = [:]) throws {
        let ctx = RenderContext(box: box, globals: data, source: source)
        ctx.registers = registers
        var out = OutputBuffer(bytes: [], limit: ctx.limits.outputBytes)
        out.holes = []
        swap(&out.bytes, &bytes)
        swap(&out.holes!, &holes)
        defer { swap(&out.bytes, &bytes); swap(&out.holes!, &holes) }
        try renderBody(ctx, &out)
    }

    /// Hole mode (as above) without copying the template's own text: `bytes` receives only what
    /// tags and values write (placeholders, custom tags' text), and the result is a fingerprint
    /// of the whole output (which texts, in which order, among those bytes). The same template
    /// gives equal fingerprints exactly when the hole-mode output is the same (bar a 64-bit
    /// collision), so a caller can find an output it has seen without producing its bytes.
    public func trace(_ data: Value, into bytes: inout [UInt8], holes: inout [Hole], registers: [String: AnyObject] = [:]) throws -> UInt64 {
        let ctx = RenderContext(box: box, globals: data, source: source)
        ctx.registers = registers
        var out = OutputBuffer(bytes: [], limit: ctx.limits.outputBytes)
        out.holes = []
        out.trace = 0x243F_6A88_85A3_08D3
        swap(&out.bytes, &bytes)
        swap(&out.holes!, &holes)
        defer { swap(&out.bytes, &bytes); swap(&out.holes!, &holes) }
        try renderBody(ctx, &out)
        var h = OutputBuffer.fold(out.trace!, UInt64(out.bytes.count))
        out.bytes.withUnsafeBytes { raw in
            var i = 0
            while i + 8 <= raw.count { h = OutputBuffer.fold(h, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)); i += 8 }
            while i < raw.count { h = OutputBuffer.fold(h, UInt64(raw[i])); i += 1 }
        }
        return h
    }

    /// Renders with per-render state for custom tags (`RenderContext.registers`).
    public func render(_ data: Value, into bytes: inout [UInt8], registers: [String: AnyObject]) throws {
        let ctx = RenderContext(box: box, globals: data, source: source)
        ctx.registers = registers
        var out = OutputBuffer(bytes: [], limit: ctx.limits.outputBytes)
        swap(&out.bytes, &bytes)
        defer { swap(&out.bytes, &bytes) }
        try renderBody(ctx, &out)
    }

    /// Renders with an existing context (partials, custom tags).
    func renderBody(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        let saved = ctx.source
        ctx.source = source
        defer { ctx.source = saved }
        do {
            try body.render(ctx, &out)
        } catch let e as LiquidError {
            throw e.located(in: source)
        }
    }

    /// The data paths this template reads (see `Analysis`).
    public func analyze() -> Analysis {
        var a = Analyzer(environment: environment)
        body.analyze(&a)
        return a.result
    }
}

/// A compiled condition (block eligibility and the like), evaluated against data.
public struct Predicate: Sendable {
    let condition: Condition
    public let source: SourceText
    let box: EnvironmentBox
    var environment: Environment { box.environment }

    public func evaluate(_ data: Value) throws -> Bool {
        try evaluate(in: PredicateScope(data))
    }

    /// Evaluates against a scope's data, reusing its render context when the scope already
    /// has one for this environment (a context per predicate was most of a cheap condition's cost).
    public func evaluate(in scope: PredicateScope) throws -> Bool {
        let ctx: RenderContext
        // Every parse has its own box; a context built for another predicate of an environment
        // with the same settings serves (conditions never read partials, the box's other content).
        if let c = scope.context, c.box === box || c.sameSettings(as: box.environment) {
            ctx = c
            ctx.box = box
            ctx.source = source
            scope.hold(box)
        } else {
            ctx = RenderContext(box: box, globals: scope.data, source: source)
            scope.context = ctx
        }
        do {
            return try ctx.evaluate(condition)
        } catch let e as LiquidError {
            throw e.located(in: source)
        }
    }

    /// The data paths the condition reads.
    public func analyze() -> Analysis {
        var a = Analyzer(environment: environment)
        a.visit(condition)
        return a.result
    }
}

/// The data several predicates are asked about (e.g. every candidate block's `when` for one
/// recipient), with the render context they share. One thread at a time.
/// Used by one thread at a time: its hot stored properties are `@exclusivity(unchecked)` (the
/// dynamic checks cost ~1–10% of a render; the library products carry no unsafe build flags).
public final class PredicateScope {
    public let data: Value
    fileprivate var context: RenderContext? {
        didSet { box = context?.box }
    }
    /// Holds the environment the shared context points to unowned.
    @exclusivity(unchecked) private var box: EnvironmentBox?
    public init(_ data: Value) { self.data = data }
    fileprivate func hold(_ b: EnvironmentBox) { if box !== b { box = b } }
}
