/// One node of a parsed MJML document. Immutable after parsing, so documents are Sendable
/// and can be rendered many times from many threads.
public struct MJMLNode: Sendable {
    public enum Kind: Sendable { case element, text, comment }

    public var kind: Kind
    /// Tag name for elements (`mj-text`); empty for text and comments.
    public var tag: String { didSet { component = kind == .element ? Components.id(of: tag) : -1 } }
    /// Attributes in source order; the first occurrence of a name wins on lookup.
    public var attributes: [(name: String, value: String)]
    public var children: [MJMLNode]
    /// Raw content: the inner HTML of ending tags, the text of text nodes, the body of comments.
    public var content: String
    public var line: Int
    public var column: Int
    /// Resolved attributes (defaults < parent-passed < mj-all < mj-attributes tag < mj-class
    /// < own), filled once after parsing: per `Attr` slot, an index into the document's value
    /// table (-1: unset). Copying and freeing slots is a memcpy; a lookup is two array reads.
    var slots: ContiguousArray<Int32> = []
    var table: ValueTable?
    /// Index of the tag's component in `Components.all` (-1: text, comment or unknown tag),
    /// found once here so rendering dispatches by an array access, not a string compare.
    private(set) var component: Int16

    init(kind: Kind, tag: String, line: Int, column: Int) {
        self.kind = kind
        self.tag = tag
        self.component = kind == .element ? Components.id(of: tag) : -1
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
        guard key.rawValue < slots.count else { return nil }
        let i = slots[key.rawValue]
        return i < 0 ? nil : table.map { $0.strings[Int(i)] }
    }

    /// The cascaded value by name (nil for names the renderer never reads).
    func a(_ name: String) -> String? { Attr.byName[name].flatMap { a($0) } }
}

/// The strings a document's resolved attributes point into (immutable once built).
final class ValueTable: Sendable {
    let strings: [String]
    init(_ strings: [String]) { self.strings = strings }
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
