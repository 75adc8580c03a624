/// A small tolerant MJML tokenizer and tree builder over UTF-8 bytes.
///
/// Why not an XML or HTML library: XML parsers reject `&nbsp;`, HTML parsers re-nest unknown
/// tags; MJML needs neither. The builder is iterative (an explicit stack, no recursion), so
/// hostile nesting cannot exhaust the call stack; elements nested deeper than `maxDepth` are
/// reported and dropped.
struct Parser {
    static let maxDepth = 64
    static let maxDiagnostics = 200
    /// HTML void elements never have content, even when written without `/>`.
    static let voidHTML: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr",
    ]

    private let bytes: [UInt8]
    private var pos = 0
    private let lines: LineTable
    private(set) var diagnostics: [MJMLDiagnostic] = []
    private var stack: [MJMLNode] = []
    /// Elements opened beyond `maxDepth`: their names, so their closing tags are consumed quietly.
    private var dropped: [String] = []
    private let file: String?

    /// Depth limit of this parse (smaller for included files, which sit below their include).
    private let depthLimit: Int

    init(bytes: [UInt8], file: String? = nil, maxDepth: Int = Parser.maxDepth) {
        self.bytes = bytes
        self.depthLimit = max(1, maxDepth)
        self.lines = LineTable(bytes)
        self.file = file
    }

    /// Parses everything; returns a synthetic root whose children are the top-level nodes.
    mutating func parse() -> MJMLNode {
        stack = [MJMLNode(kind: .element, tag: "#root", line: 1, column: 1)]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
        while pos < bytes.count {
            if bytes[pos] == UInt8(ascii: "<") {
                parseMarkup()
            } else {
                parseText()
            }
        }
        while stack.count > 1 {
            let open = stack[stack.count - 1]
            report(.warning, at: open.line, open.column, "<\(open.tag)> is never closed; closed at end of input")
            closeTop()
        }
        return stack[0]
    }

    // MARK: - markup

    private mutating func parseMarkup() {
        if startsWith("<!--") {
            parseComment()
        } else if startsWith("</") {
            parseEndTag()
        } else if pos + 1 < bytes.count, isNameStart(bytes[pos + 1]) {
            parseStartTag()
        } else if startsWith("<!") || startsWith("<?") {
            pos = indexOf(UInt8(ascii: ">"), from: pos).map { $0 + 1 } ?? bytes.count
        } else {
            // A lone '<': keep it as text.
            let start = pos
            pos += 1
            appendText(from: start, to: pos)
        }
    }

    private mutating func parseComment() {
        let start = pos
        let bodyStart = pos + 4
        let end = find("-->", from: bodyStart)
        let bodyEnd = end ?? bytes.count
        pos = end.map { $0 + 3 } ?? bytes.count
        if end == nil { report(.warning, offset: start, "comment is never closed (expected '-->')") }
        guard dropped.isEmpty else { return }
        var node = makeNode(.comment, tag: "", offset: start)
        node.content = string(bodyStart, bodyEnd)
        appendChild(node)
    }

    private mutating func parseEndTag() {
        let start = pos
        pos += 2
        let name = readName()
        pos = indexOf(UInt8(ascii: ">"), from: pos).map { $0 + 1 } ?? bytes.count
        if let last = dropped.last, last == name {
            dropped.removeLast()
            return
        }
        guard let depth = stack.lastIndex(where: { $0.tag == name }), depth > 0 else {
            report(.warning, offset: start, "unexpected closing tag </\(name)>; ignored")
            return
        }
        while stack.count - 1 > depth {
            let open = stack[stack.count - 1]
            report(.warning, at: open.line, open.column, "<\(open.tag)> is not closed before </\(name)>")
            closeTop()
        }
        closeTop()
    }

    private mutating func parseStartTag() {
        let start = pos
        pos += 1
        let name = readName()
        var node = makeNode(.element, tag: name, offset: start)
        let selfClosing = readAttributes(into: &node)
        if !dropped.isEmpty || stack.count > depthLimit {
            if dropped.isEmpty {
                report(.error, offset: start, "elements nested deeper than \(Parser.maxDepth) levels (includes count) are not rendered")
            }
            if !selfClosing && !Components.isEnding(name) { dropped.append(name) }
            if !selfClosing && Components.isEnding(name) { _ = readRawContent(of: name, openedAt: start) }
            return
        }
        if selfClosing || Parser.voidHTML.contains(name) {
            appendChild(node)
        } else if Components.isEnding(name) {
            node.content = readRawContent(of: name, openedAt: start)
            appendChild(node)
        } else {
            stack.append(node)
        }
    }

    /// Reads attributes up to `>`; returns true for `/>`.
    private mutating func readAttributes(into node: inout MJMLNode) -> Bool {
        var names = AttributeNames()
        while pos < bytes.count {
            skipSpace()
            guard pos < bytes.count else { break }
            let c = bytes[pos]
            if c == UInt8(ascii: ">") { pos += 1; return false }
            if c == UInt8(ascii: "/") {
                if pos + 1 < bytes.count, bytes[pos + 1] == UInt8(ascii: ">") { pos += 2; return true }
                pos += 1
                continue
            }
            let nameStart = pos
            while pos < bytes.count, !isSpace(bytes[pos]), bytes[pos] != UInt8(ascii: "="),
                bytes[pos] != UInt8(ascii: ">"), !(bytes[pos] == UInt8(ascii: "/") && pos + 1 < bytes.count && bytes[pos + 1] == UInt8(ascii: ">"))
            {
                pos += 1
            }
            if pos == nameStart { pos += 1; continue }
            let name = string(nameStart, pos)
            skipSpace()
            var value = ""
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "=") {
                pos += 1
                skipSpace()
                value = readAttributeValue()
            }
            if names.insert(name, among: node.attributes) {
                node.attributes.append((name, value))
            } else {
                report(.warning, offset: nameStart, "duplicate attribute '\(name)'; the first one is used")
            }
        }
        report(.error, at: node.line, node.column, "tag <\(node.tag)> is not terminated (expected '>')")
        return true
    }

    private mutating func readAttributeValue() -> String {
        guard pos < bytes.count else { return "" }
        let q = bytes[pos]
        if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
            let start = pos + 1
            guard let end = indexOf(q, from: start) else {
                report(.error, offset: pos, "attribute value is never closed (expected \(q == 34 ? "'\"'" : "\"'\""))")
                pos = bytes.count
                return string(start, bytes.count)
            }
            pos = end + 1
            return string(start, end)
        }
        let start = pos
        while pos < bytes.count, !isSpace(bytes[pos]), bytes[pos] != UInt8(ascii: ">") { pos += 1 }
        return string(start, pos)
    }

    /// Everything up to the matching `</name>`, verbatim.
    private mutating func readRawContent(of name: String, openedAt start: Int) -> String {
        let contentStart = pos
        let closer = Array("</\(name)".utf8)
        var search = pos
        while let hit = find(closer, from: search) {
            let after = hit + closer.count
            if after >= bytes.count || bytes[after] == UInt8(ascii: ">") || isSpace(bytes[after]) {
                pos = indexOf(UInt8(ascii: ">"), from: after).map { $0 + 1 } ?? bytes.count
                return string(contentStart, hit)
            }
            search = after
        }
        report(.error, offset: start, "<\(name)> is never closed (expected </\(name)>)")
        pos = bytes.count
        return string(contentStart, bytes.count)
    }

    // MARK: - text

    private mutating func parseText() {
        let start = pos
        pos = indexOf(UInt8(ascii: "<"), from: pos) ?? bytes.count
        appendText(from: start, to: pos)
    }

    private mutating func appendText(from start: Int, to end: Int) {
        guard dropped.isEmpty else { return }
        var allSpace = true
        for i in start..<end where !isSpace(bytes[i]) { allSpace = false; break }
        if allSpace { return }
        var node = makeNode(.text, tag: "", offset: start)
        node.content = string(start, end)
        appendChild(node)
    }

    // MARK: - tree

    private mutating func appendChild(_ node: MJMLNode) {
        stack[stack.count - 1].children.append(node)
    }

    private mutating func closeTop() {
        let node = stack.removeLast()
        stack[stack.count - 1].children.append(node)
    }

    private func makeNode(_ kind: MJMLNode.Kind, tag: String, offset: Int) -> MJMLNode {
        let (line, column) = lines.position(of: offset)
        return MJMLNode(kind: kind, tag: tag, line: line, column: column)
    }

    // MARK: - diagnostics

    private mutating func report(_ severity: MJMLDiagnostic.Severity, offset: Int, _ message: String) {
        let (line, column) = lines.position(of: offset)
        report(severity, at: line, column, message)
    }

    private mutating func report(_ severity: MJMLDiagnostic.Severity, at line: Int, _ column: Int, _ message: String) {
        if diagnostics.count == Parser.maxDiagnostics {
            diagnostics.append(
                MJMLDiagnostic(
                    severity: .warning, line: line, column: column,
                    message: "too many problems; further diagnostics suppressed", file: file))
        }
        guard diagnostics.count < Parser.maxDiagnostics else { return }
        diagnostics.append(MJMLDiagnostic(severity: severity, line: line, column: column, message: message, file: file))
    }

    // MARK: - bytes

    private func startsWith(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard pos + n <= bytes.count else { return false }
        let p = s.utf8Start
        for i in 0..<n where bytes[pos + i] != p[i] { return false }
        return true
    }

    private func find(_ s: StaticString, from: Int) -> Int? {
        find(Array(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)), from: from)
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard let first = needle.first else { return from }
        var i = from
        while let hit = indexOf(first, from: i) {
            if hit + needle.count > bytes.count { return nil }
            var ok = true
            for j in 1..<needle.count where bytes[hit + j] != needle[j] { ok = false; break }
            if ok { return hit }
            i = hit + 1
        }
        return nil
    }

    private func indexOf(_ byte: UInt8, from: Int) -> Int? {
        var i = from
        while i < bytes.count {
            if bytes[i] == byte { return i }
            i += 1
        }
        return nil
    }

    private mutating func readName() -> String {
        let start = pos
        while pos < bytes.count {
            let c = bytes[pos]
            if isSpace(c) || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") { break }
            pos += 1
        }
        return string(start, pos)
    }

    private mutating func skipSpace() {
        while pos < bytes.count, isSpace(bytes[pos]) { pos += 1 }
    }

    private func string(_ start: Int, _ end: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }
}

