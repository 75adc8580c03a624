/// Where each part of a composed Liquid source came from. A template's body is its file with
/// `mj-include`d partials inlined and their heads merged, and a permutation adds the chosen
/// blocks' bodies: a line of that text is no line of any file. While the text is assembled,
/// markers (`SourceOrigins.marker`) are written where a file's text starts or resumes; `strip`
/// removes them before Liquid parses the text and keeps their places, so an error at a UTF-8
/// offset of the parsed text names the real file, line and column.
public struct SourceOrigins: Sendable {
    /// A file's text resumes at `offset` (UTF-8, in the stripped text) at `line`:`column`.
    struct Mark: Sendable {
        let offset: Int
        let file: String
        let line: Int
        let column: Int
    }
    let marks: [Mark]

    /// Private-use scalars: template text has no business holding them (holes use U+E000/U+E001).
    static let open: Character = "\u{E002}", separator: Character = "\u{E004}", close: Character = "\u{E003}"

    /// Text saying "what follows is `file` from `line`:`column`".
    static func marker(_ file: String, _ line: Int, _ column: Int) -> String {
        "\(open)\(file)\(separator)\(line)\(separator)\(column)\(close)"
    }

    /// The text without markers, and where its parts came from.
    static func strip(_ text: String) -> (String, SourceOrigins) {
        guard text.contains(open) else { return (text, SourceOrigins(marks: [])) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var marks: [Mark] = []
        var rest = Substring(text)
        while let start = rest.firstIndex(of: open), let end = rest[start...].firstIndex(of: close) {
            out += rest[..<start]
            let fields = rest[rest.index(after: start)..<end].split(separator: separator, omittingEmptySubsequences: false)
            if fields.count == 3, let line = Int(fields[1]), let column = Int(fields[2]) {
                let mark = Mark(offset: out.utf8.count, file: String(fields[0]), line: line, column: column)
                if marks.last?.offset == mark.offset { marks[marks.count - 1] = mark } else { marks.append(mark) }
            }
            rest = rest[rest.index(after: end)...]
        }
        out += rest
        return (out, SourceOrigins(marks: marks))
    }

    /// File, line and column (in Unicode scalars) of a UTF-8 offset of the stripped `text`;
    /// nil before the first mark.
    public func place(ofUTF8 offset: Int, in text: String) -> (file: String, line: Int, column: Int)? {
        guard let mark = marks.last(where: { $0.offset <= offset }) else { return nil }
        let utf8 = Array(text.utf8)
        let end = min(offset, utf8.count)
        guard mark.offset <= end else { return nil }
        var line = mark.line, lineStart = mark.offset, newline = false
        for i in mark.offset..<end where utf8[i] == 0x0A { line += 1; lineStart = i + 1; newline = true }
        let scalars = String(decoding: utf8[lineStart..<end], as: UTF8.self).unicodeScalars.count
        return (mark.file, line, newline ? scalars + 1 : mark.column + scalars)
    }

    /// Where a position of marked (not yet stripped) text comes from: the last marker before
    /// it, counted forward. Used while assembling, to mark where text resumes after a cut.
    static func position(of index: String.Index, in text: String) -> (file: String, line: Int, column: Int)? {
        let (stripped, origins) = strip(String(text[..<index]))
        return origins.place(ofUTF8: stripped.utf8.count, in: stripped)
    }
}
