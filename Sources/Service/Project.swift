import Assembly
import BrandContext
import Catalog
import Diagnostics
import Foundation
import Pipeline
import Policy

/// One loaded, compiled project: what every operation reads. Immutable once built; a reload
/// makes a new `Project` and the `ProjectStore` swaps it in, so a request that holds one keeps
/// a consistent brand, catalog and guard to the end.
package final class Project: Sendable {
    package let root: URL
    package let brand: Brand
    package let catalog: Catalog
    package let recipientGuard: PolicyGuard
    /// The content hash of `brand/`, `templates/` and `blocks/` (as `tessera render --journal`
    /// records it): the `Tessera-Context` a cache can key on.
    package let contextHash: String
    package let loadedAt: Date
    /// Seconds the load and compile took.
    package let loadSeconds: Double
    /// Warnings of the load (errors make no project).
    package let warnings: [Diagnostic]
    /// The SQLite brand context (`tessera claims` reads the same), built on load.
    package let context: ContextStore
    /// Per-thread renderers, kept between requests (their caches make a render fast).
    let assemblers: AssemblerPool
    /// Compiled single-slot documents (`slots=`).
    let slotDocuments = SlotDocumentCache()
    /// The live preview's contact sheets, lint findings and sample recipients.
    let previews = PreviewCache()
    /// The brand's compiled lint rules (`lintRules`) and Policy's checker of drafts
    /// (`DraftOperations`), built on first use.
    let compiledRules = BuiltOnFirstUse<BrandLintRules>()
    let drafts = BuiltOnFirstUse<DraftLinter>()

    init(
        root: URL, brand: Brand, catalog: Catalog, contextHash: String, loadedAt: Date, loadSeconds: Double,
        warnings: [Diagnostic], context: ContextStore
    ) {
        self.root = root
        self.brand = brand
        self.catalog = catalog
        recipientGuard = PolicyGuard(brand: brand, catalog: catalog)
        self.contextHash = contextHash
        self.loadedAt = loadedAt
        self.loadSeconds = loadSeconds
        self.warnings = warnings
        self.context = context
        assemblers = AssemblerPool()
    }

    /// Loads `brand/` and compiles `templates/` and `blocks/` exactly as `tessera render` does.
    /// `database` is where the brand context is written (a per-process file: see `ProjectStore`).
    package static func load(root: URL, database: URL) -> Result<Project, ProjectLoadFailure> {
        // The hash must describe the files the load read: a save during the load (an editor
        // writing, a deploy copying) would pair the old hash with new content. Hash before and
        // after, and load again until they agree.
        var attempt = 0
        while true {
            attempt += 1
            let before = ProjectHash.compute(root: root)
            let result = loadOnce(root: root, database: database, hash: before)
            if attempt >= maxLoadAttempts || ProjectHash.compute(root: root) == before { return result }
        }
    }

    /// Loads tried while the files keep changing under the load; the last one is kept as it is
    /// (the watcher sees the later change and loads again).
    static let maxLoadAttempts = 5

    private static func loadOnce(root: URL, database: URL, hash: String) -> Result<Project, ProjectLoadFailure> {
        let started = Date()
        let b = BrandLoader.load(directory: root.appendingPathComponent("brand"), displayPrefix: "brand")
        guard let brand = b.brand else { return .failure(ProjectLoadFailure(diagnostics: b.errors)) }
        let c = CatalogLoader.load(project: root, brand: brand)
        guard let catalog = c.catalog else { return .failure(ProjectLoadFailure(diagnostics: c.errors)) }
        let context: ContextStore
        do {
            context = try ContextStore.open(brand: root.appendingPathComponent("brand"), database: database, displayPrefix: "brand")
        } catch let e as ContextBuildError {
            return .failure(ProjectLoadFailure(diagnostics: e.diagnostics.filter { $0.severity == .error }))
        } catch {
            return .failure(ProjectLoadFailure(diagnostics: [], message: "cannot build the brand context at \(database.path): \(error)"))
        }
        return .success(
            Project(
                root: root, brand: brand, catalog: catalog, contextHash: hash, loadedAt: started,
                loadSeconds: Date().timeIntervalSince(started), warnings: b.diagnostics + c.diagnostics, context: context))
    }

    /// The assembly settings of a render: `tessera render --template ID --now T`.
    func assemblyOptions(template: String?, now: Date) -> AssemblyOptions {
        AssemblyOptions(defaultTemplate: template, now: now, recipientGuard: recipientGuard)
    }
}

/// Why a project did not load: every error with its `file:line:col`.
package struct ProjectLoadFailure: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [Diagnostic]
    /// A failure that is not about a file (the context database could not be written).
    package var message: String?

    package init(diagnostics: [Diagnostic], message: String? = nil) {
        self.diagnostics = diagnostics
        self.message = message
    }

    /// One line per error, as the CLI prints them.
    package var lines: [String] { diagnostics.map(\.description) + (message.map { [$0] } ?? []) }
    package var description: String { lines.joined(separator: "\n") }
}
