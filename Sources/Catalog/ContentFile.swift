import Diagnostics
import Foundation
import Liquid

/// One template or block file being read: its front matter (through `reader`), where it is, and
/// what compiling its body needs. `TemplateReader` and `BlockReader` read what differs.
struct ContentFile {
    let reader: MappingReader
    let fm: FrontMatter
    let url: URL
    /// The project-relative path messages name: `blocks/hero.mjml`.
    let display: String
    let env: Environment
    /// The project folder, where `mj-include` paths resolve.
    let root: URL
    let maxIncludeBytes: Int

    var diagnostics: DiagnosticSink { reader.sink }

    /// The required `id`, which must be the file's name (less `.mjml`) so a path finds its id.
    func id() -> String? {
        let id = reader.string("id", required: true)
        let stem = url.deletingPathExtension().lastPathComponent
        if let id, id != stem { reader.error(reader.value("id"), "id '\(id)' does not match the file name '\(stem).mjml'") }
        return id
    }

    /// The body with its includes inlined, marked with where each piece comes from (`SourceOrigins`).
    func markedBody() -> String {
        let inliner = IncludeInliner(root: root, diagnostics: diagnostics, maxExpandedBytes: maxIncludeBytes)
        return SourceOrigins.marker(display, fm.bodyLine, 1) + inliner.inline(fm.body, file: url, display: display, firstLine: fm.bodyLine)
    }
}

extension FileReader {
    /// A file's front matter read as a `what` ("template", "block") with the keys it allows;
    /// `text` when given (a proposed file, not on disk), else the file at `url`.
    func content(
        _ url: URL, text: String? = nil, display: String, what: String, allowed: [String],
        env: Environment, maxIncludeBytes: Int
    ) -> ContentFile? {
        let read =
            text.map { frontMatter(text: $0, display: display, what: what, allowed: allowed) }
            ?? frontMatter(url, display: display, what: what, allowed: allowed)
        guard let (fm, reader) = read else { return nil }
        return ContentFile(reader: reader, fm: fm, url: url, display: display, env: env, root: root, maxIncludeBytes: maxIncludeBytes)
    }
}
