import Foundation

/// JSON string literals (RFC 8259 escaping): the one escaper of every JSON that Tessera writes as
/// text (the context database, the CLI, lint output, Vale's JSON, lift reports, the live service).
/// The per-recipient NDJSON writer escapes bytes in place (Assembly's `JSON` and `HTMLEscape`) for speed.
public enum JSONString {
    /// `htmlSafe`: also escape `<`, `>`, `&`, U+2028 and U+2029, so the literal can sit inside an
    /// HTML `<script>` element (as Go's encoding/json does by default).
    public static func append(_ s: String, to out: inout String, htmlSafe: Bool = false) {
        // Fast path: most text needs no escaping and is appended whole (0xE2 leads U+2028/U+2029).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || (htmlSafe && ($0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2)) })
        {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where htmlSafe: out += "\\u003c"
            case ">" where htmlSafe: out += "\\u003e"
            case "&" where htmlSafe: out += "\\u0026"
            case "\u{2028}" where htmlSafe: out += "\\u2028"
            case "\u{2029}" where htmlSafe: out += "\\u2029"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        out += "\""
    }

    /// The literal, quotes included.
    public static func quoted(_ s: String, htmlSafe: Bool = false) -> String {
        var out = ""
        append(s, to: &out, htmlSafe: htmlSafe)
        return out
    }
}
