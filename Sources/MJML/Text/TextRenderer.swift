enum TextRenderer { static func render(_ d: MJMLDocument) -> String { "" } }
