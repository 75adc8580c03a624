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
    private let bytes: [UInt8]
    private let baseOffset: Int
    private var position = 0
    private var tokens: [ExprToken] = []

    private init(_ markup: String, baseOffset: Int) {
        bytes = Array(markup.utf8)
        self.baseOffset = baseOffset
    }

    static func tokenize(_ markup: String, baseOffset: Int) throws -> [ExprToken] {
        var lexer = ExpressionLexer(markup, baseOffset: baseOffset)
        try lexer.run()
        return lexer.tokens
    }

    /// The tokens of the markup, then `.end`. Spaces and one-character tokens are read here, the
    /// rest by the functions below (this loop runs once per character of every expression).
    private mutating func run() throws {
        while position < bytes.count {
            let c = bytes[position]
            if isSpace(c) { position += 1; continue }
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""): try string(quote: c)
            case UInt8(ascii: "."):
                if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ".") { add(.dotDot, length: 2) } else { add(.dot) }
            case UInt8(ascii: "["): add(.leftBracket)
            case UInt8(ascii: "]"): add(.rightBracket)
            case UInt8(ascii: "("): add(.leftParen)
            case UInt8(ascii: ")"): add(.rightParen)
            case UInt8(ascii: "|"): add(.pipe)
            case UInt8(ascii: ":"): add(.colon)
            case UInt8(ascii: ","): add(.comma)
            case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"): try comparison(c)
            default: try word(c)
            }
        }
        tokens.append(ExprToken(kind: .end, offset: baseOffset + bytes.count))
    }

    private func text(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a..<b], as: UTF8.self) }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private func isDigit(at i: Int) -> Bool { i < bytes.count && Self.isDigit(bytes[i]) }

    /// Appends a token of `length` bytes at the position and moves past it.
    private mutating func add(_ kind: ExprToken.Kind, length: Int = 1) {
        tokens.append(ExprToken(kind: kind, offset: baseOffset + position))
        position += length
    }

    /// A number, or an identifier (which may contain `-` and end with `?`).
    private mutating func word(_ c: UInt8) throws {
        if Self.isDigit(c) || (c == UInt8(ascii: "-") && isDigit(at: position + 1)) {
            number()
        } else if Self.isIdentStart(c) {
            var j = position + 1
            while j < bytes.count, isWord(bytes[j]) || bytes[j] == UInt8(ascii: "-") { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "?") { j += 1 }
            add(.identifier(text(position, j)), length: j - position)
        } else {
            let ch = String(decoding: bytes[position..<min(position + 1, bytes.count)], as: UTF8.self)
            throw LiquidError(.syntax, "unexpected character '\(ch)'", offset: baseOffset + position)
        }
    }

    /// A string literal in `quote`s (no escapes, as in Shopify's Liquid).
    private mutating func string(quote: UInt8) throws {
        var j = position + 1
        while j < bytes.count, bytes[j] != quote { j += 1 }
        guard j < bytes.count else {
            throw LiquidError(
                .syntax, "unterminated string literal (expected a closing \(Character(Unicode.Scalar(quote))))", offset: baseOffset + position)
        }
        add(.string(text(position + 1, j)), length: j + 1 - position)
    }

    /// `==`, `!=`, `<>`, `<=`, `>=`, `<`, `>` or `=`; a lone `!` is an error.
    private mutating func comparison(_ c: UInt8) throws {
        let two = position + 1 < bytes.count ? text(position, position + 2) : ""
        if ["==", "!=", "<>", "<=", ">="].contains(two) {
            add(.comparison(two), length: 2)
        } else if c == UInt8(ascii: "=") {
            add(.equals)
        } else if c == UInt8(ascii: "<") || c == UInt8(ascii: ">") {
            add(.comparison(text(position, position + 1)))
        } else {
            throw LiquidError(.syntax, "unexpected character '!'", offset: baseOffset + position)
        }
    }

    /// An integer or a float (`-` before digits makes it negative); a word that starts with
    /// digits (`1e3`, `2nd`) is a variable name, as Shopify reads it.
    private mutating func number() {
        let negative = bytes[position] == UInt8(ascii: "-")
        var j = position + 1
        while isDigit(at: j) { j += 1 }
        var isFloat = false
        if j + 1 < bytes.count, bytes[j] == UInt8(ascii: "."), Self.isDigit(bytes[j + 1]) {
            isFloat = true
            j += 1
            while isDigit(at: j) { j += 1 }
        }
        if !negative, j < bytes.count, isWord(bytes[j]) {
            while j < bytes.count, isWord(bytes[j]) || bytes[j] == UInt8(ascii: "-") { j += 1 }
            add(.identifier(text(position, j)), length: j - position)
            return
        }
        let t = text(position, j)
        if isFloat {
            add(.double(Double(t) ?? 0), length: j - position)
        } else if let v = Int(t) {
            add(.int(v), length: j - position)
        } else {
            add(.double(Double(t) ?? 0), length: j - position)
        }
    }

    static func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c >= 0x80
    }
}
