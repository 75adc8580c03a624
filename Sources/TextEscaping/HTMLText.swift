/// HTML escaping of text and attribute values in the pages Tessera writes itself (the preview's
/// contact sheet and live pages, the lift report). Quotes are escaped too, so the same text is
/// safe in a quoted attribute. Recipient values take the per-recipient byte path in Assembly.
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