/// Duplicate detection for one tag's attributes: a scan of the few a tag usually has, a set
/// once there are many (a hostile tag with 20,000 attributes must not cost 20,000² comparisons).
struct AttributeNames {
    static let scanLimit = 16
    private var set: Set<String>?

    /// Records `name`; false when the tag already has it. `existing` are the names kept so far.
    mutating func insert(_ name: String, among existing: [(name: String, value: String)]) -> Bool {
        if set == nil {
            if existing.count < AttributeNames.scanLimit { return !existing.contains { $0.name == name } }
            set = Set(existing.map(\.name))
        }
        return set!.insert(name).inserted
    }
}

@inline(__always) func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C
}

@inline(__always) func isNameStart(_ c: UInt8) -> Bool {
    (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A)
}

/// Offsets of line starts, for line:col of any byte offset (columns count characters).
/// Remembers the last answer so that increasing offsets on one long line cost O(distance),
/// not O(line length) each (a 100 KB one-line file would otherwise be quadratic).
final class LineTable {
    private var starts: [Int] = [0]
    private let bytes: [UInt8]
    private var lastOffset = -1, lastLine = 0, lastColumn = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
    }

    func position(of offset: Int) -> (Int, Int) {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var col = 1
        var i = starts[lo]
        if lastLine == lo, lastOffset >= i, lastOffset <= offset {
            col = lastColumn
            i = lastOffset
        }
        while i < offset && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        lastLine = lo
        lastOffset = offset
        lastColumn = col
        return (lo + 1, col)
    }
}
