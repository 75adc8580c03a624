/// UTF-16 code units of the ASCII characters the text scanners (Markdown, HTML, Liquid masking)
/// look for, by name.
enum Char16 {
    static let tab: UInt16 = 0x09
    static let newline: UInt16 = 0x0A
    static let space: UInt16 = 0x20
    static let bang: UInt16 = 0x21  // !
    static let doubleQuote: UInt16 = 0x22  // "
    static let percent: UInt16 = 0x25  // %
    static let ampersand: UInt16 = 0x26  // &
    static let singleQuote: UInt16 = 0x27  // '
    static let openParen: UInt16 = 0x28  // (
    static let closeParen: UInt16 = 0x29  // )
    static let star: UInt16 = 0x2A  // *
    static let comma: UInt16 = 0x2C  // ,
    static let hyphen: UInt16 = 0x2D  // -
    static let dot: UInt16 = 0x2E  // .
    static let slash: UInt16 = 0x2F  // /
    static let colon: UInt16 = 0x3A  // :
    static let semicolon: UInt16 = 0x3B  // ;
    static let lessThan: UInt16 = 0x3C  // <
    static let greaterThan: UInt16 = 0x3E  // >
    static let question: UInt16 = 0x3F  // ?
    static let openBracket: UInt16 = 0x5B  // [
    static let backslash: UInt16 = 0x5C  // \
    static let closeBracket: UInt16 = 0x5D  // ]
    static let underscore: UInt16 = 0x5F  // _
    static let backtick: UInt16 = 0x60  // `
    static let lowerH: UInt16 = 0x68  // h
    static let lowerW: UInt16 = 0x77  // w
    static let openBrace: UInt16 = 0x7B
    static let closeBrace: UInt16 = 0x7D
    static let tilde: UInt16 = 0x7E  // ~

    /// `A`–`Z` or `a`–`z`.
    static func isLetter(_ c: UInt16) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
}
