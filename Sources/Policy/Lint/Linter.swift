import BrandContext
import Catalog
import Diagnostics
import Foundation
import Voice

/// What `tessera lint` was asked to do.
package struct LintOptions: Sendable {
    /// The project folder (brand/, templates/, blocks/).
    package var project: URL
    /// Project-relative paths (files or folders) to report on; empty: everything.
    package var paths: [String]
    /// The day claims are judged on.
    package var now: CalendarDate

    package init(project: URL, paths: [String] = [], now: CalendarDate) {
        self.project = project
        self.paths = paths
        self.now = now
    }
}

/// The outcome of a lint run. `setupErrors` non-empty: the lint could not run (exit 2).
package struct LintReport: Sendable {
    package var findings: [Finding]
    package var filesLinted: Int
    package var setupErrors: [String]
    /// Rule ids the run knew (for SARIF's rule table).
    package var ruleIDs: [String]

    /// 0 clean, 1 an error-level finding, 2 could not run.
    package var exitStatus: Int32 {
        if !setupErrors.isEmpty { return 2 }
        return findings.contains { $0.severity == .error } ? 1 : 0
    }
}

/// Runs every lint rule over a project's templates, partials and blocks.
package enum Linter {
    static let rules: [any LintRule] = [
        VoiceLintRule(), ClaimRules(), BrandRules(), LinkRules(), ImageRules(), CTALintRules(), LegalLintRules(),
        CreepyRules(), EmailSizeRule(), ClientSupportRule(), LiquidRules(),
    ]
    package static var ruleIDs: [String] { rules.flatMap(\.ids) }

    package static func run(_ options: LintOptions) -> LintReport {
        var report = LintReport(findings: [], filesLinted: 0, setupErrors: [], ruleIDs: ruleIDs)
        // A path that names nothing would otherwise select no file and pass as clean.
        report.setupErrors = missingPaths(options)
        if !report.setupErrors.isEmpty { return report }
        let brandLoad = BrandLoader.load(directory: options.project.appendingPathComponent("brand"), displayPrefix: "brand")
        guard let brand = brandLoad.brand else {
            report.setupErrors = brandLoad.errors.map(\.description)
            return report
        }
        let catalogLoad = CatalogLoader.load(project: options.project, brand: brand, checkClaims: false)
        guard let catalog = catalogLoad.catalog else {
            // An unknown tag is the author's typo, not a broken setup: a finding (exit 1) with a hint.
            let (tags, others) = unknownTagFindings(catalogLoad.errors, brand: brand)
            report.findings = tags.filter { selected($0.file, options.paths) }
            report.setupErrors = others.map(\.description)
            if report.setupErrors.isEmpty && report.findings.isEmpty {
                report.setupErrors = tags.map { "\($0.file):\($0.line):\($0.column): error: \($0.message)" }
            }
            return report
        }
        return run(options, brand: brand, catalog: catalog)
    }

    /// What `run(_:)` reports, for a brand and catalog already loaded (the preview, the live
    /// service): they are not read again. Files are read from `options.project`.
    package static func run(_ options: LintOptions, brand: Brand, catalog: Catalog) -> LintReport {
        run(options, rules: BrandLintRules(brand: brand), catalog: catalog)
    }

    /// What `run(_:)` reports, with the brand's rules already compiled (a loaded project keeps them).
    package static func run(_ options: LintOptions, rules: BrandLintRules, catalog: Catalog) -> LintReport {
        var report = LintReport(findings: [], filesLinted: 0, setupErrors: [], ruleIDs: ruleIDs)
        if let voiceError = rules.voiceError {
            report.setupErrors.append(voiceError)
            return report
        }
        let context = LintContext(rules: rules, catalog: catalog, now: options.now)
        let files = contentFiles(options.project, catalog).filter { selected($0.0, options.paths) }
        var findings: [Finding] = []
        for (path, kind) in files {
            guard let data = FileManager.default.contents(atPath: options.project.appendingPathComponent(path).path),
                let text = String(data: data, encoding: .utf8)
            else {
                report.setupErrors.append("\(path):1:1: cannot read file (missing or not UTF-8)")
                continue
            }
            findings += check(LintFile(path: path, text: text, kind: kind), context)
        }
        report.filesLinted = files.count
        report.findings = Array(Set(findings)).sorted(by: Finding.ordered)
        return report
    }

    /// Compile errors that are an unknown Liquid tag, as `liquid.unknown-tag` findings naming the
    /// closest known tag; the other errors as they were. While a file does not compile the
    /// catalog cannot load, so the other rules wait for the fix.
    static func unknownTagFindings(_ errors: [Diagnostic], brand: Brand) -> ([Finding], [Diagnostic]) {
        let known = ContentEnvironment.make(brand: brand, checkClaims: false).tags.keys.sorted()
        var findings: [Finding] = [], others: [Diagnostic] = []
        let ends = known.map { "end" + $0 } + ["else", "elsif", "when", "break", "continue"]
        for e in errors {
            // Inside a block the parser says "unexpected tag 'x' in 'if'"; a known tag there is misplaced, not unknown.
            guard let r = e.message.range(of: "unknown tag '") ?? e.message.range(of: "unexpected tag '"),
                let end = e.message[r.upperBound...].firstIndex(of: "'"),
                case let name = String(e.message[r.upperBound..<end]), !known.contains(name), !ends.contains(name)
            else {
                others.append(e)
                continue
            }
            findings.append(
                Finding(
                    file: e.location.file, line: e.location.line, column: e.location.column, rule: "liquid.unknown-tag",
                    severity: .error, message: "unknown tag '\(name)'\(Suggest.hint(for: name, in: known + ends))"))
        }
        return (findings, others)
    }

    /// Every rule's findings on one file, less those the file suppresses.
    static func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        rules.flatMap { $0.check(file, context).filter { !suppressed($0.rule, by: file.suppressions) } }
    }

    /// A finding is suppressed by its exact id or a family prefix (`claims` covers `claims.*`).
    static func suppressed(_ rule: String, by suppressions: [String: String]) -> Bool {
        suppressions.keys.contains { rule == $0 || rule.hasPrefix($0 + ".") }
    }

    /// One error per asked-for path that is neither a file nor a folder of the project.
    static func missingPaths(_ options: LintOptions) -> [String] {
        options.paths.filter { path in
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : options.project.appendingPathComponent(path)
            return !FileManager.default.fileExists(atPath: url.path)
        }.map { "\($0): error: no such file or folder (paths are relative to the project, \(options.project.path))" }
    }

    static func selected(_ path: String, _ filters: [String]) -> Bool {
        if filters.isEmpty { return true }
        return filters.contains { f in
            let f = f.hasPrefix("./") ? String(f.dropFirst(2)) : f
            let dir = f.hasSuffix("/") ? f : f + "/"
            return path == f || path.hasPrefix(dir) || f == "." || f.isEmpty
        }
    }

    /// Templates, partials (`.mjml` files in subfolders of templates/) and blocks, sorted.
    static func contentFiles(_ root: URL, _ catalog: Catalog) -> [(String, LintFileKind)] {
        var out: [(String, LintFileKind)] = catalog.templates.map { ($0.file, .template($0)) }
        out += catalog.blocks.map { ($0.file, .block($0)) }
        let templates = root.appendingPathComponent("templates")
        if let walker = FileManager.default.enumerator(atPath: templates.path) {
            for case let rel as String in walker where rel.hasSuffix(".mjml") && rel.contains("/") {
                out.append(("templates/\(rel)", .partial))
            }
        }
        return out.sorted { $0.0 < $1.0 }
    }
}
