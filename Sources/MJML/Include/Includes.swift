import Foundation

/// `<mj-include path="…" [type="css|html"] [css-inline="inline"]>`: replaced by the file's
/// content. Paths resolve under the root the caller gives and may not escape it (`..`,
/// absolute paths or symlinks leading outside are rejected with an error).
enum Includes {
    static let maxDepth = 10

    static func expand(_ node: inout MJMLNode, root: String, diagnostics: inout [MJMLDiagnostic]) {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        var headExtras: [MJMLNode] = []
        expand(&node, rootURL: rootURL, base: rootURL, chain: [], headExtras: &headExtras, diagnostics: &diagnostics)
        // Head content of included full documents joins the main head (as in MJML).
        if !headExtras.isEmpty {
            if let h = node.children.firstIndex(where: { $0.tag == "mj-head" }) {
                node.children[h].children += headExtras
            } else {
                var head = MJMLNode(kind: .element, tag: "mj-head", line: node.line, column: node.column)
                head.children = headExtras
                node.children.insert(head, at: 0)
            }
        }
    }

    private static func expand(_ node: inout MJMLNode, rootURL: URL, base: URL, chain: [String],
                               headExtras: inout [MJMLNode], diagnostics: inout [MJMLDiagnostic]) {
        guard node.isElement, !EndingTags.isEnding(node.tag) else { return }
        var children: [MJMLNode] = []
        for var child in node.children {
            guard child.tag == "mj-include" else {
                expand(&child, rootURL: rootURL, base: base, chain: chain, headExtras: &headExtras, diagnostics: &diagnostics)
                children.append(child)
                continue
            }
            children += resolve(child, parentTag: node.tag, rootURL: rootURL, base: base, chain: chain,
                                headExtras: &headExtras, diagnostics: &diagnostics)
        }
        node.children = children
    }

    private static func resolve(_ include: MJMLNode, parentTag: String, rootURL: URL, base: URL, chain: [String],
                                headExtras: inout [MJMLNode], diagnostics: inout [MJMLDiagnostic]) -> [MJMLNode] {
        func fail(_ message: String) -> [MJMLNode] {
            diagnostics.append(MJMLDiagnostic(severity: .error, line: include.line, column: include.column,
                                              message: message, file: chain.last))
            return []
        }
        guard let path = include.attribute("path"), !path.isEmpty else { return fail("<mj-include> needs a path attribute") }
        var url = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path))
            .standardizedFileURL.resolvingSymlinksInPath()
        let type = include.attribute("type") ?? "mjml"
        if type == "mjml", url.pathExtension.isEmpty { url.appendPathExtension("mjml") }
        let rootPath = rootURL.path.hasSuffix("/") ? rootURL.path : rootURL.path + "/"
        guard url.path.hasPrefix(rootPath) else {
            return fail("include path '\(path)' resolves outside the include root \(rootURL.path); refused")
        }
        guard chain.count < maxDepth, !chain.contains(url.path) else {
            return fail("include '\(path)' is recursive (or nested deeper than \(maxDepth))")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return fail("cannot read included file '\(path)' (expected a file under \(rootURL.path))")
        }
        let text = String(decoding: data, as: UTF8.self)
        switch type {
        case "css":
            var style = MJMLNode(kind: .element, tag: "mj-style", line: include.line, column: include.column)
            style.content = text
            if include.attribute("css-inline") == "inline" { style.attributes.append(("inline", "inline")) }
            return [style]
        case "html":
            var raw = MJMLNode(kind: .element, tag: "mj-raw", line: include.line, column: include.column)
            raw.content = text
            return [raw]
        default:
            var parser = Parser(bytes: Array(data), file: url.path)
            let top = parser.parse()
            diagnostics += parser.diagnostics
            var nodes: [MJMLNode]
            if let mjml = top.children.first(where: { $0.tag == "mjml" }) {
                let section = parentTag == "mj-head" ? "mj-head" : "mj-body"
                nodes = mjml.children.first { $0.tag == section }?.children ?? []
                if parentTag != "mj-head", let head = mjml.children.first(where: { $0.tag == "mj-head" }) {
                    headExtras += head.children
                }
            } else {
                nodes = top.children
            }
            var wrapper = MJMLNode(kind: .element, tag: parentTag, line: include.line, column: include.column)
            wrapper.children = nodes
            expand(&wrapper, rootURL: rootURL, base: url.deletingLastPathComponent(), chain: chain + [url.path],
                   headExtras: &headExtras, diagnostics: &diagnostics)
            return wrapper.children
        }
    }
}
