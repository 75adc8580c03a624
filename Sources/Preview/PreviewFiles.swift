import Foundation

/// Writes a preview folder: `index.html`, `p/ID.html` per permutation, `manifest.json`.
package enum PreviewFiles {
    /// `thumbnails`: permutation id → PNG path relative to the folder (from `--screenshots`).
    package static func write(_ r: PreviewResult, to folder: URL, thumbnails: [String: String] = [:]) throws {
        let perms = folder.appendingPathComponent("p")
        do {
            try FileManager.default.createDirectory(at: perms, withIntermediateDirectories: true)
        } catch {
            throw PreviewError.cannotCreateFolder(path: perms.path, reason: error.localizedDescription)
        }
        for p in r.permutations {
            try save(permutationFile(p), perms.appendingPathComponent("\(p.id).html"))
        }
        try save(Page.html(r, thumbnails: thumbnails), folder.appendingPathComponent("index.html"))
        try save(Manifest.json(r), folder.appendingPathComponent(Manifest.fileName))
    }

    /// The permutation's message as the representative received it (or why it could not render).
    static func permutationFile(_ p: PermutationPreview) -> String {
        if !p.html.isEmpty { return p.html }
        return
            "<!doctype html><meta charset=\"utf-8\"><title>\(HTML.escape(p.id))</title><body style=\"font-family:sans-serif;padding:24px\"><h1>\(HTML.escape(p.id))</h1><p>\(HTML.escape(p.blocks.joined(separator: ", ")))</p><p>Not rendered: \(HTML.escape(p.renderStatus))</p></body>"
    }

    static func save(_ text: String, _ url: URL) throws {
        do { try Data(text.utf8).write(to: url) } catch {
            throw PreviewError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }
}
