import BrandContext
import Foundation

/// Header fields of the `.eml` output, written so that no value can add a header, a recipient
/// or a body: text is folded or RFC 2047-encoded, never written raw; addresses are validated.
enum MailHeader {
    /// The longest line a header aims for (RFC 5322 2.1.1 recommends 78; 998 is the hard limit).
    static let lineLength = 78
    /// `Name: value` for unstructured text (Subject, X- fields): plain printable ASCII folded at
    /// spaces; anything else (non-ASCII, control characters, a literal `=?`) as encoded words.
    static func unstructured(_ name: String, _ value: String) -> String {
        let plain = value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !value.contains("=?")
        return "\(name): " + (plain ? fold(value, after: name.count + 2) : encodedWords(value, after: name.count + 2))
    }

    /// A display name (`From: NAME <address>`): as is when it is atoms and spaces, else a
    /// quoted string, else encoded words, so a comma or `<` in it cannot start another address.
    static func phrase(_ text: String) -> String {
        if !text.isEmpty, text.utf8.allSatisfy({ isAtext($0) || $0 == 0x20 }) { return text }
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && !text.contains("=?") {
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(text, after: "From: ".count)
    }

    /// RFC 2047 `B` encoded words, one a line, each as long as its line allows (`used`
    /// columns are taken on the first), never splitting a character.
    static func encodedWords(_ text: String, after used: Int) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        var room = capacity(after: used)
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > room, !chunk.isEmpty {
                words.append(word(chunk))
                chunk.removeAll()
                room = capacity(after: 1)
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    /// UTF-8 bytes whose encoded word (`=?UTF-8?B?` base64 `?=`) fits in a line after `used` columns.
    private static func capacity(after used: Int) -> Int {
        max(3, (lineLength - used - 12) / 4 * 3)
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }

    /// Folds printable ASCII at spaces so lines stay near `lineLength` (a word longer than a line
    /// stays whole: unstructured text may not be broken inside a word).
    static func fold(_ text: String, after used: Int) -> String {
        var out = ""
        var column = used
        for (i, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if i > 0 {
                if column + 1 + word.count > lineLength, column > 0 {
                    out += "\r\n "
                    column = 1
                } else {
                    out += " "
                    column += 1
                }
            }
            out += word
            column += word.count
        }
        return out
    }

    static func isAtext(_ c: UInt8) -> Bool { EmailAddress.isAtext(c) }
}
