import Liquid
import MJML

/// One part of a skeleton (HTML or text), cut at its placeholders: the static bytes in one
/// contiguous buffer, raw and pre-escaped for a JSON string (so NDJSON output only escapes the
/// hole values), and after each cut the hole filled there (-1: none).
struct Segments {
    var raw: [UInt8] = []
    var json: [UInt8] = []
    /// Per segment: end offsets in `raw` and `json`, and the hole after it.
    var cuts: [(raw: Int, json: Int, hole: Int)] = []

    mutating func append(_ bytes: ArraySlice<UInt8>, hole: Int) {
        raw.append(contentsOf: bytes)
        JSONEscape.appendEscaped(bytes, to: &json)
        cuts.append((raw.count, json.count, hole))
    }

    var holes: [Int] { cuts.map(\.hole) }
}

/// The HTML and text of one skeleton (a permutation's MJML with placeholders for its values),
/// rendered once by the MJML module and cut at the placeholders. A class: every output record
/// refers to its skeleton, and a reference is one retain where the six arrays were six.
final class Skeleton: Sendable {
    let html: Segments
    let text: Segments
    /// Set when MJML dropped or mangled a placeholder: values change the structure here, so
    /// this skeleton must not be reused with other values (it was rendered with values inline).
    let valueStructural: Bool
    /// Where the holes land in the HTML (URL, CSS, script…), for the per-recipient value check.
    let contexts: HoleContexts

    init(html: Segments, text: Segments, valueStructural: Bool = false) {
        self.html = html
        self.text = text
        self.valueStructural = valueStructural
        contexts = valueStructural ? .none : HoleContexts(html: html)
    }

    /// Why these values must not be sent in this skeleton (a value makes a link, CSS or script),
    /// or nil. Skeletons rendered with values inline get the narrower check of values alone.
    func unsafeValues(_ holes: [Hole]) -> Reason? {
        valueStructural ? HoleContexts.inlineProblem(holes) : contexts.problem(holes)
    }

    /// Renders skeleton MJML and cuts it; nil when a placeholder did not survive intact.
    static func build(mjml: [UInt8], holeCount: Int) -> Skeleton? {
        let doc = MJML.parse(bytes: mjml, options: MJMLParseOptions(validation: .skip))
        let html = MJML.renderBytes(doc)
        let text = Array(MJML.renderText(doc).utf8)
        guard let h = cut(html, holeCount: holeCount, requireAll: true), let t = cut(text, holeCount: holeCount, requireAll: false) else {
            return nil
        }
        return Skeleton(html: h, text: t)
    }

    /// A skeleton without holes: MJML rendered with the values inline.
    static func inline(mjml: [UInt8]) -> Skeleton {
        let doc = MJML.parse(bytes: mjml, options: MJMLParseOptions(validation: .skip))
        let html = MJML.renderBytes(doc)
        let text = Array(MJML.renderText(doc).utf8)
        var h = Segments(), t = Segments()
        h.append(html[...], hole: -1)
        t.append(text[...], hole: -1)
        return Skeleton(html: h, text: t, valueStructural: true)
    }

    /// Splits at `U+E000 digits U+E001`. Nil when a placeholder is malformed, names no hole, or
    /// (with `requireAll`) a hole never appears: MJML used the value to compute something.
    static func cut(_ bytes: [UInt8], holeCount: Int, requireAll: Bool) -> Segments? {
        var segments = Segments()
        var seen = [Bool](repeating: false, count: holeCount)
        var start = 0
        var i = 0
        let n = bytes.count
        while i + 2 < n {
            if bytes[i] == 0xEE && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x80 || bytes[i + 2] == 0x81) {
                guard bytes[i + 2] == 0x80 else { return nil }  // a stray close
                var j = i + 3
                var index = 0
                while j < n, bytes[j] >= 48, bytes[j] <= 57, j - i < 12 { index = index * 10 + Int(bytes[j] - 48); j += 1 }
                guard j > i + 3, j + 2 < n, bytes[j] == 0xEE, bytes[j + 1] == 0x80, bytes[j + 2] == 0x81, index < holeCount else { return nil }
                segments.append(bytes[start..<i], hole: index)
                seen[index] = true
                i = j + 3
                start = i
            } else {
                i += 1
            }
        }
        segments.append(bytes[start...], hole: -1)
        if requireAll, seen.contains(false) { return nil }
        return segments
    }

}

/// Writing a filled message: segments and hole values.
enum Fill {
    /// HTML: values HTML-escaped unless safe; `json`: the result escaped for a JSON string.
    static func html(_ segments: Segments, _ holes: [Hole], json: Bool, into out: inout [UInt8]) {
        write(segments, holes, html: true, json: json, into: &out)
    }

    /// Text part: values raw.
    static func text(_ segments: Segments, _ holes: [Hole], json: Bool, into out: inout [UInt8]) {
        write(segments, holes, html: false, json: json, into: &out)
    }

    /// The static bytes between cuts copied as they are, the values escaped as `html` and
    /// `json` ask. Holes are read through a buffer pointer: indexing the array copied each
    /// value (a retain and a release per value, twice per recipient).
    static func write(_ s: Segments, _ holes: [Hole], html: Bool, json: Bool, into out: inout [UInt8]) {
        let bytes = json ? s.json : s.raw
        bytes.withUnsafeBufferPointer { buf in
            holes.withUnsafeBufferPointer { values in
                var start = 0
                for cut in s.cuts {
                    let end = json ? cut.json : cut.raw
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<end]))
                    start = end
                    guard cut.hole >= 0 else { continue }
                    if html, !values[cut.hole].safe {
                        HTMLEscape.append(values[cut.hole].text, json: json, to: &out)
                    } else if json {
                        JSONEscape.appendEscaped(values[cut.hole].text, to: &out)
                    } else {
                        withUTF8(of: values[cut.hole].text) { out.append(contentsOf: $0) }
                    }
                }
            }
        }
    }
}
