import Foundation
import Testing

@testable import Assembly

/// The escapers test eight bytes at a time; these check them against a byte-by-byte reference on
/// strings that put each special byte at every offset of a word, and on seeded random strings.
@Suite struct EscapingTests {
    /// The rules written out plainly, one byte at a time.
    static func reference(_ s: String, html: Bool, json: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for b in s.utf8 {
            if html, let entity = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"][String(UnicodeScalar(b))], b < 0x80 {
                out += Array(entity.utf8)
                continue
            }
            if json {
                switch b {
                case 0x22: out += [0x5C, 0x22]; continue
                case 0x5C: out += [0x5C, 0x5C]; continue
                case 0x0A: out += Array("\\n".utf8); continue
                case 0x0D: out += Array("\\r".utf8); continue
                case 0x09: out += Array("\\t".utf8); continue
                case 0..<0x20: out += Array(String(format: "\\u%04x", b).utf8); continue
                default: break
                }
            }
            out.append(b)
        }
        return out
    }

    static func check(_ s: String) {
        var json: [UInt8] = []
        JSONEscape.appendEscaped(s, to: &json)
        #expect(json == reference(s, html: false, json: true), "JSON escape of \(s.debugDescription)")
        for jsonToo in [false, true] {
            var html: [UInt8] = []
            HTMLEscape.append(s, json: jsonToo, to: &html)
            #expect(html == reference(s, html: true, json: jsonToo), "HTML escape (json: \(jsonToo)) of \(s.debugDescription)")
        }
    }

    @Test func everySpecialByteAtEveryOffsetOfAWord() {
        let specials = ["\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "&", "<", ">", "'", " ", "~", "\u{7F}", "é", "€", "😀"]
        for special in specials {
            for offset in 0..<17 {
                let s = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 16 - offset)
                Self.check(s)
            }
        }
        Self.check("")
        Self.check("plain text of more than eight bytes, nothing to escape")
    }

    @Test func seededRandomStrings() {
        var rng = SplitMix64(seed: 7)
        let alphabet = Array("abc XYZ019\"\\\n\t&<>'é€\u{02}\u{7F}/".unicodeScalars)
        for _ in 0..<2000 {
            let n = rng.next(40)
            let s = String(String.UnicodeScalarView((0..<n).map { _ in alphabet[rng.next(alphabet.count)] }))
            Self.check(s)
        }
    }
}
