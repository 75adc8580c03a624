import BrandContext
import Catalog
import Diagnostics
import Foundation

/// What a file is to the rules: a template, a block, or a partial (an `mj-include`d file).
package enum LintFileKind: Sendable {
    case template(TemplateDefinition)
    case block(BlockDefinition)
    case partial
}

/// One file, read and scanned once, handed to every rule.
struct LintFile: Sendable {
    let source: LintSource
    let kind: LintFileKind
    let tags: [Tag]
    /// Customer-visible copy (`Markup.copy`), same length as the file.
    let copy: String

    init(path: String, text: String, kind: LintFileKind) {
        source = LintSource(path: path, text: text)
        self.kind = kind
        tags = Markup.tags(source)
        copy = Markup.copy(source)
    }

    var path: String { source.path }
    var template: TemplateDefinition? { if case .template(let t) = kind { return t } else { return nil } }
    var block: BlockDefinition? { if case .block(let b) = kind { return b } else { return nil } }

    func finding(_ rule: String, _ severity: Diagnostic.Severity, at offset: Int, _ message: String) -> Finding {
        let p = source.position(offset)
        return Finding(file: path, line: p.line, column: p.column, rule: rule, severity: severity, message: message)
    }

    /// A finding about the file as a whole: placed at the first body line.
    func fileFinding(_ rule: String, _ severity: Diagnostic.Severity, _ message: String) -> Finding {
        finding(rule, severity, at: source.bodyStart, message)
    }

    /// Suppressions from front matter (`suppress: {rule.id: reason}`).
    var suppressions: [String: String] {
        switch kind {
        case .template(let t): t.suppressions
        case .block(let b): b.suppressions
        case .partial: [:]
        }
    }
}

/// A family of lint rules (like Vale's internal/check: one file per family). `ids` lists the
/// rule ids it can report, for docs and SARIF.
protocol LintRule: Sendable {
    var ids: [String] { get }
    func check(_ file: LintFile, _ context: LintContext) -> [Finding]
}
