#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The HTML document around the body: `<head>` with MJML's base styles, fonts, media queries,
/// component styles and `mj-style`s, in MJML's order.
extension Renderer {
    static let baseStyles: StaticString = """
        <style type="text/css">
        #outlook a { padding:0; }
        body { margin:0;padding:0;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%; }
        table, td { border-collapse:collapse;mso-table-lspace:0pt;mso-table-rspace:0pt; }
        img { border:0;height:auto;line-height:100%; outline:none;text-decoration:none;-ms-interpolation-mode:bicubic; }
        p { display:block;margin:13px 0; }
        </style>
        <!--[if mso]>
        <noscript>
        <xml>
        <o:OfficeDocumentSettings>
        <o:AllowPNG/>
        <o:PixelsPerInch>96</o:PixelsPerInch>
        </o:OfficeDocumentSettings>
        </xml>
        </noscript>
        <![endif]-->
        <!--[if lte mso 11]>
        <style type="text/css">
        .mj-outlook-group-fix { width:100% !important; }
        </style>
        <![endif]-->

        """

    /// Writes the whole document: renders the body first (it registers what the head needs).
    mutating func renderDocument(lang: String, dir: String, explicitLang: String?, body: MJMLNode?) {
        var bodyOut = HTMLBuffer(capacity: out.storage.capacity)
        swap(&out, &bodyOut)
        if let body { MJBody.render(body, lang: lang, dir: dir, &self) }
        swap(&out, &bodyOut)

        for raw in fileStart { out.add(raw) }
        out.add("<!doctype html>\n<html")
        if body != nil {
            out.attr("lang", lang)
            out.attr("dir", dir)
        } else {
            out.attr("lang", explicitLang)
        }
        out.add(
            " xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">\n<head>\n<title>"
        )
        out.add(head.title)
        out.add(
            "</title>\n<!--[if !mso]><!-->\n<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">\n<!--<![endif]-->\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        )
        out.add(Renderer.baseStyles)
        bodyOut.withBytes { renderFonts(usedIn: $0) }
        renderMediaQueries()
        renderComponentStyles()
        // All mj-style blocks share one style element, as in MJML.
        let styles = head.styles.filter { !$0.inline || !options.inlineCSS }
        if !styles.isEmpty {
            out.add("<style type=\"text/css\">")
            for style in styles {
                out.add("\n")
                out.add(style.css)
            }
            out.add("</style>\n")
        }
        for raw in head.raw { out.add(raw) }
        if options.inlineCSS && !head.keptInlineCSS.isEmpty {
            out.add("<style type=\"text/css\">\n")
            out.add(head.keptInlineCSS)
            out.add("</style>\n")
        }
        guard body != nil else {
            out.add("</head>\n<body></body>\n</html>\n")
            return
        }
        out.add("</head>\n<body style=\"word-spacing:normal;")
        if let bg = bodyBackground {
            out.add("background-color:")
            out.add(bg)
            out.add(";")
        }
        out.add("\">\n")
        out.add(bodyOut)
        out.add("</body>\n</html>\n")
    }

    private mutating func renderFonts(usedIn body: UnsafeBufferPointer<UInt8>) {
        let families = FontScan.familyValues(in: body)
        var links = "", imports = ""
        for font in head.fonts where families.contains(where: { FontScan.contains($0, font.key) }) {
            links += "<link href=\"\(font.href)\" rel=\"stylesheet\" type=\"text/css\">\n"
            imports += "@import url(\(font.href));\n"
        }
        guard !links.isEmpty else { return }
        out.add("<!--[if !mso]><!-->\n")
        out.add(links)
        out.add("<style type=\"text/css\">\n")
        out.add(imports)
        out.add("</style>\n<!--<![endif]-->\n")
    }

    private mutating func renderMediaQueries() {
        guard !mediaQueries.isEmpty else { return }
        out.add("<style type=\"text/css\">\n@media only screen and (min-width:")
        out.add(head.breakpoint)
        out.add(") {\n")
        for q in mediaQueries {
            out.add(".\(q.className) { width:\(q.width) !important; max-width: \(q.width); }\n")
        }
        out.add("}\n</style>\n<style media=\"screen and (min-width:")
        out.add(head.breakpoint)
        out.add(")\">\n")
        for q in mediaQueries {
            out.add(".moz-text-html .\(q.className) { width:\(q.width) !important; max-width: \(q.width); }\n")
        }
        out.add("</style>\n")
        guard head.forceOWADesktop else { return }
        out.add("<style type=\"text/css\">\n")
        for q in mediaQueries {
            out.add("[owa] .\(q.className) { width:\(q.width) !important; max-width: \(q.width); }\n")
        }
        out.add("</style>\n")
    }

    private mutating func renderComponentStyles() {
        guard !componentStyles.isEmpty || !extraStyles.isEmpty else { return }
        let lower = "\(fmt((parseFloatJS(head.breakpoint) ?? 480) - 1))px"
        out.add("<style type=\"text/css\">\n")
        for tag in componentStyles {
            out.add(Components.named(tag)?.headStyle(lowerBreakpoint: lower) ?? "")
        }
        for s in extraStyles { out.add(s) }
        out.add("</style>\n")
    }
}

/// Finds the font-family values used in the rendered body, as MJML does: the text after each
/// `font-family:` up to the closing quote of the attribute it sits in.
enum FontScan {
    /// Distinct values (lowercased), so each declared font is tested against a handful only.
    static func familyValues(in p: UnsafeBufferPointer<UInt8>) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var raw: [[UInt8]] = []
        let needle: [UInt8] = Array("font-family:".utf8)
        do {
            guard let base = p.baseAddress else { return out }
            let n = p.count
            var i = 0
            // Find each "y:" (memchr on 'y'), then check for the "font-famil" before it.
            while i < n, let q = memchr(base + i, 121, n - i) {
                let y = base.distance(to: q.assumingMemoryBound(to: UInt8.self))
                i = y + 1
                guard y >= 10, y + 1 < n, p[y + 1] == 58 else { continue }
                var match = true
                for k in 0..<10 where p[y - 10 + k] != needle[k] { match = false; break }
                if !match { continue }
                let start = y + 2
                var j: Int
                if let e = memchr(base + start, 34, n - start) {
                    j = base.distance(to: e.assumingMemoryBound(to: UInt8.self))
                } else {
                    j = n
                }
                let slice = UnsafeBufferPointer(rebasing: p[start..<j])
                // Dedupe on the raw bytes (values repeat on every styled element).
                if !raw.contains(where: { $0.elementsEqual(slice) }) {
                    raw.append(Array(slice))
                    out.append(slice.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 })
                }
                i = j
            }
        }
        return out
    }

    /// `hay` is already lowercased; `needle` is a lowercased font name.
    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard hay.count >= needle.count else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
