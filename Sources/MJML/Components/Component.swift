/// One MJML tag, described in one place: its default attributes, where it may sit and what it
/// accepts (validation), whether its content is raw HTML (an ending tag), what it hands down
/// to its children, its HTML and its plain text. Each tag is one caseless enum conforming to
/// this protocol, in its own file, listed once in `Components.all`.
protocol Component: Sendable {
    /// The tag name (`mj-section`).
    static var tag: String { get }
    /// MJML 4's default attribute values (the weakest layer of the cascade).
    static var defaults: [String: String] { get }
    /// Tags it may sit in (validation); empty: anywhere.
    static var parents: Set<String> { get }
    /// Attributes it accepts besides `css-class` and `mj-class`.
    static var attributes: [String] { get }
    /// `mj-all` and `mj-class` take any attribute.
    static var acceptsAnyAttribute: Bool { get }
    /// Its content is kept as raw HTML instead of being parsed as MJML.
    static var isEndingTag: Bool { get }
    /// Where the renderer draws it (see `ComponentRole`).
    static var role: ComponentRole { get }

    /// Writes the component's HTML; `place` is the width its parent gives it.
    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer)
    /// Its text/plain form, or nil for a container whose children are read instead.
    static func text(of node: MJMLNode) -> String?
    /// Attributes it passes down to its children (MJML's child props), as cascade pairs.
    static func passedToChildren(of node: MJMLNode) -> Cascade.Pairs?
    /// CSS the head needs once per document when the component is used.
    static func headStyle(lowerBreakpoint: String) -> String
    /// What a head element adds to the document's head.
    static func gather(_ node: MJMLNode, into head: inout Head)
}

/// Where a component is drawn. Containers draw their children by role, so a tag in the wrong
/// place renders nothing (validation reports it) rather than broken markup.
enum ComponentRole {
    /// A row of the body or of a wrapper: section, wrapper, hero.
    case section
    /// Content of a column or hero cell (text, image, button…); also accepted in the body.
    case content
    /// Drawn only by its parent component (column, group, social element, navbar link…).
    case part
    /// A head element: gathered into `Head`, never drawn.
    case head
}

extension Component {
    static var defaults: [String: String] { [:] }
    static var parents: Set<String> { [] }
    static var attributes: [String] { [] }
    static var acceptsAnyAttribute: Bool { false }
    static var isEndingTag: Bool { false }
    static var role: ComponentRole { .part }
    static func render(_ node: MJMLNode, _ place: Placement, _ r: inout Renderer) {}
    static func text(of node: MJMLNode) -> String? { nil }
    static func passedToChildren(of node: MJMLNode) -> Cascade.Pairs? { nil }
    static func headStyle(lowerBreakpoint: String) -> String { "" }
    static func gather(_ node: MJMLNode, into head: inout Head) {}
}

/// Attribute lists several components share (validation).
enum CommonAttributes {
    static let padding = ["padding", "padding-top", "padding-right", "padding-bottom", "padding-left"]
    static let borders = ["border", "border-top", "border-right", "border-bottom", "border-left", "border-radius"]
    static let font = [
        "color", "font-family", "font-size", "font-style", "font-weight", "line-height",
        "letter-spacing", "text-decoration", "text-transform",
    ]
    static let background = [
        "background-color", "background-url", "background-repeat", "background-size",
        "background-position", "background-position-x", "background-position-y",
    ]
    /// Content components sit in a column or a hero.
    static let contentParents: Set<String> = ["mj-column", "mj-hero"]
    static let ubuntu = "Ubuntu, Helvetica, Arial, sans-serif"
}
