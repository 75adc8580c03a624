import Foundation

/// What an open document is to Tessera, from its path in the project.
package enum DocumentKind: Sendable, Equatable {
    /// `templates/NAME.mjml`
    case template
    /// `templates/FOLDER/NAME.mjml`, included with `mj-include`.
    case partial
    /// `blocks/NAME.mjml`
    case block
    /// `brand/brand.yaml`, `brand/claims.yaml` or `brand/guardrails.yaml` (the name without the folder).
    case brand(String)
    /// Anything else: no diagnostics, no features.
    case other

    /// The kind of a project-relative path.
    package init(path: String) {
        let parts = path.split(separator: "/").map(String.init)
        switch (parts.first, parts.count) {
        case ("templates", 2) where path.hasSuffix(".mjml"): self = .template
        case ("templates", let n) where n > 2 && path.hasSuffix(".mjml"): self = .partial
        case ("blocks", 2) where path.hasSuffix(".mjml"): self = .block
        case ("brand", 2) where path.hasSuffix(".yaml"): self = .brand(parts[1])
        default: self = .other
        }
    }

    var isContent: Bool { self == .template || self == .partial || self == .block }
}

/// One document the editor has open: its unsaved text is what is linted and answered about.
package struct OpenDocument: Sendable {
    package let uri: String
    /// Relative to the project root (`blocks/hero.mjml`); nil outside the project.
    package let path: String?
    package let kind: DocumentKind
    package private(set) var text: String
    package private(set) var version: Int
    package private(set) var lines: LineIndex

    package init(uri: String, path: String?, text: String, version: Int) {
        self.uri = uri
        self.path = path
        kind = path.map(DocumentKind.init(path:)) ?? .other
        self.text = text
        self.version = version
        lines = LineIndex(text)
    }

    /// Full-document sync: the new text replaces the old.
    mutating func replace(_ text: String, version: Int) {
        self.text = text
        self.version = version
        lines = LineIndex(text)
    }
}

/// `file://` URIs and project-relative paths.
package enum DocumentURI {
    /// The file system path of a `file://` URI (percent-decoded), nil for other schemes.
    package static func path(_ uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        var rest = String(uri.dropFirst("file://".count))
        if !rest.hasPrefix("/"), let slash = rest.firstIndex(of: "/") { rest = String(rest[slash...]) }  // file://host/path
        return rest.removingPercentEncoding
    }

    /// The `file://` URI of a file system path.
    package static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return "file://" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path)
    }

    /// `uri` relative to `root` when it names a file inside it (symbolic links resolved on both).
    package static func relative(_ uri: String, to root: URL) -> String? {
        guard let path = path(uri) else { return nil }
        let base = root.standardizedFileURL.resolvingSymlinksInPath().path
        let resolvedFile = URL(fileURLWithPath: path).standardizedFileURL
        // A new file does not exist yet: resolve its folder, keep its name.
        let folder = resolvedFile.deletingLastPathComponent().resolvingSymlinksInPath().path
        let file = folder + "/" + resolvedFile.lastPathComponent
        guard file.hasPrefix(base + "/") else { return nil }
        return String(file.dropFirst(base.count + 1))
    }
}
