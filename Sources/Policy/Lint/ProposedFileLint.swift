import BrandContext
import Catalog
import Foundation

extension Linter {
    /// Lints one file someone proposes to add or change, given as text and not written, against
    /// an already-loaded brand and catalog (`tessera serve`, an editor): what `tessera lint PATH`
    /// reports for the project with the file in place. A template or block is compiled into the
    /// catalog in place of its file (or next to the others when new), so slot candidates,
    /// cross-checks and claim context are the project's; compile errors are `setupErrors`, as
    /// when `tessera lint` cannot load a project. A partial (`templates/FOLDER/NAME.mjml`) is
    /// linted on its own text: the templates that include it are not compiled again.
    /// `path` is project-relative and is not read or written.
    public static func run(proposed path: String, source: String, brand: Brand, catalog: Catalog, now: CalendarDate) -> LintReport {
        var report = LintReport(findings: [], filesLinted: 0, setupErrors: [], ruleIDs: ruleIDs)
        // As `run`: unknown claim ids are findings (`claims.unknown`) where they are written, not load errors.
        let environment = ContentEnvironment.make(brand: brand, checkClaims: false)
        let replaced = catalog.replacing(path, source: source, brand: brand, environment: environment, checkClaims: false)
        guard let withFile = replaced.catalog else {
            report.setupErrors = replaced.errors.map(\.description)
            return report
        }
        let kind: LintFileKind
        if let t = withFile.templates.first(where: { $0.file == path }) {
            kind = .template(t)
        } else if let b = withFile.blocks.first(where: { $0.file == path }) {
            kind = .block(b)
        } else {
            kind = .partial
        }
        let file = LintFile(path: path, text: source, kind: kind)
        let context: LintContext
        do {
            context = try self.context(brand: brand, catalog: withFile, now: now)
        } catch {
            report.setupErrors.append(String(describing: error))
            return report
        }
        report.findings = Array(Set(check(file, context))).sorted(by: Finding.ordered)
        report.filesLinted = 1
        return report
    }
}
