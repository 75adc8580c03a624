import Foundation

/// A compiled piece of a template. Tags registered from outside the module return their own nodes.
public protocol Node: Sendable {
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws
    /// Blank nodes produce no output by themselves (assign, comment, whitespace): a block made
    /// only of blank nodes drops its whitespace, as Shopify Liquid does.
    var isBlank: Bool { get }
    /// Reports the variables the node reads and binds.
    func analyze(_ a: inout Analyzer)
}

extension Node {
    public var isBlank: Bool { false }
    public func analyze(_ a: inout Analyzer) {}
}

/// A sequence of nodes: a template, or the body of a block tag.
public struct BlockBody: Sendable {
    public var nodes: [any Node]

    public init(nodes: [any Node]) { self.nodes = nodes }

    public var isBlank: Bool { nodes.allSatisfy { $0.isBlank } }

    /// Drops whitespace-only text (called when every body of a block tag is blank).
    public mutating func removeBlankText() {
        nodes.removeAll { $0 is TextNode }
    }

    @inline(__always) public func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        ctx.renderDepth += 1
        defer { ctx.renderDepth -= 1 }
        if ctx.renderDepth > ctx.limits.renderDepth {
            throw LiquidError(.limit, "blocks and partials nested deeper than \(ctx.limits.renderDepth) while rendering")
        }
        var i = 0
        let n = nodes.count
        while i < n {
            do {
                try nodes[i].render(ctx, &out)
            } catch let e as LiquidError where ctx.inlineErrors {
                try Self.writeInline(e, of: nodes[i], ctx, &out)
            }
            if ctx.interrupt != nil { return }
            i += 1
        }
    }

    /// `RenderErrorMode.inline`: what Shopify's lax render writes in place of a failed node.
    /// The innermost body catches first, so the location is that of the file that failed.
    static func writeInline(_ error: LiquidError, of node: any Node, _ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        switch error.kind {
        case .limit: throw error
        case .undefinedVariable, .undefinedFilter: return
        default: break
        }
        if node.isBlank { return }
        let e = error.located(in: ctx.source)
        let place = e.line > 0 ? " (" + (e.template.map { $0 + " " } ?? "") + "line \(e.line))" : ""
        try out.append(.string("Liquid error\(place): \(e.message)"), escape: ctx.autoescape)
    }

    public func analyze(_ a: inout Analyzer) {
        for node in nodes { node.analyze(&a) }
    }
}

/// Literal text, pre-encoded once so rendering is a single memcpy.
struct TextNode: Node {
    let chunk: StaticBytes
    let blank: Bool
    init(_ text: String) {
        chunk = StaticBytes(Array(text.utf8))
        blank = chunk.buffer.allSatisfy(isSpace)
    }
    var isBlank: Bool { blank }
    @inline(__always) func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws { try out.appendStatic(chunk) }
}

/// Immutable bytes at a fixed address: appending them needs no reference counting.
final class StaticBytes: Sendable {
    nonisolated(unsafe) let buffer: UnsafeBufferPointer<UInt8>
    /// Unique in the process, never reused (unlike an address): names this text in a trace.
    let serial: UInt64
    init(_ bytes: [UInt8]) {
        let p = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = p.initialize(from: bytes)
        buffer = UnsafeBufferPointer(start: p.baseAddress, count: bytes.count)
        serial = Self.nextSerial()
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var counter: UInt64 = 0
    private static func nextSerial() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return counter
    }
    deinit { UnsafeMutableRawPointer(mutating: buffer.baseAddress)?.deallocate() }
}

/// `{{ expression | filters }}`
struct OutputNode: Node {
    let expression: FilteredExpression
    let escape: Bool
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        var escape = self.escape
        if escape, !ctx.safeNames.isEmpty, expression.filters.isEmpty, case .variable(let p) = expression.base,
            p.segments.count == 1, case .key(let name) = p.segments[0], ctx.safeNames.contains(name)
        {
            escape = false
        }
        try out.append(try ctx.evaluate(expression), escape: escape)
    }
    func analyze(_ a: inout Analyzer) {
        a.visit(expression)
        a.printed(expression, at: expression.offset)
    }
}

/// `{{ a.b }}` without filters: the most common output, resolved and written directly.
struct VariableOutputNode: Node {
    let path: VariablePath
    let escape: Bool
    func render(_ ctx: RenderContext, _ out: inout OutputBuffer) throws {
        var escape = self.escape
        if escape, !ctx.safeNames.isEmpty, path.segments.count == 1, case .key(let name) = path.segments[0], ctx.safeNames.contains(name) {
            escape = false
        }
        try out.append(try ctx.resolve(path), escape: escape)
    }
    func analyze(_ a: inout Analyzer) {
        a.visit(.variable(path))
        a.printed(.variable(path), at: path.offset)
    }
}
