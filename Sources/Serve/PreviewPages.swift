import Catalog
import Foundation
import Policy
import Preview
import Service

/// The live preview's pages (`/preview/…`). The contact sheet is Preview's own page; these add
/// the project's state (what it shows, the errors of a change that did not compile), lint
/// findings on the blocks they concern, and the script that reloads the page when the project
/// changes (server-sent events from `/preview/events`).
enum PreviewPages {
    /// What a page shows: the project it was built from and the reload outcomes so far. A page
    /// whose stamp differs from the server's current one is out of date.
    static func stamp(_ status: ProjectStore.Status) -> String {
        "\(status.project?.contextHash ?? "none")-\(status.counts.reloads)-\(status.counts.failed)"
    }

    /// `/preview/`: the templates, a sample recipient picker, and every block with its lint findings.
    static func index(_ project: Project, _ status: ProjectStore.Status, findings: [Finding]) -> String {
        var out = head("Tessera preview", status)
        out += "<h1>Tessera preview <small>\(escape(project.root.lastPathComponent))</small></h1>\n"
        out += banner(project, status)
        out += "<h2>Templates</h2>\n<ul class=\"templates\">\n"
        for t in project.catalog.templates {
            out +=
                "<li><a href=\"/preview/t/\(escapePath(t.id))/\">\(escape(t.id))</a> <small>\(escape(t.channel)) · slots \(escape(t.slots.map(\.name).joined(separator: ", ")))</small></li>\n"
        }
        out += "</ul>\n"
        out += recipientPicker(project)
        out += "<h2>Blocks</h2>\n" + blockTable(project.catalog.blocks, findings: findings)
        return out + tail(status)
    }

    /// `/preview/t/ID/`: Preview's contact sheet, with the project's state, the template's blocks
    /// and their lint findings, and the live reload.
    static func contactSheet(_ sheet: PreviewResult, _ project: Project, _ status: ProjectStore.Status, findings: [Finding]) -> String {
        var html = sheet.contactSheetHTML
        var top = "<nav class=\"live\"><a href=\"/preview/\">All templates</a> · " + banner(project, status)
        if let t = project.catalog.template(sheet.template) {
            let files = Set([t.file])
            let own = findings.filter { files.contains($0.file) }
            var blocks: [BlockDefinition] = []
            for s in t.slots {
                for b in project.catalog.candidates(for: s) where !blocks.contains(where: { $0.id == b.id }) { blocks.append(b) }
                if let f = s.fallback, let b = project.catalog.block(f), !blocks.contains(where: { $0.id == b.id }) { blocks.append(b) }
            }
            top +=
                "<details class=\"lint-panel\"\(own.isEmpty && blocks.allSatisfy({ b in !findings.contains { $0.file == b.file } }) ? "" : " open")>"
            top += "<summary>Lint findings on \(escape(t.file)) and its \(blocks.count) candidate blocks</summary>"
            top += findingList(own, file: t.file) + blockTable(blocks.sorted { $0.id < $1.id }, findings: findings) + "</details>"
        }
        top += "</nav>\n"
        if let body = html.range(of: "<body"), let end = html.range(of: ">\n", range: body.upperBound..<html.endIndex) {
            html.insert(contentsOf: top, at: end.upperBound)
            html.insert(contentsOf: " data-stamp=\"\(escape(stamp(status)))\"", at: body.upperBound)
        }
        if let close = html.range(of: "</body>", options: .backwards) {
            html.insert(contentsOf: "<style>\n\(panelStyle)</style>\n" + liveScript(status), at: close.lowerBound)
        }
        return html
    }

    /// `/preview/r/ID`: one sample recipient's message at 600 and 375 px, its explanation, and
    /// the lint findings of the blocks it received.
    static func recipient(
        id: String, outcome: RenderOutcome, explanation: String, _ project: Project, _ status: ProjectStore.Status,
        findings: [Finding]
    ) -> String {
        var out = head("Preview: \(id)", status)
        out += "<nav class=\"live\"><a href=\"/preview/\">All templates</a> · " + banner(project, status) + "</nav>\n"
        out += "<h1>\(escape(id)) <small>\(escape(outcome.status))\(outcome.template.map { " · " + escape($0) } ?? "")</small></h1>\n"
        out += recipientPicker(project)
        out += "<div class=\"frames live\" data-status=\"\(escape(outcome.status))\">"
        if outcome.html.isEmpty {
            out += "<p class=\"bad\">Not rendered: \(escape(outcome.reasons.last.map { "\($0.code) \($0.detail)" } ?? outcome.status))</p>"
        } else {
            for width in [600, 375] {
                out +=
                    "<figure><iframe width=\"\(width)\" height=\"900\" title=\"\(escape(id)) at \(width) px\" sandbox=\"allow-popups\" srcdoc=\"\(escape(outcome.html))\"></iframe><figcaption>\(width) px</figcaption></figure>"
            }
        }
        out += "</div>\n<div class=\"side\">\n<h2>Blocks</h2>\n"
        out += blockTable(outcome.blocks.compactMap { project.catalog.block($0) }, findings: findings)
        out += "<h2>Explain</h2>\n<pre class=\"explain\">\(escape(explanation))</pre>\n</div>\n"
        return out + tail(status)
    }

