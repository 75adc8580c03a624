/// What `<mj-head>` declares, gathered once at parse time.
struct Head: Sendable {
    var title = ""
    var preview = ""
    var breakpoint = "480px"
    /// Font name → stylesheet URL, in declaration order (MJML's default fonts first).
    var fonts: [Font] = [
        Font("Open Sans", "https://fonts.googleapis.com/css?family=Open+Sans:300,400,500,700"),
        Font("Droid Sans", "https://fonts.googleapis.com/css?family=Droid+Sans:300,400,500,700"),
        Font("Lato", "https://fonts.googleapis.com/css?family=Lato:300,400,500,700"),
        Font("Roboto", "https://fonts.googleapis.com/css?family=Roboto:300,400,500,700"),
        Font("Ubuntu", "https://fonts.googleapis.com/css?family=Ubuntu:300,400,500,700"),
    ]

    struct Font: Sendable {
        var name: String
        var href: String
        /// Lowercased name bytes, for the case-insensitive scan of the output.
        var key: [UInt8]
        init(_ name: String, _ href: String) {
            self.name = name
            self.href = href
            self.key = Array(name.lowercased().utf8)
        }
    }
    /// `<mj-style>` contents in order; `inline` ones are inlined into the body instead.
    var styles: [(css: String, inline: Bool)] = []
    /// `<mj-raw>` inside the head, verbatim, and the head's comments.
    var raw: [String] = []
    /// `<mjml owa="desktop">`: Outlook on the web gets the desktop column widths too.
    var forceOWADesktop = false
    /// What `<mj-style inline="inline">` rules cannot inline (media queries, pseudo-classes),
    /// written at the end of the head when inlining is on.
    var keptInlineCSS = ""
    var all: [(String, String)] = []
    var byTag: [String: [(String, String)]] = [:]
    var classes: [String: [(String, String)]] = [:]

    /// `<mj-html-attributes>`: CSS selector → attributes to add to matching output elements.
    var htmlAttributes: [(selector: String, attributes: [(String, String)])] = []

    init() {}

    init(from head: MJMLNode?) {
        guard let head else { return }
        for child in head.children {
            switch child.kind {
            case .element: Components.of(child)?.gather(child, into: &self)
            // MJML's parser turns a comment into an mj-raw of its parent: a head comment goes,
            // trimmed, to the end of the head.
            case .comment: raw.append("<!-- \(child.content.trimmingASCIISpace()) -->")
            case .text: break
            }
        }
    }
}

extension String {
    /// Trims ASCII whitespace only (so a leading NBSP or private-use character survives).
    func trimmingASCIISpace() -> String {
        let u = Array(utf8)
        var s = 0, e = u.count
        while s < e, isSpace(u[s]) { s += 1 }
        while e > s, isSpace(u[e - 1]) { e -= 1 }
        if s == 0 && e == u.count { return self }
        return String(decoding: u[s..<e], as: UTF8.self)
    }
}
