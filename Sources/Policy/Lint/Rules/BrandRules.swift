import Foundation

/// `brand.palette`, `brand.typography`, `brand.logo`: the look stays the brand's.
struct BrandRules: LintRule {
    let ids = ["brand.palette", "brand.typography", "brand.logo"]
    static let hex = CompiledRegex(#"#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})(?![0-9A-Za-z])"#)
    static let cssFont = CompiledRegex(#"font-family\s*:\s*([^;"}]+)"#, caseInsensitive: true)
    static let styleBlock = CompiledRegex(#"<(mj-style|style)\b[^>]*>([\s\S]*?)</\1>"#, caseInsensitive: true)

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
                if a.name == "font-family" {
                    out += fontFindings(a.value, at: a.valueOffset, fonts, file)
                    out += unparsableFamilies(a.value, at: a.valueOffset, file)
                }
                if a.name == "style" { out += cssFonts(a.value, a.valueOffset, fonts, file) }
            }
            if tag.name == "mj-font", let n = tag.attribute("name") { out += fontFindings(n.value, at: n.valueOffset, fonts, file) }
        }
        for m in Self.styleBlock.matches(
            file.source.masked, in: NSRange(location: file.source.bodyStart, length: (file.source.masked as NSString).length - file.source.bodyStart))
        {
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
                    out.append(
                        file.finding(
                            "brand.palette", .error, at: offset + m.range.location,
                            "colour \(written) is not in the brand palette (expected one of \(facts.palette.map(\.hex).joined(separator: ", ")))"))
                }
            }
        }
        if let t = file.template, t.channel == "email",
            !t.bodySource.contains(facts.logo.url) && !(facts.logo.darkURL.map(t.bodySource.contains) ?? false)
        {
            out.append(
                file.fileFinding("brand.logo", .error, "template '\(t.id)' does not show the logo (expected an image with src \(facts.logo.url))"))
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
            let list = (css as NSString).substring(with: m.range(at: 1)), at = offset + m.range(at: 1).location
            return fontFindings(list, at: at, fonts, file) + unparsableFamilies(list, at: at, file)
        }
    }

    /// A `font-family` list CSS rejects as a whole: an unquoted family must be a run of CSS
    /// identifiers, so a word such as the `3` of `Source Sans 3` makes the declaration invalid
    /// and every client falls back to its default (serif) font. One finding per such family.
    private func unparsableFamilies(_ list: String, at offset: Int, _ file: LintFile) -> [Finding] {
        var out: [Finding] = []
        var start = 0
        for part in list.components(separatedBy: ",") {
            defer { start += part.utf16.count + 1 }
            let name = part.replacingOccurrences(of: "!important", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard let first = name.first, first != "\"", first != "'" else { continue }
            guard let bad = name.split(whereSeparator: \.isWhitespace).first(where: { !Self.isIdentifier($0) }) else { continue }
            let lead = part.prefix { $0.isWhitespace }.utf16.count
            out.append(
                file.finding(
                    "brand.typography", .error, at: offset + start + lead,
                    "font-family \(list.trimmingCharacters(in: .whitespaces)) is invalid CSS: in the unquoted family '\(name)', '\(bad)' is not an identifier, so clients drop the whole declaration; quote the family ('\(name)')"
                ))
        }
        return out
    }

    /// A CSS identifier (escapes aside): starts with a letter, `_`, a non-ASCII character, or
    /// `-` followed by one of those or `-`; continues with those, digits and `-`.
    static func isIdentifier(_ word: Substring) -> Bool {
        func start(_ c: Character) -> Bool { c.isLetter || c == "_" || !c.isASCII }
        func rest(_ c: Character) -> Bool { start(c) || c.isNumber || c == "-" }
        guard let c0 = word.first else { return false }
        if c0 == "-" {
            guard let c1 = word.dropFirst().first, start(c1) || c1 == "-" else { return false }
        } else if !start(c0) {
            return false
        }
        return word.allSatisfy(rest)
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
                out.append(
                    file.finding(
                        "brand.typography", .error, at: offset + start + lead,
                        "font family '\(name)' is not in the brand typography"))
            }
            start += part.utf16.count + 1
        }
        return out
    }
}
