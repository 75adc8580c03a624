/// The copy of an MJML document as HTML tokens: the content of text-bearing components
/// (`mj-text`, `mj-button`, `mj-navbar-link`, `mj-social-element`, `mj-accordion-title`,
/// `mj-accordion-text`, `mj-table`, `mj-raw`, `mj-title`, `mj-preview`), each as its own block,
/// plus `alt` and `title` attributes. Layout components carry no prose and are dropped.
enum MJMLExtractor {
    static let textComponents: Set<String> = [
        "mj-text", "mj-button", "mj-navbar-link", "mj-social-element", "mj-accordion-title",
        "mj-accordion-text", "mj-table", "mj-raw", "mj-title", "mj-preview",
    ]

    static func tokens(_ units: [UInt16]) -> [HTMLToken] {
        var out: [HTMLToken] = []
        var depth = 0  // nesting inside a text component
        var current = ""
        for tok in HTMLTokenizer.tokens(units) {
            switch tok {
            case .start(let name, let attrs, let selfClosing):
                if depth == 0 {
                    if name.hasPrefix("mj-") {
                        if let alt = attrs.first(where: { $0.name == "alt" }), !alt.value.isEmpty {
                            out.append(.start(name: "img", attrs: [alt], selfClosing: true))
                        }
                        if let title = attrs.first(where: { $0.name == "title" }), !title.value.isEmpty {
                            out.append(.start(name: "mj-attr-title", attrs: [title], selfClosing: true))
                        }
                    }
                    if textComponents.contains(name) && !selfClosing {
                        depth = 1; current = name
                        out.append(.start(name: "div", attrs: [], selfClosing: false))
                    }
                } else {
                    if name == current && !selfClosing { depth += 1 }
                    out.append(tok)
                }
            case .end(let name):
                if depth > 0 {
                    if name == current {
                        depth -= 1
                        if depth == 0 { out.append(.end(name: "div")); continue }
                    }
                    out.append(tok)
                }
            case .text, .comment:
                if depth > 0 { out.append(tok) } else if case .comment = tok { out.append(tok) }
            }
        }
        return out
    }
}
