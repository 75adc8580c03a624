import TextEscaping

/// HTML for the contact sheet (and the live preview's pages in Serve).
package enum HTML {
    package static func escape(_ s: String) -> String { HTMLText.escape(s) }

    static func list(_ items: [String], empty: String = "—") -> String {
        items.isEmpty ? "<span class=\"none\">\(empty)</span>" : items.map { "<code>\(escape($0))</code>" }.joined(separator: " ")
    }
}
