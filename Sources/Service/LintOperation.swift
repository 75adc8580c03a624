import BrandContext
import Foundation
import Policy

/// A file someone proposes to add or change, linted before it is written.
package struct ProposedFile: Sendable {
    /// Project-relative: `templates/NAME.mjml`, `templates/FOLDER/NAME.mjml` (a partial) or `blocks/NAME.mjml`.
    package var path: String
    package var source: String
    package init(path: String, source: String) {
        self.path = path
        self.source = source
    }

    /// The longest path accepted (a path is a name, not a payload).
    package static let maxPathLength = 256

    /// The path, checked: relative, under `templates/` or `blocks/`, an `.mjml` file, no `..`.
    func checkedPath() throws(ServiceError) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard path.utf8.count <= Self.maxPathLength else {
            throw ServiceError(
                .badRequest, "lint.path", "the path is \(path.utf8.count) bytes, over the limit of \(Self.maxPathLength)", location: "path")
        }
        guard parts.count >= 2, ["templates", "blocks"].contains(parts[0]), path.hasSuffix(".mjml"),
            !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.hasPrefix(".") }),
            !path.contains("\\"), !path.unicodeScalars.contains(where: { $0.value < 0x20 }),
            parts[0] == "templates" || parts.count == 2
        else {
            throw ServiceError(
                .unprocessable, "lint.path",
                "expected a project-relative path such as blocks/new.mjml or templates/spring.mjml (under templates/ or blocks/, ending in .mjml, without '..'); found '\(path)'",
                location: "path")
        }
        return path
    }
}

extension Project {
    /// Lints a proposed file in the context of the project, without writing it anywhere:
    /// `Linter.run(proposed:…)` compiles it into the loaded catalog in place of its file (or next
    /// to the others when new), so cross-checks, slot candidates and claim context are the real
    /// ones. `format` is `.json` or `.sarif`; the answer is that output.
    package func lint(_ file: ProposedFile, format: LintFormat = .json, now: CalendarDate? = nil) throws(ServiceError) -> (
        output: String, report: LintReport
    ) {
        let path = try file.checkedPath()
        let report = Linter.run(proposed: path, source: file.source, rules: lintRules, catalog: catalog, now: now ?? CalendarDate.todayUTC)
        if !report.setupErrors.isEmpty {
            let first = report.setupErrors[0]
            throw ServiceError(
                .unprocessable, "lint.setup", "lint could not run with this file in place: " + report.setupErrors.joined(separator: "; "),
                location: Self.location(in: first))
        }
        return (LintOutput.render(report, as: format), report)
    }

    /// `file:line:col` at the start of a diagnostic line, if it has one.
    package static func location(in line: String) -> String? {
        let parts = line.split(separator: ":", maxSplits: 3)
        guard parts.count >= 3, Int(parts[1]) != nil, Int(parts[2]) != nil else { return nil }
        return parts[0...2].joined(separator: ":")
    }
}
