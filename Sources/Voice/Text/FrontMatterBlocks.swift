import Foundation
import Yams

/// Markdown front matter (YAML between leading `---` lines): each top-level string value is
/// linted as its own block, scope `text.frontmatter.<key>.<ext>`, as Vale's `lintMetadata` does,
/// with each line of the value mapped to where it stands in the source.
enum FrontMatterBlocks {
    /// Front matter keys of an MJML template or block that hold copy (the rest is configuration).
    static let mjmlCopyKeys: Set<String> = ["subject", "preheader", "title", "description", "summary"]

    static func blocks(_ u: [UInt16], ext: String, only keys: Set<String>? = nil) -> [TextBlock] {
        guard u.count > 4, String(decoding: u.prefix(4), as: UTF16.self) == "---\n" else { return [] }
        // the closing fence
        var end = -1
        var lineStart = 4
        for i in 4...u.count where i == u.count || u[i] == 10 {
            let line = String(decoding: u[lineStart..<i], as: UTF16.self)
            if line == "---" || line == "..." { end = lineStart; break }
            lineStart = i + 1
        }
        guard end > 4 else { return [] }
        let yaml = String(decoding: u[4..<end], as: UTF16.self)
        guard let node = try? Yams.compose(yaml: yaml), let mapping = node.mapping else { return [] }
        var out: [TextBlock] = []
        for (k, v) in mapping {
            guard let key = k.string, keys?.contains(key) ?? true, case .scalar(let s) = v, isString(s), !s.string.isEmpty else { continue }
            // Map each line of the value onto the front matter text, searching forward.
            var units: [UInt16] = [], map: [Int] = []
            var cursor = 4 + ((k.mark?.line).map { lineOffset(u, line: $0) } ?? 0)
            var ok = true
            for (n, line) in s.string.components(separatedBy: "\n").enumerated() {
                if n > 0 { units.append(10); map.append(-1) }
                let l = Array(line.utf16)
                guard !l.isEmpty else { continue }
                guard let at = find(l, in: u, from: cursor, before: end) else { ok = false; break }
                units += l; map += Array(at..<(at + l.count))
                cursor = at + l.count
            }
            if ok { out.append(TextBlock(units: units, map: map, scope: "text.frontmatter.\(key)\(ext)")) }
        }
        return out
    }

    /// Whether YAML reads the scalar as a string (not a number, boolean or null), as Go's decoder does.
    private static func isString(_ s: Node.Scalar) -> Bool {
        if s.style != .plain { return true }
        let t = s.string
        if Int(t) != nil || Double(t) != nil { return false }
        return !["true", "false", "yes", "no", "on", "off", "null", "~", "True", "False", "TRUE", "FALSE", "Null", "NULL"].contains(t)
    }

    /// UTF-16 offset, within the YAML text, of the start of 1-based line `line`.
    private static func lineOffset(_ u: [UInt16], line: Int) -> Int {
        var l = 1, i = 4
        while l < line && i < u.count { if u[i] == 10 { l += 1 }; i += 1 }
        return i - 4
    }

    private static func find(_ needle: [UInt16], in u: [UInt16], from: Int, before end: Int) -> Int? {
        guard !needle.isEmpty, from + needle.count <= end else { return nil }
        var i = from
        while i + needle.count <= end {
            if u[i] == needle[0] && Array(u[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
