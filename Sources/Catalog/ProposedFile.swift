import BrandContext
import Diagnostics
import Foundation
import Liquid

extension Catalog {
    /// This catalog with one template or block replaced, or added, by text that is not on disk
    /// (a file someone proposes: lint it before it is written). `path` is project-relative:
    /// `templates/NAME.mjml` or `blocks/NAME.mjml`; other paths (partials in subfolders of
    /// `templates/`) leave the catalog as it is. The file is compiled with `environment` and
    /// the cross-file checks run again over the result, so a block's slot, a template's
    /// fallbacks and (with `checkClaims`) claim ids are judged against the rest of the project.
    /// Includes are read from `projectRoot`. The catalog is nil when the result has errors.
    public func replacing(
        _ path: String, source: String, brand: Brand, environment: Environment,
        checkClaims: Bool = true
    ) -> CatalogLoadResult {
        let parts = path.split(separator: "/")
        guard parts.count == 2, path.hasSuffix(".mjml") else { return CatalogLoadResult(catalog: self, diagnostics: []) }
        let diagnostics = DiagnosticSink()
        let files = FileReader(root: projectRoot, diagnostics: diagnostics)
        let url = projectRoot.appendingPathComponent(path)
        var templates = self.templates
        var blocks = self.blocks
        switch parts[0] {
        case "templates":
            templates.removeAll { $0.file == path }
            if let file = files.content(
                url, text: source, display: path, what: "template", allowed: CatalogLoader.templateKeys,
                env: environment, maxIncludeBytes: CatalogLoader.defaultMaxIncludeBytes),
                let t = TemplateReader(file: file).read()
            {
                templates.append(t)
            }
        case "blocks":
            blocks.removeAll { $0.file == path }
            if let file = files.content(
                url, text: source, display: path, what: "block", allowed: CatalogLoader.blockKeys,
                env: environment, maxIncludeBytes: CatalogLoader.defaultMaxIncludeBytes),
                let b = BlockReader(file: file).read()
            {
                blocks.append(b)
            }
        default:
            return CatalogLoadResult(catalog: self, diagnostics: [])
        }
        CrossCheck(templates: templates, blocks: blocks, brand: brand, diagnostics: diagnostics, checkClaims: checkClaims).run()
        let sorted = diagnostics.items.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
        let failed = sorted.contains { $0.severity == .error }
        return CatalogLoadResult(
            catalog: failed ? nil : Catalog(templates: templates, blocks: blocks, environment: environment, projectRoot: projectRoot),
            diagnostics: sorted)
    }
}
