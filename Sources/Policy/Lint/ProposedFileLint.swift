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
    package static func run(proposed path: String, source: String, brand: Brand, catalog: Catalog, now: CalendarDate) -> LintReport {
        run(proposed: path, source: source, rules: BrandLintRules(brand: brand), catalog: catalog, now: now)
    }

    /// As `run(proposed:source:brand:catalog:now:)`, with the brand's rules already compiled
    /// (an editor's server keeps them for the loaded project, so a keystroke costs this file's lint).
    package static func run(proposed path: String, source: String, rules: BrandLintRules, catalog: Catalog, now: CalendarDate) -> LintReport {
        var report = LintReport(findings: [], filesLinted: 0, setupErrors: [], ruleIDs: ruleIDs)
        // As `run`: unknown claim ids are findings (`claims.unknown`) where they are written, not load errors.
        let replaced = catalog.replacing(path, source: source, brand: rules.brand, environment: rules.environment, checkClaims: false)
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
        // Checked after the compile, whose errors come first.
        if let voiceError = rules.voiceError {
            report.setupErrors.append(voiceError)
            return report
        }
        let file = LintFile(path: path, text: source, kind: kind)
        let context = LintContext(rules: rules, catalog: withFile, now: now)
        report.findings = Array(Set(check(file, context))).sorted(by: Finding.ordered)
        report.filesLinted = 1
        return report
    }
}
