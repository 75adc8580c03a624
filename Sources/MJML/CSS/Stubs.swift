enum CSSInliner { static func inline(css: String, into bytes: [UInt8]) -> [UInt8] { bytes } }
enum HTMLAttributes { static func apply(_ a: [(selector: String, attributes: [(String, String)])], to bytes: [UInt8]) -> [UInt8] { bytes } }
enum TextRenderer { static func render(_ d: MJMLDocument) -> String { "" } }
enum Includes { static func expand(_ node: inout MJMLNode, root: String, diagnostics: inout [MJMLDiagnostic]) {} }
enum Validator { static func validate(_ root: MJMLNode, strict: Bool, file: String?) -> [MJMLDiagnostic] { [] } }
