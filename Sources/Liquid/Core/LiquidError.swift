/// An error in a template: where it is and what was expected.
public struct LiquidError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case syntax, undefinedVariable, undefinedFilter, argument, type, limit, partialNotFound, render
    }

    public let kind: Kind
    public let message: String
    /// Template name (file path or partial name); nil for inline sources.
    public internal(set) var template: String?
    /// 1-based line and column (0 when unknown).
    public internal(set) var line: Int = 0
    public internal(set) var column: Int = 0
    /// UTF-8 offset in the template source, until line/column are resolved.
    var offset: Int?

    public init(_ kind: Kind, _ message: String, offset: Int? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    /// The UTF-8 offset in the template's source where the error is (nil when unknown): lets a
    /// caller that composed the source from several files name the file it came from.
    public var sourceOffset: Int? { offset }

    /// The same error placed in another file (a caller's own source map).
    public func placed(in template: String, line: Int, column: Int) -> LiquidError {
        var e = self
        (e.template, e.line, e.column) = (template, line, column)
        return e
    }

    /// `name:line:col: message` (the form the CLI prints).
    public var description: String {
        let name = template ?? "<template>"
        return line > 0 ? "\(name):\(line):\(column): \(message)" : "\(name): \(message)"
    }

    /// Fills in template name and line/column from an offset, once (the innermost template wins).
    func located(in source: SourceText) -> LiquidError {
        guard line == 0 else { return self }
        var e = self
        e.template = source.name
        if let offset { (e.line, e.column) = source.lineColumn(at: offset) }
        return e
    }
}

/// The errors of the size limits, each naming the setting that raises it.
extension LiquidError {
    static func arrayLimit(_ count: Int, _ limits: Limits, offset: Int? = nil) -> LiquidError {
        LiquidError(.limit, "array of \(count) items exceeds the limit of \(limits.arrayItems) (limits.arrayItems)", offset: offset)
    }

    /// `what`: "string of 20000000 bytes" and the like.
    static func stringLimit(_ what: String, _ limits: Limits, offset: Int? = nil) -> LiquidError {
        LiquidError(.limit, "\(what) exceeds the output limit of \(limits.outputBytes) bytes (limits.outputBytes)", offset: offset)
    }

    static func outputLimit(_ limit: Int) -> LiquidError {
        LiquidError(.limit, "output limit of \(limit) bytes exceeded (limits.outputBytes)")
    }
}

/// A template's text and name, kept to turn offsets into line and column when an error is raised.
public final class SourceText: Sendable {
    public let name: String?
    public let text: String
    let utf8: [UInt8]

    init(name: String?, text: String) {
        self.name = name
        self.text = text
        self.utf8 = Array(text.utf8)
    }

    func lineColumn(at offset: Int) -> (Int, Int) {
        var line = 1, lineStart = 0
        let end = min(offset, utf8.count)
        var i = 0
        while i < end {
            if utf8[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        let column = String(decoding: utf8[lineStart..<end], as: UTF8.self).count + 1
        return (line, column)
    }
}
