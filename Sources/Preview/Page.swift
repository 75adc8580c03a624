import Foundation

/// `index.html`: one self-contained page (inline CSS and JS, no network), a grid per segment.
/// Each permutation's message is embedded once (JSON) and shown in `srcdoc` frames at 600 px and
/// 375 px, loaded as they scroll into view (`#eager` loads all at once); the page records how many
/// frames rendered content in `<body data-frames="N/M">`.
enum Page {
    static func html(_ r: PreviewResult, thumbnails: [String: String]) -> String {
        var out = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>Preview: \(HTML.escape(r.template))</title>\n<style>\n\(PageAssets.css)</style>\n</head>\n"
        out += "<body data-frames=\"0/0\" data-template=\"\(HTML.escape(r.template))\">\n"
        out += header(r)
        out += "<main>\n"
        let names = PermutationNames.of(r.permutations)
        for s in r.segments { out += section(s, r, names: names, thumbnails: thumbnails) }
        if !r.gone.isEmpty { out += goneSection(r) }
        out += "</main>\n"
        if thumbnails.isEmpty {
            // Each message once; `<` is escaped in the JSON, so nothing closes the script early.
            out += "<script id=\"previews\" type=\"application/json\">{"
            out += r.permutations.map { "\(PageJSON.quote($0.id)):\(PageJSON.quote(PreviewFiles.permutationFile($0)))" }.joined(separator: ",\n")
            out += "}</script>\n"
        }
        out += "<script>\n\(PageAssets.script)</script>\n</body>\n</html>\n"
        return out
    }

    static func header(_ r: PreviewResult) -> String {
        let s = r.stats
        var out = "<header class=\"top\">\n<h1>\(HTML.escape(r.template)) <small>\(HTML.escape(r.channel)) · preview</small></h1>\n"
        out +=
            "<p class=\"summary\"><b>\(r.permutations.count)</b> permutations — \(s.enumerated) enumerated from \(s.representatives) representative recipients; "
        out +=
            "sample <code>\(HTML.escape(r.recipientsSource))</code>: \(s.sampleRendered) of \(s.sampleRecipients) recipients received this template, in \(s.samplePermutations) permutations"
        out += r.missed.isEmpty ? ", all enumerated." : ", <b class=\"bad\">\(r.missed.count) not enumerated</b>."
        out += " Clock: \(HTML.escape(ISO8601DateFormatter().string(from: r.now))).</p>\n"
        if let b = r.baselineSource {
            let n = r.permutations.filter { $0.change == .new }.count, c = r.permutations.filter { $0.change == .changed }.count
            out +=
                "<p class=\"summary\">Since <code>\(HTML.escape(b))</code>: <span class=\"badge new\">\(n) new</span> <span class=\"badge changed\">\(c) changed</span> <span class=\"badge gone\">\(r.gone.count) gone</span></p>\n"
        }
        out += "<form class=\"filters\" onsubmit=\"return false\">\n<label>Segment <select id=\"f-segment\"><option value=\"\">all</option>"
        for seg in r.segments { out += "<option>\(HTML.escape(seg.name))</option>" }
        out += "</select></label>\n<label>Block <select id=\"f-block\"><option value=\"\">any</option>"
        for b in Set(r.permutations.flatMap(\.blocks)).sorted() { out += "<option>\(HTML.escape(b))</option>" }
        out += "</select></label>\n"
        if r.baselineSource != nil {
            out +=
                "<label>Change <select id=\"f-change\"><option value=\"\">all</option><option>new</option><option>changed</option><option>unchanged</option></select></label>\n"
        }
        out += "<span id=\"shown\"></span> <span id=\"frames-status\"></span>\n</form>\n"
        if !r.notes.isEmpty {
            out += "<ul class=\"notes\">" + r.notes.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>\n"
        }
        out +=
            "<p class=\"legend\">Each card: the message at 600 px (desktop) and 375 px (mobile), rendered for a sample recipient who received it (or the persona: \(HTML.escape(r.personaSource))).</p>\n"
        return out + "</header>\n"
    }

    static func section(_ s: SegmentPreview, _ r: PreviewResult, names: [String: String], thumbnails: [String: String]) -> String {
        var out = "<section class=\"segment\" data-segment=\"\(HTML.escape(s.name))\">\n"
        out +=
            "<h2>\(HTML.escape(s.name)) <span>\(s.routed) recipients routed here · \(s.rendered) rendered · \(s.suppressed) suppressed · \(s.held) held · \(s.permutations.count) permutations</span></h2>\n"
        // Permutations the segment's sample recipients received first; the other reachable ones folded.
        let received = s.permutations.filter { (r.permutation($0)?.counts[s.name] ?? 0) > 0 }
        let others = s.permutations.filter { (r.permutation($0)?.counts[s.name] ?? 0) == 0 }
        out += "<div class=\"grid\">\n"
        for id in received { if let p = r.permutation(id) { out += card(p, name: names[id] ?? id, segment: s.name, thumbnail: thumbnails[id]) } }
        if s.permutations.isEmpty { out += "<p class=\"none\">No permutation of this template reaches this segment.</p>\n" }
        out += "</div>\n"
        if !others.isEmpty {
            out +=
                "<details class=\"more\"><summary>\(others.count) more reachable permutation\(others.count == 1 ? "" : "s") that no sample recipient of this segment received</summary>\n<div class=\"grid\">\n"
            for id in others { if let p = r.permutation(id) { out += card(p, name: names[id] ?? id, segment: s.name, thumbnail: thumbnails[id]) } }
            out += "</div>\n</details>\n"
        }
        out += "</section>\n"
        return out
    }

