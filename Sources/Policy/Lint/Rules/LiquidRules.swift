import BrandContext
import Catalog
import Diagnostics
import Foundation
import Liquid

/// `liquid.unknown-filter`: a filter the content dialect does not know. Lax Liquid passes the
/// input through, so `| defualt: 'friend'` would only surface per recipient as an undefined
/// variable naming the wrong cause. (`liquid.unknown-tag` is a compile error of the file: the
/// linter turns it into a finding, see `Linter.unknownTagFindings`.)
struct LiquidRules: LintRule {
    let ids = ["liquid.unknown-filter", "liquid.unknown-tag"]

    func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        var out: [Finding] = []
        for (template, fixed) in CreepyRules.templates(of: file) {
            let known = template.environment.filters.keys.sorted()
            for f in template.analyze().unknownFilters {
                let at = f.template == nil && !fixed ? CreepyRules.fileOffset(f.offset, of: template, in: file) : nil
                out.append(
                    file.finding(
                        "liquid.unknown-filter", .error, at: at ?? locate(f.name, in: file),
                        "unknown filter '\(f.name)'\(Suggest.hint(for: f.name, in: known)): Liquid would pass the value through unchanged"))
            }
        }
        return out
    }

    /// Where a filter name is written after a `|`, else the body start.
    func locate(_ name: String, in file: LintFile) -> Int {
        let ns = file.source.text as NSString
        let r = ns.range(of: #"\|\s*"# + NSRegularExpression.escapedPattern(for: name) + #"\b"#, options: .regularExpression)
        return r.location == NSNotFound ? file.source.bodyStart : r.location
    }
}
