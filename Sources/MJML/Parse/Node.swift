/// One node of a parsed MJML document. Immutable after parsing, so documents are Sendable
/// and can be rendered many times from many threads.
public struct MJMLNode: Sendable {
    public enum Kind: Sendable { case element, text, comment }

    public var kind: Kind
    /// Tag name for elements (`mj-text`); empty for text and comments.
    public var tag: String
    /// Attributes in source order; the first occurrence of a name wins on lookup.
    public var attributes: [(name: String, value: String)]
    public var children: [MJMLNode]
    /// Raw content: the inner HTML of ending tags, the text of text nodes, the body of comments.
    public var content: String
    public var line: Int
    public var column: Int
    /// Resolved attributes (defaults < parent-passed < mj-all < mj-attributes tag < mj-class
    /// < own), filled once after parsing and indexed by `Attr`: a lookup is one array access.
    var slots: ContiguousArray<String?> = []

    init(kind: Kind, tag: String, line: Int, column: Int) {
        self.kind = kind
        self.tag = tag
        self.attributes = []
        self.children = []
        self.content = ""
        self.line = line
        self.column = column
    }

    /// The value the author wrote on this element (not the cascade).
    public func attribute(_ name: String) -> String? {
        for a in attributes where a.name == name { return a.value }
        return nil
    }

    public var isElement: Bool { kind == .element }

    /// The cascaded value of an attribute (defaults included).
    @inline(__always) func a(_ key: Attr) -> String? {
        key.rawValue < slots.count ? slots[key.rawValue] : nil
    }

    /// The cascaded value by name (nil for names the renderer never reads).
    func a(_ name: String) -> String? { Attr.byName[name].flatMap { a($0) } }

    mutating func set(_ key: Attr, _ value: String) {
        if slots.count != Attr.names.count { slots = ContiguousArray(repeating: nil, count: Attr.names.count) }
        slots[key.rawValue] = value
    }
}

/// Where a diagnostic points, and how bad it is.
public struct MJMLDiagnostic: Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }
    public var severity: Severity
    public var line: Int
    public var column: Int
    public var message: String
    /// File the position refers to (an included file, or nil for the main input).
    public var file: String?

    public var description: String {
        "\(file ?? "<input>"):\(line):\(column): \(severity.rawValue): \(message)"
    }
}
