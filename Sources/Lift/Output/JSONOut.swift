import TextEscaping

/// A small JSON writer with a fixed key order (reports are compared byte for byte in tests).
struct JSONOut {
    private(set) var text = ""

    mutating func raw(_ s: String) { text += s }

    mutating func string(_ s: String) { JSONString.append(s, to: &text) }

    mutating func number(_ d: Double?) {
        guard let d, d.isFinite else { text += "null"; return }
        text += d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
    }

    mutating func key(_ k: String) {
        string(k)
        text += ":"
    }

    /// `{"k": "v", …}` of string pairs.
    mutating func pairs(_ p: [(String, String)]) {
        text += "{"
        for (i, (k, v)) in p.enumerated() {
            if i > 0 { text += "," }
            key(k)
            string(v)
        }
        text += "}"
    }
}
