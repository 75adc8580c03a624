import Foundation
import Yams

/// One YAML file composed into Yams nodes, which keep line/column marks for every value.
package struct YAMLSource {
    package let displayPath: String
    package let sink: DiagnosticSink
    /// Whether `key:` (nothing), `~` and `null` read as the text written ("", "~", "null") where a
    /// string is expected. Catalog front matter has always read them so (an empty `preheader:` is
    /// an empty preheader); brand files call them missing values.
    package var readsNullAsText = false

    package init(displayPath: String, sink: DiagnosticSink) {
        self.displayPath = displayPath
        self.sink = sink
    }

    package func location(_ node: Node?) -> SourceLocation {
        let mark = node?.mark
        return SourceLocation(file: displayPath, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    package var start: SourceLocation { SourceLocation(file: displayPath, line: 1, column: 1) }

    /// Reads and composes the file; malformed YAML becomes a located diagnostic, never a crash.
    package static func compose(url: URL, displayPath: String, sink: DiagnosticSink) -> (YAMLSource, Node?) {
        let source = YAMLSource(displayPath: displayPath, sink: sink)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            sink.error(source.start, "cannot read file")
            return (source, nil)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            sink.error(source.start, "file is not valid UTF-8")
            return (source, nil)
        }
        return compose(text: text, displayPath: displayPath, sink: sink)
    }

    /// Composes YAML given as text (an editor's unsaved buffer), reporting as `displayPath`.
    package static func compose(text: String, displayPath: String, sink: DiagnosticSink) -> (YAMLSource, Node?) {
        let source = YAMLSource(displayPath: displayPath, sink: sink)
        do {
            // `.basic`: every scalar stays a string; the loaders parse numbers, booleans and dates
            // themselves (and the default resolver's regexes cost more than the parse).
            return (source, try Yams.compose(yaml: text, .basic))
        } catch let error as YamlError {
            let (mark, message) = describe(error)
            sink.error(SourceLocation(file: displayPath, line: mark.line, column: mark.column), message)
        } catch {
            sink.error(source.start, "malformed YAML: \(error)")
        }
        return (source, nil)
    }

    private static func describe(_ error: YamlError) -> ((line: Int, column: Int), String) {
        func phrase(_ context: YamlError.Context?, _ problem: String) -> String {
            let where_ = context.map { " (\($0.text) at \($0.mark))" } ?? ""
            return "malformed YAML: \(problem)\(where_)"
        }
        switch error {
        case let .scanner(context, problem, mark, _),
            let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            return ((mark.line, mark.column), phrase(context, problem))
        case let .reader(problem, offset, _, yaml):
            let prefix = yaml.utf8.prefix(offset ?? 0)
            let line = prefix.filter { $0 == 10 }.count + 1
            let column =
                (String(decoding: prefix, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).last?.unicodeScalars.count ?? 0) + 1
            return ((line, column), "malformed YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ((context.mark.line, context.mark.column), "duplicate key \(keys) in one mapping: each key may appear once")
        default:
            return ((1, 1), "malformed YAML: \(error)")
        }
    }
}

extension Node {
    package static let nullSpellings: Set<String> = ["", "~", "null", "Null", "NULL"]

    /// "a mapping", "a list", "a string", "null": for "expected X, found Y" messages.
    package var kindName: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let s):
            if s.style == .plain && Node.nullSpellings.contains(s.string) { return "nothing (null)" }
            return "'\(s.string)'"
        }
    }

    /// The scalar's text when it is a non-null scalar.
    package var scalarText: String? {
        guard case .scalar(let s) = self else { return nil }
        if s.style == .plain && Node.nullSpellings.contains(s.string) { return nil }
        return s.string
    }
}
