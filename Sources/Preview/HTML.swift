/// HTML text escaping for the contact sheet (and the live preview's pages in Serve).
public enum HTML {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func list(_ items: [String], empty: String = "—") -> String {
        items.isEmpty ? "<span class=\"none\">\(empty)</span>" : items.map { "<code>\(escape($0))</code>" }.joined(separator: " ")
    }
}