    /// A card titled by `name` (the blocks that set it apart); the id is kept small beside it.
    static func card(_ p: PermutationPreview, name: String, segment: String, thumbnail: String?) -> String {
        let count = p.counts[segment] ?? 0
        var out =
            "<article class=\"card\" data-perm=\"\(HTML.escape(p.id))\" data-blocks=\" \(HTML.escape(p.blocks.joined(separator: " "))) \" data-change=\"\(p.change.rawValue)\">\n"
        out +=
            "<header><a class=\"name\" href=\"p/\(HTML.escape(p.id)).html\">\(HTML.escape(name))</a> <small class=\"id\">\(HTML.escape(p.id))</small>"
        out += " <span class=\"count\(count == 0 ? " zero" : "")\">\(count) recipient\(count == 1 ? "" : "s")</span>"
        if p.change != .unchanged { out += " <span class=\"badge \(p.change.rawValue)\">\(p.change.rawValue)</span>" }
        if !p.enumerated { out += " <span class=\"badge bad\">not enumerated</span>" }
        out += "</header>\n"
        if let thumbnail {
            out +=
                "<a class=\"thumb\" href=\"p/\(HTML.escape(p.id)).html\"><img src=\"\(HTML.escape(thumbnail))\" alt=\"\(HTML.escape(name)) at 600 and 375 px\" loading=\"lazy\"></a>\n"
        } else {
            // Frames are created by the script when the card scrolls into view (an iframe is a
            // whole document: a thousand of them up front would stall the page).
            out += "<div class=\"frames\">"
            out +=
                "<figure class=\"desktop\"><div class=\"viewport\" data-perm=\"\(HTML.escape(p.id))\" data-width=\"600\"></div><figcaption>600 px</figcaption></figure>"
            out +=
                "<figure class=\"mobile\"><div class=\"viewport\" data-perm=\"\(HTML.escape(p.id))\" data-width=\"375\"></div><figcaption>375 px</figcaption></figure>"
            out += "</div>\n"
        }
        out += "<dl>"
        out += "<dt>Subject</dt><dd>\(HTML.escape(p.subject.isEmpty ? "—" : p.subject))</dd>"
        out +=
            "<dt>Blocks</dt><dd>"
            + p.slots.map { "<span class=\"slot\">\(HTML.escape($0.slot)):</span> \(HTML.list($0.blocks))" }.joined(separator: "<br>") + "</dd>"
        out += "<dt>Claims</dt><dd>\(HTML.list(p.claims))</dd>"
        out += "<dt>Signals</dt><dd>\(HTML.list(p.signals, empty: p.personalized == [false] ? "none (default content)" : "—"))</dd>"
        let lintClass = p.lintErrors > 0 ? "bad" : p.lint.isEmpty ? "ok" : "warn"
        let lintTitle = p.lint.map { "\($0.file):\($0.line):\($0.column) \($0.rule): \($0.message)" }.joined(separator: "\n")
        out += "<dt>Lint</dt><dd class=\"\(lintClass)\" title=\"\(HTML.escape(lintTitle))\">\(HTML.escape(p.lintSummary))</dd>"
        if !p.guardReasons.isEmpty {
            out +=
                "<dt>Guard</dt><dd title=\"\(HTML.escape(p.guardReasons.map(\.description).joined(separator: "\n")))\">"
                + HTML.list(Array(Set(p.guardReasons.map(\.code))).sorted()) + "</dd>"
        }
        if p.renderStatus != "rendered" { out += "<dt>Render</dt><dd class=\"bad\">\(HTML.escape(p.renderStatus))</dd>" }
        let who = p.representative == "persona" ? "persona" : "recipient \(p.representative)"
        out +=
            "<dt>Shown for</dt><dd title=\"\(HTML.escape(p.representativeCases))\">\(HTML.escape(who))\(p.personalized == [false] ? " · default content" : "") · \(p.total) in all segments</dd>"
        out += "</dl>\n</article>\n"
        return out
    }

    static func goneSection(_ r: PreviewResult) -> String {
        var out =
            "<section class=\"gone\" data-segment=\"\"><h2>Gone since the baseline <span>\(r.gone.count) permutations no longer reachable</span></h2><ul>"
        for g in r.gone { out += "<li><code>\(HTML.escape(g.id))</code> \(HTML.list(g.blocks))</li>" }
        return out + "</ul></section>\n"
    }
}
