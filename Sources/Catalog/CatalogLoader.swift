import BrandContext
import Diagnostics
import Foundation
import Liquid
import Yams

/// Loads and checks `templates/*.mjml` and `blocks/*.mjml` under a project folder. Never throws:
/// every problem is a located diagnostic, and one bad file does not stop the others.
public enum CatalogLoader {
    static let templateKeys = [
        "id", "channel", "actions", "subject", "preheader", "slots", "holdout_percent", "suppress", "description", "category", "experiments",
    ]
    static let experimentKeys = ["id", "slot", "arms", "description"]
    static let armKeys = ["name", "weight", "blocks", "tags"]
    static let slotKeys = ["accepts", "min", "max", "fallback"]
    static let blockKeys = ["id", "slot", "tags", "when", "priority", "claims", "locales", "suppress", "description"]
    static let channels = ["email", "page"]
    /// Bytes the `mj-include`s of one template or block may add in all (see `IncludeInliner`).
    public static let defaultMaxIncludeBytes = 8 << 20

    /// `environment`: defaults to `ContentEnvironment.make(brand:)`. `checkClaims: false` leaves
    /// unknown claim ids to the caller (Policy's lint reports them as `claims.unknown` where they
    /// are written, and still needs the catalog to run its other rules). `maxIncludeBytes` bounds
    /// what the includes of one file may add (an error names the limit past it).
    public static func load(
        project: URL, brand: Brand, environment: Environment? = nil, checkClaims: Bool = true,
        maxIncludeBytes: Int = defaultMaxIncludeBytes
    ) -> CatalogLoadResult {
        let env = environment ?? ContentEnvironment.make(brand: brand, checkClaims: checkClaims)
        let diagnostics = DiagnosticSink()
        let files = FileReader(root: project, diagnostics: diagnostics)
        var templates: [TemplateDefinition] = []
        var blocks: [BlockDefinition] = []
        for (url, display) in files.list("templates") {
            guard
                let file = files.content(
                    url, display: display, what: "template", allowed: templateKeys,
                    env: env, maxIncludeBytes: maxIncludeBytes)
            else { continue }
            if let t = TemplateReader(file: file).read() { templates.append(t) }
        }
        for (url, display) in files.list("blocks") {
            guard
                let file = files.content(
                    url, display: display, what: "block", allowed: blockKeys,
                    env: env, maxIncludeBytes: maxIncludeBytes)
            else { continue }
            if let b = BlockReader(file: file).read() { blocks.append(b) }
        }
        CrossCheck(templates: templates, blocks: blocks, brand: brand, diagnostics: diagnostics, checkClaims: checkClaims).run()
        let sorted = diagnostics.items.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
        let failed = sorted.contains { $0.severity == .error }
        let catalog = failed ? nil : Catalog(templates: templates, blocks: blocks, environment: env, projectRoot: project)
        return CatalogLoadResult(catalog: catalog, diagnostics: sorted)
    }
}

/// Lists content files and splits their front matter.
struct FileReader {
    let root: URL
    let diagnostics: DiagnosticSink

    /// `*.mjml` directly in `folder` (partials live in subfolders), sorted by name.
    func list(_ folder: String) -> [(URL, String)] {
        let dir = root.appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            diagnostics.error(SourceLocation(file: folder, line: 1, column: 1), "folder '\(folder)' not found under the project")
            return []
        }
        return names.filter { $0.hasSuffix(".mjml") }.sorted().map { (dir.appendingPathComponent($0), "\(folder)/\($0)") }
    }

    func frontMatter(_ url: URL, display: String, what: String, allowed: [String]) -> (FrontMatter, MappingReader)? {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            diagnostics.error(SourceLocation(file: display, line: 1, column: 1), "cannot read file (missing or not UTF-8)"); return nil
        }
        return frontMatter(text: text, display: display, what: what, allowed: allowed)
    }

    /// The front matter of a file's text (read from disk, or proposed and not written), read by
    /// the same YAML reader as brand files, at the file's own line numbers.
    func frontMatter(text: String, display: String, what: String, allowed: [String]) -> (FrontMatter, MappingReader)? {
        guard let fm = FrontMatter.split(text) else {
            diagnostics.error(
                SourceLocation(file: display, line: 1, column: 1), "expected YAML front matter between '---' lines at the top of the file");
            return nil
        }
        let reported = diagnostics.items.count
        var (source, node) = YAMLSource.compose(text: FrontMatter.padded(fm.yaml, toLine: fm.yamlLine), displayPath: display, sink: diagnostics)
        source.readsNullAsText = true
        guard let node else {
            // No node and nothing reported: the front matter holds no YAML document at all.
            if diagnostics.items.count == reported {
                diagnostics.error(
                    SourceLocation(file: display, line: fm.yamlLine, column: 1), "empty front matter: expected \(what) keys such as 'id'")
            }
            return nil
        }
        guard let reader = MappingReader(node, in: source, what: what, allowed: allowed) else { return nil }
        return (fm, reader)
    }
}

/// Parses Liquid with the file's own line numbers; errors become diagnostics.
func parseLiquid(_ source: String, line: Int, env: Environment, file: String, diagnostics: DiagnosticSink) -> Template? {
    do {
        // Padding newlines keep the file's line numbers; the leading `{%- # -%}` trims them away.
        let padded = line > 1 ? "{%- # -%}" + FrontMatter.padded(source, toLine: line) : source
        return try env.parse(padded, name: file)
    } catch let e as LiquidError {
        diagnostics.error(SourceLocation(file: file, line: max(1, e.line), column: max(1, e.column)), e.message)
    } catch {
        diagnostics.error(SourceLocation(file: file, line: line, column: 1), "\(error)")
    }
    return nil
}

/// Parses composed Liquid (a template body with partials inlined); an error names the file,
/// line and column its text came from (`SourceOrigins`).
func parseLiquid(_ source: String, origins: SourceOrigins, env: Environment, file: String, diagnostics: DiagnosticSink) -> Template? {
    do {
        return try env.parse(source, name: file)
    } catch let e as LiquidError {
        if let offset = e.sourceOffset, let place = origins.place(ofUTF8: offset, in: source) {
            diagnostics.error(SourceLocation(file: place.file, line: place.line, column: place.column), e.message)
        } else {
            diagnostics.error(SourceLocation(file: file, line: max(1, e.line), column: max(1, e.column)), e.message)
        }
    } catch {
        diagnostics.error(SourceLocation(file: file, line: 1, column: 1), "\(error)")
    }
    return nil
}

/// Reads `suppress: {rule.id: reason}`.
func readSuppressions(_ reader: MappingReader) -> [String: String] {
    guard let v = reader.value("suppress") else { return [:] }
    guard let m = v.mapping else { reader.error(v, "'suppress' must map rule ids to reasons"); return [:] }
    var out: [String: String] = [:]
    for (k, val) in m {
        guard let id = k.string, let reason = val.string, !reason.isEmpty else {
            reader.error(val, "'suppress' must map a rule id to a non-empty reason"); continue
        }
        out[id] = reason
    }
    return out
}
