import Foundation
import TextEscaping

/// `--format html`: one self-contained page (no script, no network): per breakdown a forest plot
/// (SVG) of the relative lifts with their intervals, the comparison table, the SRM verdicts and
/// the notes.
extension LiftReport {
    package func html(title: String) -> String {
        var body = "<h1>\(Self.escape(title))</h1>\n"
        body +=
            "<p class=\"settings\">metric \(settings.metric.rawValue), window \(Self.escape(settings.window.text)), \(Int(((1 - settings.alpha) * 100).rounded()))% intervals\(settings.inference == .fixed ? "" : ", sequential (always valid)"); adjusted p-values: Benjamini–Hochberg over \(comparisons.count) comparisons</p>\n"
        let groups = breakdownGroups()
        if groups.isEmpty { body += "<p>No randomized comparisons in these runs.</p>\n" }
        for (name, members) in groups {
            body += "<section class=\"breakdown\"><h2>\(Self.escape(name))</h2>\n"
            body += forestPlot(members)
            body += comparisonTable(members)
            body += "</section>\n"
        }
        body += "<section id=\"srm\"><h2>Sample ratio</h2>\n"
        if srm.isEmpty { body += "<p>No declared split to check.</p>\n" }
        for s in srm {
            let expected = zip(s.arms, s.expectedShare).map { "\(Self.escape($0)) \(Self.percent($1))" }.joined(separator: ", ")
            let observed = zip(s.arms, zip(s.observed, s.observedShare)).map { "\(Self.escape($0)) \($1.0) (\(Self.percent($1.1)))" }.joined(
                separator: ", ")
            body +=
                "<p class=\"srm \(s.flagged ? "mismatch" : "ok")\"><b>\(s.flagged ? "Mismatch" : "OK")</b> \(Self.escape(Self.byText(s.by))): expected \(expected); observed \(observed); p = \(Self.p(s.pValue))</p>\n"
        }
        body += "</section>\n<section id=\"notes\"><h2>Notes</h2><ul>\n"
        for n in notes { body += "<li>\(Self.escape(n))</li>\n" }
        body += "</ul></section>\n"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(Self.escape(title))</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
            table{border-collapse:collapse;margin:8px 0 24px}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right}
            td:first-child,th:first-child{text-align:left}.sig{font-weight:bold}.srm.mismatch{color:#b00020}.srm.ok{color:#1b5e20}
            svg text{font:12px system-ui,sans-serif}
            </style></head><body>
            \(body)</body></html>

            """
    }

    /// Comparisons grouped by the kind of breakdown (which `by` keys they have), in report order.
    func breakdownGroups() -> [(String, [ComparisonResult])] {
        var order: [String] = []
        var groups: [String: [ComparisonResult]] = [:]
        for c in comparisons {
            let keys = c.by.map(\.0)
            var name = c.family == "experiment" ? "Experiment arms against the first arm" : "Holdout against treatment"
            name += " by " + keys.joined(separator: ", ")
            if groups[name] == nil { order.append(name) }
            groups[name, default: []].append(c)
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// Relative lift (%) and interval per comparison, on one axis through zero.
    func forestPlot(_ members: [ComparisonResult]) -> String {
        let rowHeight = 22.0, labelWidth = 360.0, plotWidth = 480.0, top = 24.0
        let values = members.flatMap { c -> [Double] in
            guard let e = c.relative.estimate else { return [] }
            return [e] + (c.relative.ci.map { [$0.0, $0.1] } ?? [])
        }.filter(\.isFinite)
        let lo = min(values.min() ?? -0.1, 0), hi = max(values.max() ?? 0.1, 0)
        let pad = (hi - lo) * 0.08 + 1e-9
        let (from, to) = (lo - pad, hi + pad)
        func x(_ v: Double) -> Double { labelWidth + (v - from) / (to - from) * plotWidth }
        let height = top + rowHeight * Double(members.count) + 30
        var svg =
            "<svg class=\"forest\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(labelWidth + plotWidth + 20))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"relative lift with confidence intervals\">\n"
        svg +=
            "<line x1=\"\(Self.f(x(0)))\" y1=\"\(Self.f(top - 10))\" x2=\"\(Self.f(x(0)))\" y2=\"\(Self.f(height - 24))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n"
        for (i, c) in members.enumerated() {
            let y = top + rowHeight * (Double(i) + 0.5)
            let label =
                Self.byText(c.by.filter { $0.0 != "template" || members.contains { $0.by.first?.1 != c.by.first?.1 } }) + " · " + c.treatment.name
                + " vs " + c.control.name
            svg += "<text x=\"0\" y=\"\(Self.f(y + 4))\">\(Self.escape(label))</text>\n"
            guard let e = c.relative.estimate, e.isFinite else {
                svg += "<text x=\"\(Self.f(labelWidth))\" y=\"\(Self.f(y + 4))\" fill=\"#888\">no relative lift (control mean 0)</text>\n"
                continue
            }
            let color = c.significant ? "#1565c0" : "#555"
            if let ci = c.relative.ci {
                svg +=
                    "<line class=\"ci\" x1=\"\(Self.f(x(ci.0)))\" y1=\"\(Self.f(y))\" x2=\"\(Self.f(x(ci.1)))\" y2=\"\(Self.f(y))\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            }
            svg +=
                "<circle class=\"estimate\" cx=\"\(Self.f(x(e)))\" cy=\"\(Self.f(y))\" r=\"4\" fill=\"\(color)\"><title>\(Self.escape(Self.liftCell(c.relative, percent: true)))</title></circle>\n"
        }
        let axisY = height - 14
        for v in [from, 0, to] {
            svg +=
                "<text x=\"\(Self.f(x(v)))\" y=\"\(Self.f(axisY))\" text-anchor=\"middle\" fill=\"#555\">\(Self.escape(Self.signed(Self.percent(v), v)))</text>\n"
        }
        return svg + "</svg>\n"
    }

    func comparisonTable(_ members: [ComparisonResult]) -> String {
        var t =
            "<table><tr><th>comparison</th><th>control</th><th>treatment</th><th>absolute lift [CI]</th><th>relative lift [CI]</th><th>p</th><th>p adjusted</th><th>significant</th></tr>\n"
        for c in members {
            t +=
                "<tr\(c.significant ? " class=\"sig\"" : "")><td>\(Self.escape(Self.byText(c.by)))</td><td>\(Self.escape(Self.groupCell(c.control)))</td><td>\(Self.escape(Self.groupCell(c.treatment)))</td>"
            t += "<td>\(Self.escape(Self.liftCell(c.absolute, percent: false)))</td><td>\(Self.escape(Self.liftCell(c.relative, percent: true)))</td>"
            t += "<td>\(c.pValue.map(Self.p) ?? "-")</td><td>\(c.pAdjusted.map(Self.p) ?? "-")</td><td>\(c.significant ? "yes" : "no")</td></tr>\n"
        }
        return t + "</table>\n"
    }

    static func byText(_ by: [(String, String)]) -> String { by.map { "\($0.0) \($0.1)" }.joined(separator: ", ") }
    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    static func escape(_ s: String) -> String { HTMLText.escape(s) }
}
