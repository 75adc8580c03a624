import BrandContext
import Diagnostics
import Yams

/// Reads one YAML mapping of front matter with locations: unknown keys (with did-you-mean),
/// wrong types and missing required keys are reported, and reading goes on.
struct FieldReader {
    let file: String
    let node: Node
    let mapping: Node.Mapping
    let diagnostics: DiagnosticList

    /// Nil (with a diagnostic) when `node` is not a mapping.
    init?(file: String, node: Node, what: String, allowed: [String], diagnostics: DiagnosticList) {
        self.file = file
        self.node = node
        self.diagnostics = diagnostics
        guard let m = node.mapping else {
            diagnostics.error(file, node.mark?.line ?? 1, node.mark?.column ?? 1, "\(what) must be a mapping of keys to values")
            return nil
        }
        mapping = m
        for (key, _) in m {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                error(key, "unknown key '\(name)' in \(what)\(Suggest.hint(for: name, in: allowed))")
            }
        }
    }

    func error(_ node: Node?, _ message: String) {
        let n = node ?? self.node
        diagnostics.error(file, n.mark?.line ?? 1, n.mark?.column ?? 1, message)
    }

    func value(_ key: String, required: Bool = false) -> Node? {
        for (k, v) in mapping where k.string == key { return v }
        if required { error(node, "missing required key '\(key)'") }
        return nil
    }

    func keyNode(_ key: String) -> Node? {
        for (k, _) in mapping where k.string == key { return k }
        return nil
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let v = value(key, required: required) else { return nil }
        return string(v, key)
    }

    func string(_ v: Node, _ what: String) -> String? {
        guard case .scalar(let s) = v else { error(v, "'\(what)' must be a string"); return nil }
        return s.string
    }

    func int(_ key: String, range: ClosedRange<Int>) -> Int? {
        guard let v = value(key) else { return nil }
        guard case .scalar(let s) = v, let i = Int(s.string.trimmingCharacters(in: .whitespaces)) else {
            error(v, "'\(key)' must be a whole number"); return nil
        }
        guard range.contains(i) else { error(v, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), got \(i)"); return nil }
        return i
    }

    func number(_ key: String, range: ClosedRange<Double>) -> Double? {
        guard let v = value(key) else { return nil }
        guard case .scalar(let s) = v, let d = Double(s.string.trimmingCharacters(in: .whitespaces)) else {
            error(v, "'\(key)' must be a number"); return nil
        }
        guard range.contains(d) else { error(v, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), got \(s.string)"); return nil }
        return d
    }

    /// A list of strings; a single string is accepted as a one-item list.
    func strings(_ key: String) -> [String]? {
        guard let v = value(key) else { return nil }
        switch v {
        case .scalar(let s): return [s.string]
        case .sequence(let seq):
            return seq.compactMap { item in string(item, "an item of '\(key)'") }
        default:
            error(v, "'\(key)' must be a list of strings"); return nil
        }
    }

    func mappingReader(_ v: Node, what: String, allowed: [String]) -> FieldReader? {
        FieldReader(file: file, node: v, what: what, allowed: allowed, diagnostics: diagnostics)
    }
}

extension Node {
    var line: Int { mark?.line ?? 1 }
    var column: Int { mark?.column ?? 1 }
}
