import BrandContext
import TextEscaping

/// A small JSON writer with ordered keys and stable formatting, for the answers that are not
/// per-recipient (claims, brand, catalog listings, errors). Foundation's encoders sort or
/// scramble keys and spread empty arrays over lines. The render path writes its record with
/// Assembly's `NDJSONWriter` instead.
package indirect enum JSONText: Sendable {
    case string(String), number(String), bool(Bool), null, array([JSONText]), object([(String, JSONText)])

    package static func int(_ n: Int) -> JSONText { .number(String(n)) }
    package static func strings(_ list: [String]) -> JSONText { .array(list.map(JSONText.string)) }

    /// Indented two spaces a level; arrays of scalars stay on one line (`tessera claims --format json`).
    package static func render(_ value: JSONText, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy(\.isScalar) {
                return "[" + items.map { render($0) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + render($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { "\(inner)\(quote($0)): \(render($1, indent: inner))" }.joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    /// On one line, no spaces (error bodies, log lines).
    package static func compact(_ value: JSONText) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return quote(s)
        case .array(let items): return "[" + items.map(compact).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { quote($0) + ":" + compact($1) }.joined(separator: ",") + "}"
        }
    }

    package static func quote(_ s: String) -> String { JSONString.quoted(s) }

    var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }
}
