import Foundation

/// Inlines `<mj-include path="…"/>` (MJML includes) textually, before Liquid parsing, so Liquid in
/// partials works and partials are part of every permutation's source. Paths resolve against the
/// including file's folder and must stay under the project root. An included `<mjml>` document
/// contributes its content (its `<mjml>`/`<mj-body>` wrappers removed, `<mj-head>` kept).
struct IncludeInliner {
    let root: URL
    let diagnostics: DiagnosticList

    func inline(_ text: String, file: URL, display: String, depth: Int = 0) -> String {
        guard text.contains("<mj-include") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "<mj-include") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: ">") else { out += rest[start.lowerBound...]; rest = ""; break }
            let tag = rest[start.lowerBound..<end.upperBound]
            let line = text[..<start.lowerBound].filter { $0 == "\n" }.count + 1
            rest = rest[end.upperBound...]
            if let path = Self.attribute("path", in: tag) {
                if let type = Self.attribute("type", in: tag), type != "mjml" {
                    out += tag  // css/html includes are left to the MJML renderer
                    continue
                }
                out += include(path, from: file, display: display, line: line, depth: depth)
            } else {
                diagnostics.error(display, line, 1, "mj-include without a path attribute")
            }
        }
        out += rest
        return out
    }

    private func include(_ path: String, from file: URL, display: String, line: Int, depth: Int) -> String {
        guard depth < 10 else { diagnostics.error(display, line, 1, "mj-include nested deeper than 10 (a cycle?)"); return "" }
        var name = path
        if !name.hasSuffix(".mjml") { name += ".mjml" }
        let target = file.deletingLastPathComponent().appendingPathComponent(name).standardizedFileURL.resolvingSymlinksInPath()
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        guard !path.hasPrefix("/"), target.path.hasPrefix(rootPath + "/") else {
            diagnostics.error(display, line, 1, "mj-include path '\(path)' leaves the project folder"); return ""
        }
        guard let text = try? String(contentsOf: target, encoding: .utf8) else {
            diagnostics.error(display, line, 1, "mj-include: cannot read '\(path)'"); return ""
        }
        let shown = String(target.path.dropFirst(rootPath.count + 1))
        return inline(Self.unwrap(text), file: target, display: shown, depth: depth + 1)
    }

    /// Strips `<mjml>` and `<mj-body>` wrappers of an included whole document.
    static func unwrap(_ text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for tag in ["mjml", "mj-body"] {
            if t.hasPrefix("<\(tag)"), let open = t.range(of: ">"), t.hasSuffix("</\(tag)>") {
                t = String(t[open.upperBound..<t.index(t.endIndex, offsetBy: -(tag.count + 3))])
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return t
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        for quote in ["\"", "'"] {
            if let r = tag.range(of: " \(name)=\(quote)") ?? tag.range(of: "\n\(name)=\(quote)"),
               let close = tag[r.upperBound...].range(of: quote) {
                return String(tag[r.upperBound..<close.lowerBound])
            }
        }
        return nil
    }
}

/// MJML reads only the first `<mj-head>` of a document, so after inlining a partial that brings
/// its own head (brand fonts, attributes), the heads are merged into one, at the first's place.
enum HeadMerger {
    static func merge(_ source: String) -> String {
        var contents: [Substring] = []
        var rest = Substring(source)
        var out = ""
        var firstAt: String.Index?
        while let open = rest.range(of: "<mj-head>"), let close = rest[open.upperBound...].range(of: "</mj-head>") {
            out += rest[..<open.lowerBound]
            if firstAt == nil { firstAt = out.endIndex; out += "\u{0}" }
            contents.append(rest[open.upperBound..<close.lowerBound])
            rest = rest[close.upperBound...]
        }
        guard contents.count > 1 else { return source }
        out += rest
        return out.replacingOccurrences(of: "\u{0}", with: "<mj-head>" + contents.joined() + "</mj-head>")
    }
}
