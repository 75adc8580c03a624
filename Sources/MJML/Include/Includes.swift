import Foundation

/// `<mj-include path="…" [type="css|html"] [css-inline="inline"]>`: replaced by the file's
/// content. Paths resolve under the root the caller gives and may not escape it (`..`,
/// absolute paths or symlinks leading outside are rejected with an error).
///
/// Includes can multiply: ten includes a level over ten levels would read ten billion files.
/// So the expansion has a budget of bytes over all includes of one document
/// (`MJMLParseOptions.maxIncludeBytes`), each include counting its file's size but at least
/// `minimumCharge` (so a fan-out of tiny files is bounded too: 8 MiB allows 2,048 includes);
/// past it, the include that would exceed it and every later one are left out, with one error
/// naming the limit.
enum Includes {
    static let maxDepth = 10
    static let minimumCharge = 4_096

    /// What one document's expansion shares across its recursion.
    struct Expansion {
        let rootURL: URL
        /// Name diagnostics use for the main input.
        let mainFile: String?
        let maxBytes: Int
        var bytesRead = 0
        var overBudget = false
        var headExtras: [MJMLNode] = []
        var diagnostics: [MJMLDiagnostic] = []
        /// Files already read, by resolved path: a partial included many times is read once.
        var files: [String: Data] = [:]

        mutating func contents(of path: String) -> Data? {
            if let hit = files[path] { return hit }
            let data = FileManager.default.contents(atPath: path)
            files[path] = data
            return data
        }
    }

    static func expand(
        _ node: inout MJMLNode, root: String, maxBytes: Int, mainFile: String?,
        diagnostics: inout [MJMLDiagnostic]
    ) {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        var run = Expansion(rootURL: rootURL, mainFile: mainFile, maxBytes: maxBytes)
        expand(&node, depth: 1, base: rootURL, chain: [], &run)
        diagnostics += run.diagnostics
        // Head content of included full documents joins the main head (as in MJML).
        if !run.headExtras.isEmpty {
            if let h = node.children.firstIndex(where: { $0.tag == "mj-head" }) {
                node.children[h].children += run.headExtras
            } else {
                var head = MJMLNode(kind: .element, tag: "mj-head", line: node.line, column: node.column)
                head.children = run.headExtras
                node.children.insert(head, at: 0)
            }
        }
    }

    private static func expand(_ node: inout MJMLNode, depth: Int, base: URL, chain: [String], _ run: inout Expansion) {
        guard node.isElement, !Components.isEnding(node.tag) else { return }
        var children: [MJMLNode] = []
        for var child in node.children {
            guard child.tag == "mj-include" else {
                expand(&child, depth: depth + 1, base: base, chain: chain, &run)
                children.append(child)
                continue
            }
            children += resolve(child, parentTag: node.tag, depth: depth, base: base, chain: chain, &run)
        }
        node.children = children
    }

    private static func resolve(
        _ include: MJMLNode, parentTag: String, depth: Int, base: URL, chain: [String],
        _ run: inout Expansion
    ) -> [MJMLNode] {
        // Once over budget, later includes are dropped without reading (the error was given).
        if run.overBudget { return [] }
        guard let (url, type, data) = read(include, base: base, chain: chain, &run) else { return [] }
        switch type {
        case "css":
            var style = MJMLNode(kind: .element, tag: "mj-style", line: include.line, column: include.column)
            style.content = String(decoding: data, as: UTF8.self)
            if include.attribute("css-inline") == "inline" { style.attributes.append(("inline", "inline")) }
            return [style]
        case "html":
            var raw = MJMLNode(kind: .element, tag: "mj-raw", line: include.line, column: include.column)
            raw.content = String(decoding: data, as: UTF8.self)
            return [raw]
        default:
            return included(data, from: url, at: include, parentTag: parentTag, depth: depth, chain: chain, &run)
        }
    }

    /// The included file's URL, type and bytes, once it passed its checks: a path, under the
    /// include root, not recursive, readable, within the byte budget. Nil, with an error, otherwise.
    private static func read(_ include: MJMLNode, base: URL, chain: [String], _ run: inout Expansion) -> (URL, String, Data)? {
        let rootURL = run.rootURL
        func fail(_ message: String) -> (URL, String, Data)? {
            run.diagnostics.append(
                MJMLDiagnostic(
                    severity: .error, line: include.line, column: include.column,
                    message: message, file: chain.last ?? run.mainFile))
            return nil
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
        guard let data = run.contents(of: url.path) else {
            return fail("cannot read included file '\(path)' (expected a file under \(rootURL.path))")
        }
        run.bytesRead += max(data.count, minimumCharge)
        guard run.bytesRead <= run.maxBytes else {
            run.overBudget = true
            return fail(
                "includes expand to more than \(run.maxBytes) bytes (the limit MJMLParseOptions.maxIncludeBytes); "
                    + "'\(path)' and the includes after it are left out")
        }
        return (url, type, data)
    }

    /// An included MJML file's nodes for the include's parent: a whole document gives its
    /// body's children (its head's go to the main head) or, below `mj-head`, its head's; a
    /// fragment gives its top-level nodes. Its own includes are expanded below it.
    private static func included(
        _ data: Data, from url: URL, at include: MJMLNode, parentTag: String, depth: Int, chain: [String],
        _ run: inout Expansion
    ) -> [MJMLNode] {
        // The included tree hangs below the include: it gets only the remaining depth.
        var parser = Parser(bytes: Array(data), file: url.path, maxDepth: Parser.maxDepth - depth)
        let top = parser.parse()
        run.diagnostics += parser.diagnostics
        var nodes: [MJMLNode]
        if let mjml = top.children.first(where: { $0.tag == "mjml" }) {
            let section = parentTag == "mj-head" ? "mj-head" : "mj-body"
            nodes = mjml.children.first { $0.tag == section }?.children ?? []
            if parentTag != "mj-head", let head = mjml.children.first(where: { $0.tag == "mj-head" }) {
                run.headExtras += head.children
            }
        } else {
            nodes = top.children
        }
        var wrapper = MJMLNode(kind: .element, tag: parentTag, line: include.line, column: include.column)
        wrapper.children = nodes
        expand(&wrapper, depth: depth, base: url.deletingLastPathComponent(), chain: chain + [url.path], &run)
        return wrapper.children
    }
}
