import Foundation

/// What is written at a place in a document, found on its line with small patterns: the
/// server needs to know "a claim id", "a data path", "an include path", not a full parse
/// (the text is often half-typed, and the compiled catalog is the Service's business).
struct Syntax {
    let lines: LineIndex

    /// A piece of a line: its text and its range in the document.
    struct Piece: Equatable {
        var text: String
        var range: TextRange
    }

    // `{% claim "id" %}` (also `{%- claim 'id' -%}`); the id may still be open while typed.
    static let claimTag = try! NSRegularExpression(pattern: #"\{%-?\s*claim\s+(["'])([A-Za-z0-9_.\-]*)(["']?)"#)
    static let dataPath = try! NSRegularExpression(pattern: #"recipient(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]|\[["'][^"'\]]*["']\])*\.?"#)
    static let includePath = try! NSRegularExpression(pattern: #"<mj-include\b[^>]*?\bpath\s*=\s*(["'])([^"']*)\1"#)
    // `{% render 'name' %}` / `{% include "name" %}` (also `{%- … -%}`): the partial's name.
    static let liquidPartial = try! NSRegularExpression(pattern: #"\{%-?\s*(?:render|include)\s+(["'])([^"'\n]*)\1"#)
    static let identifier = try! NSRegularExpression(pattern: #"[A-Za-z0-9_][A-Za-z0-9_\-]*"#)

    /// Matches of `regex` on the line of `p`, with the range of capture `group` containing `p`.
    private func match(_ regex: NSRegularExpression, group: Int, at p: Position) -> (NSTextCheckingResult, Piece)? {
        let line = lines.line(p.line) as NSString
        for m in regex.matches(in: line as String, range: NSRange(location: 0, length: line.length)) {
            let r = m.range(at: group)
            guard r.location != NSNotFound, r.location <= p.character, p.character <= r.location + r.length else { continue }
            let piece = Piece(
                text: line.substring(with: r),
                range: TextRange(
                    Position(line: p.line, character: r.location),
                    Position(line: p.line, character: r.location + r.length)))
            return (m, piece)
        }
        return nil
    }

    /// The claim id of a `{% claim "…" %}` tag when `p` is in it (the id typed so far included).
    func claimID(at p: Position) -> Piece? { match(Self.claimTag, group: 2, at: p)?.1 }

    /// A claim id listed in front matter (`claims: [a, b]` or `- a` under `claims:`).
    func frontMatterClaimID(at p: Position) -> Piece? {
        guard let key = frontMatterKey(at: p), key == "claims" else { return nil }
        return word(at: p)
    }

    /// `recipient.…` at `p` (a trailing dot kept: completion asks at `recipient.profile.`).
    func dataPath(at p: Position) -> Piece? { match(Self.dataPath, group: 0, at: p)?.1 }

    /// The `path` of an `<mj-include>` when `p` is in it.
    func includePath(at p: Position) -> Piece? { match(Self.includePath, group: 2, at: p)?.1 }

    /// The partial named by a Liquid `render` or `include` tag when `p` is in its name.
    func liquidPartial(at p: Position) -> Piece? { match(Self.liquidPartial, group: 2, at: p)?.1 }

    /// The identifier (letters, digits, `_`, `-`) at `p`.
    func word(at p: Position) -> Piece? { match(Self.identifier, group: 0, at: p)?.1 }

    // MARK: Front matter

    /// 0-based lines of the opening and closing `---` fences, when the document has front matter.
    var frontMatterFences: (open: Int, close: Int)? {
        guard lines.lineCount > 1, lines.line(0).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "") == "---" else {
            return nil
        }
        for i in 1..<lines.lineCount where lines.line(i).trimmingCharacters(in: .whitespaces) == "---" { return (0, i) }
        return nil
    }

    func inFrontMatter(_ p: Position) -> Bool {
        guard let f = frontMatterFences else { return false }
        return p.line > f.open && p.line < f.close
    }

    /// The top-level front-matter key whose value `p` is in (`tags` for `tags: [a, |]` or for a
    /// `- item` line under `tags:`), nil outside front matter or before the colon.
    func frontMatterKey(at p: Position) -> String? {
        guard inFrontMatter(p), let f = frontMatterFences else { return nil }
        var n = p.line
        while n > f.open {
            let text = lines.line(n)
            if let colon = text.firstIndex(of: ":"), !text.hasPrefix(" "), !text.hasPrefix("\t"), !text.hasPrefix("-") {
                let key = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
                if n == p.line, p.character <= text[..<colon].utf16.count { return nil }
                return key
            }
            n -= 1
        }
        return nil
    }

    /// The 0-based line of a top-level front-matter key (`suppress:`), if present.
    func frontMatterLine(of key: String) -> Int? {
        guard let f = frontMatterFences else { return nil }
        return (f.open + 1..<f.close).first { lines.line($0).hasPrefix(key + ":") }
    }

    // MARK: Ranges of findings

    /// Where a finding that gives only its start ends: a Liquid tag or output to its close, an
    /// HTML tag to its `>`, a quoted value to its quote, else the run of text up to a space or
    /// markup character; never past the line, and at least one character when the line has one.
    func extent(from start: Position) -> Position {
        let units = lines.units
        let o = lines.offset(start)
        let end = lines.offset(Position(line: start.line, character: Int.max / 2))
        func find(_ a: UInt16, _ b: UInt16?, from i: Int) -> Int? {
            var j = i
            while j < end {
                if units[j] == a, b == nil || (j + 1 < end && units[j + 1] == b!) { return j + (b == nil ? 1 : 2) }
                j += 1
            }
            return nil
        }
        guard o < end else { return lines.position(offset: o) }
        let brace: UInt16 = 0x7B, percent: UInt16 = 0x25, close: UInt16 = 0x7D
        var stop: Int
        if units[o] == brace, o + 1 < end, units[o + 1] == percent || units[o + 1] == brace {
            stop = find(units[o + 1] == percent ? percent : close, close, from: o + 2) ?? end
        } else if units[o] == 0x3C {  // <
            stop = find(0x3E, nil, from: o + 1) ?? end
        } else if units[o] == 0x22 || units[o] == 0x27 {  // a quoted value
            stop = find(units[o], nil, from: o + 1) ?? end
        } else {
            stop = o
            let breaks: Set<UInt16> = [0x20, 0x09, 0x3C, 0x3E, 0x22, 0x27, 0x0D]
            while stop < end, !breaks.contains(units[stop]) { stop += 1 }
        }
        return lines.position(offset: max(stop, o + 1))
    }
}
