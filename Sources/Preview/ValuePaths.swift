import BrandContext
import Foundation
import Liquid
import TextEscaping

/// Reading and writing recipient records (Liquid `Value`s) by key path, and their JSON text.
extension Value {
    /// The value at a key path of nested objects (nil when any step is missing).
    func value(at path: [String]) -> Value? {
        var v = self
        for key in path {
            guard case .object(let o) = v, let next = o[key] else { return nil }
            v = next
        }
        return v
    }

    /// A copy with the value at `path` replaced (nil removes it); missing objects on the way are created.
    func setting(_ path: [String], to newValue: Value?) -> Value {
        guard let key = path.first else { return newValue ?? .null }
        var o: LiquidObject
        if case .object(let existing) = self { o = existing } else { o = LiquidObject() }
        if path.count == 1 {
            o[key] = newValue
        } else {
            o[key] = (o[key] ?? .object(LiquidObject())).setting(Array(path.dropFirst()), to: newValue)
        }
        return .object(o)
    }

    /// Compact JSON text, keys in insertion order (deterministic for a given record).
    var jsonText: String {
        var out = ""
        appendJSON(to: &out)
        return out
    }

    func appendJSON(to out: inout String) {
        switch self {
        case .null, .empty, .blank, .drop: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)) : "null"
        case .string(let s): out += PageJSON.quote(s)
        case .range(let a, let b): out += "[\(a),\(b)]"
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.appendJSON(to: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, (k, v)) in o.pairs.enumerated() {
                if i > 0 { out += "," }
                out += PageJSON.quote(k) + ":"
                v.appendJSON(to: &out)
            }
            out += "}"
        }
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

/// JSON string quoting (shared by the manifest and the page's embedded data).
enum PageJSON {
    /// Safe inside an HTML `<script>` element (`<`, `>`, `&`, U+2028 and U+2029 escaped).
    static func quote(_ s: String) -> String { JSONString.quoted(s, htmlSafe: true) }

    static func array(_ items: [String]) -> String { "[" + items.map(quote).joined(separator: ",") + "]" }
}

/// Stable 64-bit FNV-1a hashes for permutation ids and content hashes (same in every process).
enum StableHash {
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h &*= 0x100_0000_01b3
        }
        return h
    }

    static func hex(_ s: String, digits: Int = 16) -> String {
        let full = String(fnv1a(s), radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - full.count)) + full
        return String(padded.prefix(digits))
    }
}