    /// The server's answer when the project has not loaded (yet): its errors, and the live reload.
    static func notLoaded(_ status: ProjectStore.Status) -> String {
        head("Tessera preview", status) + "<h1>Tessera preview</h1>\n" + errors(status.errors) + tail(status)
    }

    // MARK: parts

    static func head(_ title: String, _ status: ProjectStore.Status) -> String {
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>\(escape(title))</title>\n\(style)</head>\n<body data-stamp=\"\(escape(stamp(status)))\">\n"
    }

    static func tail(_ status: ProjectStore.Status) -> String { liveScript(status) + "</body>\n</html>\n" }

    /// The project shown, and the errors of the latest change when it did not compile.
    static func banner(_ project: Project, _ status: ProjectStore.Status) -> String {
        "<span class=\"context\">project <code>\(escape(project.contextHash))</code> loaded \(escape(ISO8601DateFormatter().string(from: project.loadedAt)))</span>\n"
            + errors(status.errors)
    }

    static func errors(_ lines: [String]) -> String {
        guard !lines.isEmpty else { return "" }
        return "<div class=\"errors\" role=\"alert\"><b>The latest change does not compile; the last good project is shown.</b><ul>"
            + lines.map { "<li><code>\(escape($0))</code></li>" }.joined() + "</ul></div>\n"
    }

    static func recipientPicker(_ project: Project) -> String {
        let sample = project.sampleRecipients()
        guard !sample.ids.isEmpty else { return "" }
        var out = "<form class=\"pick\" action=\"/preview/r/\" method=\"get\"><label>Sample recipient (\(escape(sample.source))) "
        out +=
            "<input name=\"id\" list=\"sample-ids\" placeholder=\"\(escape(sample.ids[0]))\" required></label> <button>Show at 600 and 375 px</button>"
        out += "<datalist id=\"sample-ids\">" + sample.ids.map { "<option value=\"\(escape($0))\">" }.joined() + "</datalist></form>\n"
        return out
    }

    /// Each block with its lint findings (or "clean"), on the block they concern.
    static func blockTable(_ blocks: [BlockDefinition], findings: [Finding]) -> String {
        var out = "<table class=\"blocks\"><thead><tr><th>Block</th><th>Slot</th><th>Lint</th></tr></thead><tbody>\n"
        for b in blocks {
            let own = findings.filter { $0.file == b.file }
            out +=
                "<tr data-block=\"\(escape(b.id))\"><td><code>\(escape(b.id))</code></td><td>\(escape(b.slot))</td><td>\(findingList(own, file: b.file))</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    static func findingList(_ findings: [Finding], file: String) -> String {
        guard !findings.isEmpty else { return "<span class=\"ok\">clean</span>" }
        return "<ul class=\"findings\">"
            + findings.map { f in
                "<li class=\"\(f.severity)\"><code>\(escape(f.file)):\(f.line):\(f.column)</code> <b>\(escape(f.rule))</b> \(escape(f.message))</li>"
            }.joined() + "</ul>"
    }

    /// Listens to `/preview/events` and reloads the page when the server's stamp is no longer
    /// the one the page was built with (a reload, or a change that did not compile).
    static func liveScript(_ status: ProjectStore.Status) -> String {
        """
        <script>
        (function () {
          var shown = \(jsString(stamp(status)));
          var events = new EventSource("/preview/events");
          events.addEventListener("project", function (e) {
            var now = JSON.parse(e.data);
            if (now.stamp !== shown) { events.close(); location.reload(); }
          });
        })();
        </script>

        """
    }

    /// The standalone pages' look.
    static var style: String {
        "<style>\nbody { font-family: system-ui, sans-serif; margin: 16px; color: #1d2420; }\n\(panelStyle)</style>\n"
    }

    /// What the added parts need, also inside the contact sheet (no rule on its own elements).
    static let panelStyle = """
        nav.live { font: 13px system-ui, sans-serif; margin: 0 0 12px; padding: 8px; background: #f3f4f1; border-radius: 6px; }
        .errors { background: #fde8e6; border: 1px solid #d9534f; padding: 8px 12px; margin: 8px 0; border-radius: 6px; }
        .errors code { white-space: pre-wrap; }
        table.blocks { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
        table.blocks td, table.blocks th { border-top: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
        ul.findings { margin: 0; padding-left: 16px; } li.error b { color: #b52b27; } li.warning b { color: #9a6a00; }
        span.ok { color: #2e7d32; } p.bad { color: #b52b27; }
        div.frames.live { display: flex; gap: 16px; align-items: flex-start; flex-wrap: wrap; }
        div.frames.live iframe { border: 1px solid #ccc; background: #fff; }
        pre.explain { font-size: 12px; background: #f7f7f5; padding: 8px; overflow: auto; max-height: 600px; }

        """

    /// The contact sheet's own escaping (Preview), so both pages escape alike.
    static func escape(_ s: String) -> String { HTML.escape(s) }

    /// A path segment (template ids are plain names, but nothing is assumed).
    static func escapePath(_ s: String) -> String {
        escape(s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? s)
    }

    /// A JavaScript string literal that cannot close the script element.
    static func jsString(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"", "\\": out += "\\" + String(c)
            case "<": out += "\\u003c"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
