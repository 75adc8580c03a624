import CLibXML2

/// One token of an HTML-like stream, as Vale's walker sees it (Go's `html.Tokenizer`).
/// Markdown, HTML and MJML extractors all produce this stream; `BlockWalker` turns it into blocks.
enum HTMLToken {
    case start(name: String, attrs: [HTMLAttribute], selfClosing: Bool)
    case end(name: String)
    case text(MappedText)
    case comment(String)
}

struct HTMLAttribute {
    var name: String
    var value: String
    /// Source offset (UTF-16) of the first character of the value, or -1.
    var valueOffset: Int
    /// Decoded value with its source map.
    var mapped: MappedText?
}

extension Array where Element == HTMLAttribute {
    func value(_ name: String) -> String? { first { $0.name == name }?.value }
}

/// Decodes character references, keeping each decoded character mapped to where its reference
/// began. Named references are resolved by libxml2's HTML entity table.
enum Entities {
    static func decode(_ units: ArraySlice<UInt16>, base: Int) -> MappedText {
        var out: [UInt16] = []
        var map: [Int] = []
        out.reserveCapacity(units.count); map.reserveCapacity(units.count)
        let a = Array(units)
        var i = 0
        while i < a.count {
            if a[i] == 38 /* & */, let (scalar, len) = reference(a, i) {
                for u in String(Character(scalar)).utf16 { out.append(u); map.append(base + i) }
                i += len
                continue
            }
            out.append(a[i]); map.append(base + i); i += 1
        }
        return MappedText(units: out, map: map)
    }

    static func decode(_ s: String) -> String {
        decode(ArraySlice(Array(s.utf16)), base: 0).string
    }

    private static func reference(_ a: [UInt16], _ i: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        guard j < a.count else { return nil }
        if a[j] == 35 /* # */ {
            j += 1
            var hex = false
            if j < a.count, a[j] == 120 || a[j] == 88 { hex = true; j += 1 }
            var v: UInt32 = 0
            let start = j
            while j < a.count, let d = digit(a[j], hex: hex), j - start < 8 { v = v * (hex ? 16 : 10) + d; j += 1 }
            guard j > start else { return nil }
            if j < a.count, a[j] == 59 { j += 1 }
            return (Unicode.Scalar(v) ?? "\u{FFFD}", j - i)
        }
        var name = ""
        while j < a.count, j - i < 32, let s = Unicode.Scalar(a[j]), s.properties.isAlphabetic || (a[j] >= 48 && a[j] <= 57) {
            name.unicodeScalars.append(s); j += 1
        }
        guard !name.isEmpty, j < a.count, a[j] == 59 else { return nil }
        guard let entity = name.withCString({ htmlEntityLookup(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }),
            let scalar = Unicode.Scalar(entity.pointee.value)
        else { return nil }
        return (scalar, j + 1 - i)
    }

    private static func digit(_ u: UInt16, hex: Bool) -> UInt32? {
        if u >= 48 && u <= 57 { return UInt32(u - 48) }
        if hex && u >= 97 && u <= 102 { return UInt32(u - 87) }
        if hex && u >= 65 && u <= 70 { return UInt32(u - 55) }
        return nil
    }
}

/// A small, tolerant HTML tokenizer over UTF-16 with source offsets (Go's tokenizer keeps
/// no positions, and libxml2's parser re-nests tags; Vale's walker wants the flat stream).
struct HTMLTokenizer {
    let u: [UInt16]
    let base: Int
    var i = 0
    var rawTextEnd: String?

    init(units: [UInt16], base: Int = 0) { u = units; self.base = base }

    static func tokens(_ units: [UInt16], base: Int = 0) -> [HTMLToken] {
        var t = HTMLTokenizer(units: units, base: base)
        var out: [HTMLToken] = []
        while let tok = t.next() { out.append(tok) }
        return out
    }

