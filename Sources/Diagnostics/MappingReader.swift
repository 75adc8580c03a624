import Foundation
import Yams

/// Reads one YAML mapping with the keys a format allows, reporting every problem with its place:
/// unknown keys (with a did-you-mean), missing required keys, values of the wrong type.
package struct MappingReader {
    package let source: YAMLSource
    package let node: Node
    /// What this mapping is, for messages: "claim 'x'", "palette entry".
    package let what: String
    private let entries: [(key: String, keyNode: Node, value: Node)]
    /// The keys, in `entries` order: mappings are small, so a linear search beats hashing.
    private let names: [String]

    /// Nil (with a diagnostic) when `node` is not a mapping.
    package init?(_ node: Node, in source: YAMLSource, what: String, allowed: [String]) {
        guard case .mapping(let mapping) = node else {
            source.sink.error(source.location(node), "expected \(what) to be a mapping, found \(node.kindName)")
            return nil
        }
        self.source = source
        self.node = node
        self.what = what
        var entries: [(String, Node, Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalarText else {
                source.sink.error(source.location(key), "expected a key name in \(what), found \(key.kindName)")
                continue
            }
            if !allowed.contains(name) {
                // A likely typo gets the one suggestion; anything else gets the full list.
                let hint = Suggest.hint(for: name, in: allowed)
                source.sink.error(
                    source.location(key),
                    "unknown key '\(name)' in \(what)"
                        + (hint.isEmpty ? ": expected one of \(allowed.joined(separator: ", "))" : hint))
                continue
            }
            entries.append((name, key, value))
        }
        self.entries = entries
        self.names = entries.map(\.0)
    }

    package var sink: DiagnosticSink { source.sink }
    package var location: SourceLocation { source.location(node) }
    package var keys: [String] { names }

    package func has(_ key: String) -> Bool { names.contains(key) }

    /// The value node, or nil; reports a missing required key at the mapping.
    package func value(_ key: String, required: Bool = false) -> Node? {
        if let i = names.firstIndex(of: key) { return entries[i].value }
        if required { sink.error(location, "missing required key '\(key)' in \(what)") }
        return nil
    }

    package func keyLocation(_ key: String) -> SourceLocation {
        source.location(names.firstIndex(of: key).map { entries[$0].keyNode } ?? node)
    }

    package func valueLocation(_ key: String) -> SourceLocation {
        source.location(value(key) ?? node)
    }

    /// Reports a problem at `node` (a value read from this mapping), or at the mapping itself.
    package func error(_ node: Node?, _ message: String) {
        sink.error(source.location(node ?? self.node), message)
    }

    // MARK: typed values

    package func string(_ key: String, required: Bool = false) -> String? {
        guard let node = value(key, required: required) else { return nil }
        return source.string(node, "'\(key)' in \(what)")
    }

    package func int(_ key: String, required: Bool = false, range: ClosedRange<Int>? = nil) -> Int? {
        guard let node = value(key, required: required) else { return nil }
        return source.int(node, "'\(key)' in \(what)", range: range)
    }

    package func number(_ key: String, required: Bool = false, range: ClosedRange<Double>? = nil) -> Double? {
        guard let node = value(key, required: required) else { return nil }
        return source.number(node, "'\(key)' in \(what)", range: range)
    }

    package func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let node = value(key, required: required) else { return nil }
        return source.bool(node, "'\(key)' in \(what)")
    }

    /// A list of strings, each with its node (for located cross-reference errors).
    package func strings(_ key: String, required: Bool = false) -> [(String, Node)]? {
        guard let node = value(key, required: required) else { return nil }
        return source.strings(node, "'\(key)' in \(what)")
    }

    /// A list of strings, or one string read as a one-item list (`tags: hero`).
    package func stringOrList(_ key: String) -> [String]? {
        guard let node = value(key) else { return nil }
        if case .scalar = node { return source.string(node, "'\(key)' in \(what)").map { [$0] } }
        return source.strings(node, "'\(key)' in \(what)")?.map(\.0)
    }

    package func list(_ key: String, required: Bool = false) -> [Node]? {
        guard let node = value(key, required: required) else { return nil }
        return source.list(node, "'\(key)' in \(what)")
    }

    package func mapping(_ key: String, required: Bool = false, what: String, allowed: [String]) -> MappingReader? {
        guard let node = value(key, required: required) else { return nil }
        return MappingReader(node, in: source, what: what, allowed: allowed)
    }

    /// The `field` of each item of list `key`, with the place of that value (for duplicate and
    /// reference checks that must point at the item, reading nothing twice).
    package func idsWithPlaces(_ key: String, _ field: String) -> [(id: String, location: SourceLocation)] {
        guard case .sequence(let items)? = value(key) else { return [] }
        return items.compactMap { item in
            guard case .mapping(let mapping) = item else { return nil }
            for (k, v) in mapping where k.scalarText == field {
                return v.scalarText.map { ($0, source.location(v)) }
            }
            return nil
        }
    }

    /// A mapping of free-form keys to strings (e.g. locale -> text), in file order.
    package func stringMap(_ key: String) -> [(key: String, keyNode: Node, value: String)]? {
        guard let node = value(key) else { return nil }
        return source.stringMap(node, "'\(key)' in \(what)")
    }
}

