/// One output value recorded by a hole-mode render (`Template.render(_:into:holes:)`).
public struct Hole: Sendable, Equatable {
    /// The value as text, not escaped.
    public var text: String
    /// True when the template marked it as HTML (`| raw`, `| escape`…, or autoescape off):
    /// a filler writes it as is; otherwise it must HTML-escape it.
    public var safe: Bool
    public init(text: String, safe: Bool) {
        self.text = text
        self.safe = safe
    }

    /// Placeholder delimiters: U+E000 and U+E001 (private use), UTF-8 encoded.
    public static let open: [UInt8] = [0xEE, 0x80, 0x80]
    public static let close: [UInt8] = [0xEE, 0x80, 0x81]
}
