import Liquid

/// Writes output records as NDJSON lines (keys in issue 6's order) into a reused buffer.
public enum NDJSONWriter {
    public static func append(_ r: RenderedRecipient, to out: inout [UInt8]) {
        append(r, bodyFiles: nil, to: &out)
    }

    /// With `bodyFiles` and no skeleton (a `manifest.ndjson` line of `--format files`), `html`
    /// and `text` name the files the bodies were written to instead of being empty. The names
    /// are written as they are: `EMLWriter.fileName` makes them from ASCII letters, digits and
    /// `-_.%~`, nothing JSON escapes.
    public static func append(_ r: RenderedRecipient, bodyFiles: (html: String, text: String)?, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        if let id = r.id { JSONEscape.string(id, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","status":""#.utf8)
        out.append(contentsOf: r.status.rawValue.utf8)
        out.append(contentsOf: #"","template":"#.utf8)
        if let t = r.template { JSONEscape.string(t, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: (r.personalized ? #","personalized":true,"subject":"# : #","personalized":false,"subject":"#).utf8)
        JSONEscape.string(r.subject, to: &out)
        out.append(contentsOf: #","preheader":"#.utf8)
        JSONEscape.string(r.preheader, to: &out)
        out.append(contentsOf: #","html":""#.utf8)
        if let s = r.skeleton { Fill.html(s.html, r.holes, json: true, into: &out) } else if let f = bodyFiles { out.append(contentsOf: f.html.utf8) }
        out.append(contentsOf: #"","text":""#.utf8)
        if let s = r.skeleton { Fill.text(s.text, r.holes, json: true, into: &out) } else if let f = bodyFiles { out.append(contentsOf: f.text.utf8) }
        out.append(contentsOf: #"","blocks":"#.utf8)
        strings(r.blocks, to: &out)
        out.append(contentsOf: #","claims":"#.utf8)
        strings(r.claims, to: &out)
        out.append(contentsOf: #","signals":"#.utf8)
        strings(r.signals, to: &out)
        if !r.assignments.arms.isEmpty {
            // Only templates with experiments carry the key (other records stay byte for byte as before).
            out.append(contentsOf: #","experiments":{"#.utf8)
            for (i, a) in r.assignments.arms.enumerated() {
                if i > 0 { out.append(0x2C) }
                JSONEscape.string(a.experiment, to: &out)
                out.append(0x3A)
                JSONEscape.string(a.arm, to: &out)
            }
            out.append(0x7D)
        }
        out.append(contentsOf: #","reasons":["#.utf8)
        for (i, reason) in r.reasons.enumerated() {
            if i > 0 { out.append(0x2C) }
            reason.appendJSON(to: &out)
        }
        out.append(contentsOf: "]}\n".utf8)
    }

    static func strings(_ list: [String], to out: inout [UInt8]) {
        out.append(0x5B)
        for (i, s) in list.enumerated() {
            if i > 0 { out.append(0x2C) }
            JSONEscape.string(s, to: &out)
        }
        out.append(0x5D)
    }
}
