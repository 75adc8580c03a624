import Diagnostics
import Foundation

/// Inlines `<mj-include path="…"/>` (MJML includes) textually, before Liquid parsing, so Liquid in
/// partials works and partials are part of every permutation's source. Paths resolve against the
/// including file's folder and must stay under the project root. An included `<mjml>` document
/// contributes its content (its `<mjml>`/`<mj-body>` wrappers removed, `<mj-head>` kept).
///
/// Errors point at the `<mj-include` itself: the including file, and its line and column counted
/// from the start of that file (front matter included). Includes nest at most `maxDepth` deep and
/// add at most `maxExpandedBytes` in all (8 MiB by default, as MJML's includes) for one template
/// or block, each counting its size but at least `minimumCharge` (so at most 2,048 includes): a
/// fan-out of includes including includes stops there with one error naming the limit.
struct IncludeInliner {
    static let maxDepth = 10
    static let minimumCharge = 4_096
    let root: URL
    let diagnostics: DiagnosticSink
    private let budget: Budget

    /// Bytes still allowed, shared by every level of one inlining.
    private final class Budget {
        let limit: Int
        var used = 0
        var exceeded = false
        init(_ limit: Int) { self.limit = limit }
    }

    init(root: URL, diagnostics: DiagnosticSink, maxExpandedBytes: Int = CatalogLoader.defaultMaxIncludeBytes) {
        self.root = root
        self.diagnostics = diagnostics
        self.budget = Budget(maxExpandedBytes)
    }

    /// `text` is the body of `file`, starting on the file's line `firstLine` (after its front matter).
    func inline(_ text: String, file: URL, display: String, firstLine: Int = 1) -> String {
        inline(text[...], file: file, display: display, firstLine: firstLine, depth: 0)
    }

    /// `text` is a part of a string whose first character sits at `firstLine`, column 1.
    private func inline(_ text: Substring, file: URL, display: String, firstLine: Int, depth: Int) -> String {
        guard text.contains("<mj-include") else { return String(text) }
        var out = ""
        var rest = text
        var positions = SourcePosition(text.base, firstLine: firstLine)
        while let start = rest.range(of: "<mj-include") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: ">") else { out += rest[start.lowerBound...]; rest = ""; break }
            let tag = rest[start.lowerBound..<end.upperBound]
            let (line, column) = positions.advance(to: start.lowerBound)
            rest = rest[end.upperBound...]
            if let path = Self.attribute("path", in: tag) {
                if let type = Self.attribute("type", in: tag), type != "mjml" {
                    out += tag  // css/html includes are left to the MJML renderer
                    continue
                }
                out += include(path, from: file, display: display, at: (line, column), depth: depth)
                // The includer's text resumes after the tag (for errors: `SourceOrigins`).
                let (resumeLine, resumeColumn) = positions.advance(to: end.upperBound)
                out += SourceOrigins.marker(display, resumeLine, resumeColumn)
            } else {
                diagnostics.error(SourceLocation(file: display, line: line, column: column), "mj-include without a path attribute")
            }
        }
        out += rest
        return out
    }

    private func include(_ path: String, from file: URL, display: String, at place: (line: Int, column: Int), depth: Int) -> String {
        func fail(_ message: String) -> String {
            diagnostics.error(SourceLocation(file: display, line: place.line, column: place.column), message); return ""
        }
        if budget.exceeded { return "" }  // reported once, where the limit was crossed
        guard depth < Self.maxDepth else { return fail("mj-include nested deeper than \(Self.maxDepth) (a cycle?)") }
        var name = path
        if !name.hasSuffix(".mjml") { name += ".mjml" }
        let target = file.deletingLastPathComponent().appendingPathComponent(name).standardizedFileURL.resolvingSymlinksInPath()
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        guard !path.hasPrefix("/"), target.path.hasPrefix(rootPath + "/") else {
            return fail("mj-include path '\(path)' leaves the project folder")
        }
        guard let text = try? String(contentsOf: target, encoding: .utf8) else { return fail("mj-include: cannot read '\(path)'") }
        budget.used += max(text.utf8.count, Self.minimumCharge)
        guard budget.used <= budget.limit else {
            budget.exceeded = true
            return fail(
                "mj-include: includes expand to more than \(budget.limit) bytes (the include size limit); "
                    + "'\(path)' and the includes after it are left out")
        }
        let shown = String(target.path.dropFirst(rootPath.count + 1))
        let body = Self.unwrap(text)
        var start = SourcePosition(text, firstLine: 1)
        let (line, column) = start.advance(to: body.startIndex)
        return SourceOrigins.marker(shown, line, column) + inline(body, file: target, display: shown, firstLine: 1, depth: depth + 1)
    }

    /// Strips `<mjml>` and `<mj-body>` wrappers of an included whole document. The result is a
    /// slice of `text`, so positions in it are still counted from the file's start.
    static func unwrap(_ text: String) -> Substring {
        var t = trimmed(text[...])
        for tag in ["mjml", "mj-body"] {
            if t.hasPrefix("<\(tag)"), let open = t.range(of: ">"), t.hasSuffix("</\(tag)>") {
                t = trimmed(t[open.upperBound..<t.index(t.endIndex, offsetBy: -(tag.count + 3))])
            }
        }
        return t
    }

    private static func trimmed(_ s: Substring) -> Substring {
        let head = s.drop { $0.isWhitespace }
        var end = head.endIndex
        while end > head.startIndex, head[head.index(before: end)].isWhitespace { end = head.index(before: end) }
        return head[..<end]
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        for quote in ["\"", "'"] {
            if let r = tag.range(of: " \(name)=\(quote)") ?? tag.range(of: "\n\(name)=\(quote)"),
                let close = tag[r.upperBound...].range(of: quote)
            {
                return String(tag[r.upperBound..<close.lowerBound])
            }
        }
        return nil
    }
}

/// Line and column (in Unicode scalars) of positions met in increasing order in one string:
/// each step counts only the characters since the previous one, so many includes cost one pass.
struct SourcePosition {
    private let text: String
    private var index: String.Index
    private var line: Int
    private var column = 1

    init(_ text: String, firstLine: Int) {
        self.text = text
        self.index = text.startIndex
        self.line = firstLine
    }

    mutating func advance(to target: String.Index) -> (line: Int, column: Int) {
        for scalar in text.unicodeScalars[index..<target] {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        index = target
        return (line, column)
    }
}

/// MJML reads only the first `<mj-head>` of a document, so after inlining a partial that brings
/// its own head (brand fonts, attributes), the heads are merged into one, at the first's place.
enum HeadMerger {
    static func merge(_ source: String) -> String {
        var contents: [String] = []
        var rest = Substring(source)
        var out = ""
        var firstAt: String.Index?
        // Moved text takes a marker of where it was written, and so does the text after a cut.
        func marked(_ i: String.Index) -> String {
            SourceOrigins.position(of: i, in: source).map { SourceOrigins.marker($0.file, $0.line, $0.column) } ?? ""
        }
        while let open = rest.range(of: "<mj-head>"), let close = rest[open.upperBound...].range(of: "</mj-head>") {
            out += rest[..<open.lowerBound]
            if firstAt == nil { firstAt = out.endIndex; out += "\u{0}" }
            contents.append(marked(open.upperBound) + rest[open.upperBound..<close.lowerBound])
            rest = rest[close.upperBound...]
            out += marked(close.upperBound)
        }
        guard contents.count > 1 else { return source }
        out += rest
        return out.replacingOccurrences(of: "\u{0}", with: "<mj-head>" + contents.joined() + "</mj-head>")
    }
}
