import Foundation

/// An MJML/HTML attribute as written: its value read from the Liquid-masked text (dynamic parts
/// are spaces) and where the value starts.
struct Attribute: Sendable {
    let name: String
    let value: String
    let valueOffset: Int
    /// True when Liquid fills the whole value (nothing static to judge).
    var isDynamic: Bool { value.trimmingCharacters(in: .whitespaces).isEmpty }
}

/// An opening (or self-closing) tag of the body.
struct Tag: Sendable {
    let name: String
    let offset: Int
    /// UTF-16 offset just after `>`.
    let end: Int
    let attributes: [Attribute]
    let selfClosing: Bool
    func attribute(_ name: String) -> Attribute? { attributes.first { $0.name == name } }
}

/// Tags, element contents and customer-visible copy of a body, read from the masked text with
/// a tolerant scanner (MJML validity is the MJML module's business; lint needs positions).
enum Markup {
    static let tagPattern = CompiledRegex(#"<([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*/?>"#)
    static let attrPattern = CompiledRegex(#"([^\s=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?"#)

    static func tags(_ src: LintSource) -> [Tag] {
        let ns = src.masked as NSString
        let body = NSRange(location: src.bodyStart, length: ns.length - src.bodyStart)
        return tagPattern.matches(src.masked, in: body).map { m in
            let name = ns.substring(with: m.range(at: 1)).lowercased()
            var attrs: [Attribute] = []
            let ar = m.range(at: 2)
            if ar.location != NSNotFound, ar.length > 0 {
                for a in attrPattern.matches(src.masked, in: ar) {
                    let valueRange = [2, 3, 4].map { a.range(at: $0) }.first { $0.location != NSNotFound }
                    attrs.append(
                        Attribute(
                            name: ns.substring(with: a.range(at: 1)).lowercased(),
                            value: valueRange.map { ns.substring(with: $0) } ?? "",
                            valueOffset: valueRange?.location ?? a.range.location))
                }
            }
            let closing = ns.substring(with: NSRange(location: m.range.location + m.range.length - 2, length: 1)) == "/"
            return Tag(name: name, offset: m.range.location, end: m.range.location + m.range.length, attributes: attrs, selfClosing: closing)
        }
    }

    /// The masked content between `tag` and its closing tag (inner tags blanked), with its offset.
    static func content(of tag: Tag, in src: LintSource) -> (text: String, offset: Int)? {
        guard !tag.selfClosing else { return nil }
        let ns = src.masked as NSString
        let rest = NSRange(location: tag.end, length: ns.length - tag.end)
        let close = ns.range(of: "</\(tag.name)>", options: [.caseInsensitive], range: rest)
        guard close.location != NSNotFound else { return nil }
        let inner = ns.substring(with: NSRange(location: tag.end, length: close.location - tag.end))
        return (blankTags(inner), tag.end)
    }

    static let liquidTag = CompiledRegex(#"\{%[\s\S]*?%\}"#)

    /// The element's text cut at Liquid tags (`{% if %}A{% else %}B{% endif %}` is two texts,
    /// each a possible rendering), with offsets; outputs (`{{ }}`) stay blanked inside a text.
    static func alternatives(of tag: Tag, in src: LintSource) -> [(text: String, offset: Int)] {
        guard let (text, offset) = content(of: tag, in: src) else { return [] }
        let raw = (src.text as NSString).substring(with: NSRange(location: offset, length: (text as NSString).length))
        var cuts = [0]
        for m in liquidTag.matches(raw) { cuts.append(m.range.location); cuts.append(m.range.location + m.range.length) }
        cuts.append((raw as NSString).length)
        var out: [(String, Int)] = []
        for i in stride(from: 0, to: cuts.count - 1, by: 2) where cuts[i + 1] > cuts[i] {
            out.append(((text as NSString).substring(with: NSRange(location: cuts[i], length: cuts[i + 1] - cuts[i])), offset + cuts[i]))
        }
        return out
    }

    static let blanked = [
        CompiledRegex(#"<!--[\s\S]*?-->"#),
        CompiledRegex(#"<(mj-style|style|mj-attributes)\b[^>]*>[\s\S]*?</\1>"#, caseInsensitive: true),
        CompiledRegex(#"<[^>]*>"#),
        CompiledRegex(#"&[A-Za-z0-9#]+;"#),
    ]

    /// Text with comments, style sheets, tags and entities turned into spaces (same length).
    static func blankTags(_ s: String) -> String {
        var units = Array(s.utf16)
        for p in blanked {
            for m in p.matches(String(decoding: units, as: UTF16.self)) {
                for k in m.range.location..<(m.range.location + m.range.length) where units[k] != 0x0A { units[k] = 0x20 }
            }
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Customer-visible copy of the whole file as one string of the file's length: the body's
    /// text (tags blanked) and the front matter's `subject` / `preheader` values; everything else
    /// is spaces, so match offsets are file offsets.
    static func copy(_ src: LintSource) -> String {
        var units = Array(src.masked.utf16)
        let fm = src.frontMatter
        // Front matter: keep only subject/preheader (and their continuation lines).
        if fm.length > 0 {
            var keep = false
            var i = fm.location
            let end = fm.location + fm.length
            while i < end {
                var j = i
                while j < end, units[j] != 0x0A { j += 1 }
                let line = String(decoding: units[i..<j], as: UTF16.self)
                let indented = line.first == " " || line.first == "\t"
                if !indented { keep = line.hasPrefix("subject:") || line.hasPrefix("preheader:") }
                let keyLength = !indented && keep ? (line.firstIndex(of: ":").map { line.utf16.distance(from: line.startIndex, to: $0) + 1 } ?? 0) : 0
                for k in i..<j where !keep || k < i + keyLength { units[k] = 0x20 }
                i = j + 1
            }
        }
        for k in 0..<min(src.bodyStart, units.count) where (k < fm.location || k >= fm.location + fm.length) && units[k] != 0x0A { units[k] = 0x20 }
        let head = String(decoding: units[0..<min(src.bodyStart, units.count)], as: UTF16.self)
        let body = blankTags(String(decoding: units[min(src.bodyStart, units.count)...], as: UTF16.self))
        return head + body
    }
}
