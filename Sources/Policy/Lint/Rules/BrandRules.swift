import Foundation

/// `brand.palette`, `brand.typography`, `brand.logo`: the look stays the brand's.
struct BrandRules: LintRule {
    let ids = ["brand.palette", "brand.typography", "brand.logo"]
    static let hex = Pattern(#"#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})(?![0-9A-Za-z])"#)
    static let cssFont = Pattern(#"font-family\s*:\s*([^;"}]+)"#, caseInsensitive: true)
    static let styleBlock = Pattern(#"<(mj-style|style)\b[^>]*>([\s\S]*?)</\1>"#, caseInsensitive: true)

    static func isColourAttribute(_ name: String) -> Bool {
        name.contains("color") || name.hasPrefix("background") || name.hasPrefix("border") || name == "style"
    }

    func check(_ file: LintFile, _ context: LintContext) -> [Finding] {
        var out: [Finding] = []
        let facts = context.brand.facts
        let palette = Set(facts.palette.map(\.hex))
        let fonts = facts.allowedFontFamilies
        // Colours and fonts: in attributes and in style sheets (masked text, so Liquid is ignored).
        var cssSpans: [(String, Int)] = []
        for tag in file.tags {
            for a in tag.attributes {
                if Self.isColourAttribute(a.name) { cssSpans.append((a.value, a.valueOffset)) }
                if a.name == "font-family" { out += fontFindings(a.value, at: a.valueOffset, fonts, file) }
                if a.name == "style" { out += cssFonts(a.value, a.valueOffset, fonts, file) }
            }
            if tag.name == "mj-font", let n = tag.attribute("name") { out += fontFindings(n.value, at: n.valueOffset, fonts, file) }
        }
        for m in Self.styleBlock.matches(file.source.masked, in: NSRange(location: file.source.bodyStart, length: (file.source.masked as NSString).length - file.source.bodyStart)) {
            let r = m.range(at: 2)
            let css = file.source.substring(r)
            cssSpans.append((css, r.location))
            out += cssFonts(css, r.location, fonts, file)
        }
        for (text, offset) in cssSpans {
            for m in Self.hex.matches(text) {
                let written = (text as NSString).substring(with: m.range)
                let normal = Self.normalise(written)
                if !palette.contains(normal) {
                    out.append(file.finding("brand.palette", .error, at: offset + m.range.location,
                                            "colour \(written) is not in the brand palette (expected one of \(facts.palette.map(\.hex).joined(separator: ", ")))"))
                }
            }
        }
        if let t = file.template, t.channel == "email", !t.bodySource.contains(facts.logo.url) && !(facts.logo.darkURL.map(t.bodySource.contains) ?? false) {
            out.append(file.fileFinding("brand.logo", .error, "template '\(t.id)' does not show the logo (expected an image with src \(facts.logo.url))"))
        }
        return out
    }

    static func normalise(_ hex: String) -> String {
        let digits = hex.dropFirst().uppercased()
        if digits.count == 3 { return "#" + digits.map { "\($0)\($0)" }.joined() }
        return "#" + digits
    }

    private func cssFonts(_ css: String, _ offset: Int, _ fonts: Set<String>, _ file: LintFile) -> [Finding] {
        Self.cssFont.matches(css).flatMap { m in
            fontFindings((css as NSString).substring(with: m.range(at: 1)), at: offset + m.range(at: 1).location, fonts, file)
        }
    }

    /// One finding per family of a `font-family` list that the brand's typography does not name.
    private func fontFindings(_ list: String, at offset: Int, _ fonts: Set<String>, _ file: LintFile) -> [Finding] {
        var out: [Finding] = []
        var start = 0
        for part in list.components(separatedBy: ",") {
            let lead = part.prefix { $0 == " " || $0 == "\"" || $0 == "'" }.utf16.count
            let name = part.trimmingCharacters(in: CharacterSet(charactersIn: " \"'\t\n!")).replacingOccurrences(of: "important", with: "")
                .trimmingCharacters(in: CharacterSet(charactersIn: " !"))
            if !name.isEmpty, !fonts.contains(name.lowercased()) {
                out.append(file.finding("brand.typography", .error, at: offset + start + lead,
                                        "font family '\(name)' is not in the brand typography"))
            }
            start += part.utf16.count + 1
        }
        return out
    }
}