extension YAMLSource {
    /// A mapping's scalar value by key, without building a key node (Yams' subscript does).
    package static func scalar(named key: String, in node: Node) -> String? {
        guard case .mapping(let mapping) = node else { return nil }
        for (k, v) in mapping where k.scalarText == key { return v.scalarText }
        return nil
    }

    package func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node, let text = readsNullAsText ? scalar.string : node.scalarText else {
            sink.error(location(node), "expected a string for \(what), found \(node.kindName)")
            return nil
        }
        return text
    }

    package func int(_ node: Node, _ what: String, range: ClosedRange<Int>? = nil) -> Int? {
        number(node, what, "a whole number", range: range) { Int($0) }
    }

    package func number(_ node: Node, _ what: String, range: ClosedRange<Double>? = nil) -> Double? {
        number(node, what, "a number", range: range) { Double($0) }
    }

    /// Spaces inside quotes (`priority: ' 5'`) are forgiven; a value out of `range` is quoted as written.
    private func number<N: Comparable>(
        _ node: Node, _ what: String, _ kind: String, range: ClosedRange<N>?,
        _ parse: (String) -> N?
    ) -> N? {
        guard let text = node.scalarText?.trimmingCharacters(in: .whitespaces), let n = parse(text) else {
            sink.error(location(node), "expected \(kind) for \(what), found \(node.kindName)")
            return nil
        }
        if let range, !range.contains(n) {
            sink.error(location(node), "expected \(what) between \(range.lowerBound) and \(range.upperBound), found \(text)")
            return nil
        }
        return n
    }

    package func bool(_ node: Node, _ what: String) -> Bool? {
        switch node.scalarText {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            sink.error(location(node), "expected true or false for \(what), found \(node.kindName)")
            return nil
        }
    }

    package func list(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let seq) = node else {
            sink.error(location(node), "expected a list for \(what), found \(node.kindName)")
            return nil
        }
        return Array(seq)
    }

    package func strings(_ node: Node, _ what: String) -> [(String, Node)]? {
        guard let items = list(node, what) else { return nil }
        return items.compactMap { item in string(item, "an item of \(what)").map { ($0, item) } }
    }

    package func stringMap(_ node: Node, _ what: String) -> [(key: String, keyNode: Node, value: String)]? {
        guard case .mapping(let mapping) = node else {
            sink.error(location(node), "expected a mapping for \(what), found \(node.kindName)")
            return nil
        }
        return mapping.compactMap { key, value in
            guard let name = string(key, "a key of \(what)"),
                let text = string(value, "'\(name)' in \(what)")
            else { return nil }
            return (name, key, text)
        }
    }

    /// Reads each list item as a mapping; nil items (already reported) are skipped.
    /// Messages name an item by its `id` when it has one ("claim 'x'"), else by position.
    package func records(_ nodes: [Node]?, what: (Int) -> String, allowed: [String]) -> [MappingReader] {
        (nodes ?? []).enumerated().compactMap { i, node in
            var name = what(i + 1)
            if let id = Self.scalar(named: "id", in: node), let hash = name.firstIndex(of: "#") {
                name = name[..<hash] + "'\(id)'"
            }
            return MappingReader(node, in: self, what: name, allowed: allowed)
        }
    }
}
