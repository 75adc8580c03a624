import Foundation

/// Blanks out what must never be linted while keeping every offset: Liquid tags and outputs
/// (and `{% comment %}` bodies), and the `.vale.ini` `BlockIgnores`/`TokenIgnores` patterns.
/// Masked characters become spaces; newlines stay, so lines and columns do not move.
enum Masking {
    static func liquid(_ u: [UInt16]) -> [UInt16] {
        var out = u
        var i = 0
        let n = u.count
        var commentDepth = 0
        while i + 1 < n {
            // `{{` opens an output, `{%` a tag.
            guard u[i] == Char16.openBrace, u[i + 1] == Char16.openBrace || u[i + 1] == Char16.percent else {
                if commentDepth > 0 && u[i] != Char16.newline { out[i] = Char16.space }
                i += 1; continue
            }
            let closer = u[i + 1] == Char16.openBrace ? Char16.closeBrace : Char16.percent
            var j = i + 2
            while j + 1 < n, !(u[j] == closer && u[j + 1] == Char16.closeBrace) { j += 1 }
            guard j + 1 < n else { break }
            let body = String(String(decoding: u[(i + 2)..<j], as: UTF16.self).trimmedSpace.drop(while: { $0 == "-" })).trimmedSpace
            if closer == Char16.percent {
                if body.hasPrefix("comment") || body.hasPrefix("raw") {
                    commentDepth += 1
                } else if body.hasPrefix("endcomment") || body.hasPrefix("endraw") {
                    commentDepth = max(0, commentDepth - 1)
                }
            }
            for k in i...(j + 1) where out[k] != Char16.newline { out[k] = Char16.space }
            i = j + 2
        }
        return out
    }

    /// A leading YAML (`---`) or TOML (`+++`) front matter block, blanked: it is metadata, not prose.
    static func frontMatter(_ u: [UInt16]) -> [UInt16] {
        let text = String(decoding: u.prefix(4), as: UTF16.self)
        guard text == "---\n" || text == "+++\n" else { return u }
        let fence = Array(text.utf16.prefix(3))
        var out = u
        var lineStart = 4
        var i = 4
        while i <= u.count {
            if i == u.count || u[i] == Char16.newline {
                let line = Array(u[lineStart..<i])
                // YAML's front matter may also end with `...`.
                if line == fence || (fence[0] == Char16.hyphen && line == [Char16.dot, Char16.dot, Char16.dot]) {
                    for k in 0..<i where out[k] != Char16.newline { out[k] = Char16.space }
                    return out
                }
                lineStart = i + 1
            }
            i += 1
        }
        return u
    }

    /// Markdown input after front matter, the config's ignore patterns and `$$` display math are blanked.
    static func markdown(_ u: [UInt16], config: VoiceConfig, path: String) throws -> [UInt16] {
        var out = frontMatter(u)
        let text = String(decoding: u, as: UTF16.self)
        let ns = text as NSString
        for p in config.patterns(config.blockIgnores, for: path) + config.patterns(config.tokenIgnores, for: path) {
            guard let re = try? Pattern(p) else { continue }
            let found: [RegexMatch]
            do { found = try re.matches(in: ns) } catch let limit as RegexLimitExceeded {
                throw VoiceError(
                    path: config.path,
                    "the ignore pattern '\(p)' ran past the regex time limit "
                        + "(\(limit.steps) steps) on \(path); simplify it, or raise RegexTimeLimit")
            }
            for m in found {
                for k in m.range.location..<NSMaxRange(m.range) where out[k] != Char16.newline { out[k] = Char16.space }
            }
        }
        // `$$ ... $$` display math is not prose.
        if let math = try? PatternCache.shared.pattern("(?ms)^[ \\t]*\\$\\$.*?\\$\\$[ \\t]*$") {
            for m in try math.matches(in: ns) {
                for k in m.range.location..<NSMaxRange(m.range) where out[k] != Char16.newline { out[k] = Char16.space }
            }
        }
        return out
    }
}
