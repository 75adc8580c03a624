/// A token of Liquid's expression language (inside `{{ }}` and tag markup).
public struct ExprToken: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case identifier(String)
        case string(String)
        case int(Int)
        case double(Double)
        case dot, dotDot, leftBracket, rightBracket, leftParen, rightParen
        case pipe, colon, comma, equals
        case comparison(String)
        case end
    }
    public var kind: Kind
    /// UTF-8 offset in the template source.
    public var offset: Int
}

/// Splits expression markup into tokens. Identifiers may contain `-` after the first
/// character and end with `?` (Shopify allows both).
struct ExpressionLexer {
    static func tokenize(_ markup: String, baseOffset: Int) throws -> [ExprToken] {
        let s = Array(markup.utf8)
        var tokens: [ExprToken] = []
        var i = 0
        func text(_ a: Int, _ b: Int) -> String { String(decoding: s[a..<b], as: UTF8.self) }
        while i < s.count {
            let c = s[i]
            let at = baseOffset + i
            if isSpace(c) { i += 1; continue }
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                var j = i + 1
                while j < s.count, s[j] != c { j += 1 }
                guard j < s.count else { throw LiquidError(.syntax, "unterminated string literal (expected a closing \(Character(Unicode.Scalar(c))))", offset: at) }
                tokens.append(ExprToken(kind: .string(text(i + 1, j)), offset: at))
                i = j + 1
            case UInt8(ascii: "."):
                if i + 1 < s.count, s[i + 1] == UInt8(ascii: ".") {
                    tokens.append(ExprToken(kind: .dotDot, offset: at)); i += 2
                } else {
                    tokens.append(ExprToken(kind: .dot, offset: at)); i += 1
                }
            case UInt8(ascii: "["): tokens.append(ExprToken(kind: .leftBracket, offset: at)); i += 1
            case UInt8(ascii: "]"): tokens.append(ExprToken(kind: .rightBracket, offset: at)); i += 1
            case UInt8(ascii: "("): tokens.append(ExprToken(kind: .leftParen, offset: at)); i += 1
            case UInt8(ascii: ")"): tokens.append(ExprToken(kind: .rightParen, offset: at)); i += 1
            case UInt8(ascii: "|"): tokens.append(ExprToken(kind: .pipe, offset: at)); i += 1
            case UInt8(ascii: ":"): tokens.append(ExprToken(kind: .colon, offset: at)); i += 1
            case UInt8(ascii: ","): tokens.append(ExprToken(kind: .comma, offset: at)); i += 1
            case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                let two = i + 1 < s.count ? text(i, i + 2) : ""
                if ["==", "!=", "<>", "<=", ">="].contains(two) {
                    tokens.append(ExprToken(kind: .comparison(two), offset: at)); i += 2
                } else if c == UInt8(ascii: "=") {
                    tokens.append(ExprToken(kind: .equals, offset: at)); i += 1
                } else if c == UInt8(ascii: "<") || c == UInt8(ascii: ">") {
                    tokens.append(ExprToken(kind: .comparison(text(i, i + 1)), offset: at)); i += 1
                } else {
                    throw LiquidError(.syntax, "unexpected character '!'", offset: at)
                }
            default:
                let isDigit = c >= 0x30 && c <= 0x39
                let negative = c == UInt8(ascii: "-") && i + 1 < s.count && s[i + 1] >= 0x30 && s[i + 1] <= 0x39
                if isDigit || negative {
                    var j = i + 1
                    while j < s.count, s[j] >= 0x30 && s[j] <= 0x39 { j += 1 }
                    var isFloat = false
                    if j + 1 < s.count, s[j] == UInt8(ascii: "."), s[j + 1] >= 0x30 && s[j + 1] <= 0x39 {
                        isFloat = true
                        j += 1
                        while j < s.count, s[j] >= 0x30 && s[j] <= 0x39 { j += 1 }
                    }
                    // `1e3` or `2nd`: Shopify reads a word that starts with digits as a variable name.
                    if !negative, j < s.count, isWord(s[j]) {
                        while j < s.count, isWord(s[j]) || s[j] == UInt8(ascii: "-") { j += 1 }
                        tokens.append(ExprToken(kind: .identifier(text(i, j)), offset: at))
                        i = j
                        continue
                    }
                    let t = text(i, j)
                    if isFloat { tokens.append(ExprToken(kind: .double(Double(t) ?? 0), offset: at)) }
                    else if let v = Int(t) { tokens.append(ExprToken(kind: .int(v), offset: at)) }
                    else { tokens.append(ExprToken(kind: .double(Double(t) ?? 0), offset: at)) }
                    i = j
                } else if isIdentStart(c) {
                    var j = i + 1
                    while j < s.count, isWord(s[j]) || s[j] == UInt8(ascii: "-") { j += 1 }
                    if j < s.count, s[j] == UInt8(ascii: "?") { j += 1 }
                    tokens.append(ExprToken(kind: .identifier(text(i, j)), offset: at))
                    i = j
                } else {
                    let ch = String(decoding: s[i..<min(i + 1, s.count)], as: UTF8.self)
                    throw LiquidError(.syntax, "unexpected character '\(ch)'", offset: at)
                }
            }
        }
        tokens.append(ExprToken(kind: .end, offset: baseOffset + s.count))
        return tokens
    }

    static func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c >= 0x80
    }
}