    private func lower(_ c: UInt16) -> UInt16 { (c >= 65 && c <= 90) ? c + 32 : c }
    private func isNameChar(_ c: UInt16) -> Bool {
        !(c == 32 || c == 9 || c == 10 || c == 13 || c == 12 || c == 47 || c == 62 || c == 0)
    }
    private func isSpace(_ c: UInt16) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 || c == 12 }
    private func isAlpha(_ c: UInt16) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }

    mutating func next() -> HTMLToken? {
        guard i < u.count else { return nil }
        if let end = rawTextEnd {
            // Inside <script>/<style>: everything up to the matching end tag is text.
            rawTextEnd = nil
            let closing = Array("</\(end)".utf16)
            var j = i
            while j < u.count {
                if u[j] == 60, j + closing.count <= u.count,
                    zip(u[j..<(j + closing.count)], closing).allSatisfy({ lower($0) == $1 })
                {
                    break
                }
                j += 1
            }
            let text = MappedText(units: Array(u[i..<j]), map: Array((base + i)..<(base + j)))
            i = j
            if !text.units.isEmpty { return .text(text) }
            return next()
        }
        if u[i] == 60 /* < */, i + 1 < u.count {
            let c = u[i + 1]
            if c == 33 /* ! */ {
                if i + 3 < u.count, u[i + 2] == 45, u[i + 3] == 45 {
                    // comment
                    var j = i + 4
                    while j + 2 < u.count, !(u[j] == 45 && u[j + 1] == 45 && u[j + 2] == 62) { j += 1 }
                    let body = String(decoding: u[(i + 4)..<min(j, u.count)], as: UTF16.self)
                    i = min(j + 3, u.count)
                    return .comment(body)
                }
                var j = i
                while j < u.count, u[j] != 62 { j += 1 }
                i = min(j + 1, u.count)
                return next()
            }
            if c == 47 /* / */, i + 2 < u.count, isAlpha(u[i + 2]) {
                var j = i + 2
                var name = ""
                while j < u.count, isNameChar(u[j]) { name.unicodeScalars.append(Unicode.Scalar(lower(u[j])) ?? "?"); j += 1 }
                while j < u.count, u[j] != 62 { j += 1 }
                i = min(j + 1, u.count)
                return .end(name: name)
            }
            if isAlpha(c) { return startTag() }
            if c == 63 /* ? */ {
                var j = i
                while j < u.count, u[j] != 62 { j += 1 }
                i = min(j + 1, u.count)
                return next()
            }
        }
        // text up to the next tag-like '<'
        var j = i + 1
        while j < u.count {
            if u[j] == 60, j + 1 < u.count, isAlpha(u[j + 1]) || u[j + 1] == 47 || u[j + 1] == 33 || u[j + 1] == 63 { break }
            j += 1
        }
        let text = Entities.decode(u[i..<j], base: base + i)
        i = j
        return .text(text)
    }

    private mutating func startTag() -> HTMLToken {
        var j = i + 1
        var name = ""
        while j < u.count, isNameChar(u[j]) { name.unicodeScalars.append(Unicode.Scalar(lower(u[j])) ?? "?"); j += 1 }
        var attrs: [HTMLAttribute] = []
        var selfClosing = false
        while j < u.count {
            while j < u.count, isSpace(u[j]) { j += 1 }
            guard j < u.count else { break }
            if u[j] == 62 { j += 1; break }
            if u[j] == 47 { selfClosing = true; j += 1; continue }
            var an = ""
            while j < u.count, isNameChar(u[j]), u[j] != 61 { an.unicodeScalars.append(Unicode.Scalar(lower(u[j])) ?? "?"); j += 1 }
            while j < u.count, isSpace(u[j]) { j += 1 }
            var value = MappedText(units: [], map: [])
            var voff = -1
            if j < u.count, u[j] == 61 {
                j += 1
                while j < u.count, isSpace(u[j]) { j += 1 }
                if j < u.count, u[j] == 34 || u[j] == 39 {
                    let q = u[j]; j += 1
                    let s = j
                    while j < u.count, u[j] != q { j += 1 }
                    value = Entities.decode(u[s..<j], base: base + s); voff = base + s
                    j = min(j + 1, u.count)
                } else {
                    let s = j
                    while j < u.count, !isSpace(u[j]), u[j] != 62 { j += 1 }
                    value = Entities.decode(u[s..<j], base: base + s); voff = base + s
                }
            }
            if an.isEmpty { j += 1; continue }
            attrs.append(HTMLAttribute(name: an, value: value.string, valueOffset: voff, mapped: value))
        }
        i = j
        if name == "script" || name == "style" || name == "textarea" || name == "title" { rawTextEnd = name }
        return .start(name: name, attrs: attrs, selfClosing: selfClosing)
    }
}
